import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { BreakRequest, FacilitationState } from '../../../shared/facilitation.js';
import type { LogEntry } from '../../../shared/facilitatorLog.js';
import type { Role } from '../../../shared/participants.js';
import type { ClientAckData, ClientEventName, ClientPayload, PresenceEntry } from '../../../shared/session.js';
import { clearIdentity, updateIdentity } from '../identity.js';
import { request, subscribe, type RequestResult } from '../session/sessionClient.js';
import { followPresence } from './presenceFeed.js';

/**
 * The facilitation side of the session channel: step, timer, lock, anonymity, hands, breaks, the
 * facilitator log and presence with author keys. The server decides everything; this hook only
 * listens, asks, and shows. It shares the socket that useSession opened.
 */

/** The role a person has now: their own presence entry wins (roles change live), then the hello. */
export function liveRole(
  presence: ReadonlyArray<{ participantId: string; role: Role }> | null | undefined,
  myId: string,
  fallback: Role,
): Role {
  return presence?.find((p) => p.participantId === myId)?.role ?? fallback;
}

export interface Facilitation {
  connected: boolean;
  state: FacilitationState | null;
  /** Add to Date.now() to get the server's clock (from serverNow when the state arrived). */
  clockOffset: number;
  /** Open break requests (facilitators only; null for everyone else). */
  breaks: BreakRequest[] | null;
  /** Presence with author keys (null keys while the board is anonymous). */
  people: PresenceEntry[] | null;
  /** The facilitator log, oldest first (null until loaded). */
  log: LogEntry[] | null;
  /** A join link made in this visit (after "rotate"); null when none. */
  joinUrl: string | null;
  request: <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => Promise<RequestResult<ClientAckData<E>>>;
  rotateJoinLink: () => Promise<RequestResult<{ joinUrl: string }>>;
}

export function useFacilitation(socket: Socket | null, boardId: string, isFacilitator: boolean): Facilitation {
  const [connected, setConnected] = useState(() => socket?.connected ?? false);
  const [state, setState] = useState<FacilitationState | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const [breaks, setBreaks] = useState<BreakRequest[] | null>(null);
  const [people, setPeople] = useState<PresenceEntry[] | null>(null);
  const [log, setLog] = useState<LogEntry[] | null>(null);
  const [joinUrl, setJoinUrl] = useState<string | null>(null);
  const facilitatorRef = useRef(isFacilitator);
  facilitatorRef.current = isFacilitator;

  useEffect(() => {
    if (!socket) return;
    const applyState = (next: FacilitationState) => {
      setState(next);
      setClockOffset(next.serverNow - Date.now());
    };
    const load = () => {
      setConnected(true);
      void request(socket, 'facilitation:get', {}).then((r) => {
        if (!r.ok) return;
        applyState(r.data.state);
        setBreaks(r.data.breaks);
      });
      void request(socket, 'log:list', {}).then((r) => {
        if (r.ok) setLog(r.data.entries);
      });
    };
    const onDisconnect = () => setConnected(false);

    socket.on('connect', load);
    socket.on('disconnect', onDisconnect);
    const stops = [
      subscribe(socket, 'facilitation:state', applyState),
      // Presence with author keys, from the socket's one presence feed (shared with useSession).
      followPresence(socket, setPeople),
      subscribe(socket, 'break:list', (payload) => {
        if (facilitatorRef.current) setBreaks(payload.breaks);
      }),
      subscribe(socket, 'log:entry', (entry) => {
        setLog((prev) => (prev?.some((e) => e.id === entry.id) ? prev : [...(prev ?? []), entry]));
      }),
    ];
    if (socket.connected) {
      // The first broadcasts may have come before these listeners: ask again.
      load();
    }
    return () => {
      socket.off('connect', load);
      socket.off('disconnect', onDisconnect);
      for (const stop of stops) stop();
    };
  }, [socket]);

  // Co-facilitation: a new facilitator fetches the open break requests; a former one forgets them.
  useEffect(() => {
    if (!isFacilitator) {
      setBreaks(null);
      return;
    }
    void request(socket, 'facilitation:get', {}).then((r) => {
      if (r.ok) setBreaks(r.data.breaks);
    });
  }, [isFacilitator, socket]);

  const requestOnSocket = useCallback(
    <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => request(socket, event, payload),
    [socket],
  );

  const rotateJoinLink = useCallback(async (): Promise<RequestResult<{ joinUrl: string }>> => {
    const r = await request(socket, 'link:rotate', {});
    if (!r.ok) return r;
    setJoinUrl(r.data.joinUrl);
    updateIdentity(boardId, { joinUrl: r.data.joinUrl });
    return { ok: true, data: { joinUrl: r.data.joinUrl } };
  }, [socket, boardId]);

  return { connected, state, clockOffset, breaks, people, log, joinUrl, request: requestOnSocket, rotateJoinLink };
}

/** Names by author key, for notes. Empty while the board is anonymous (the server sends no keys). */
export function useAuthorNames(people: PresenceEntry[] | null, anonymous: boolean): Map<string, string> {
  return useMemo(() => {
    const map = new Map<string, string>();
    if (anonymous) return map;
    for (const p of people ?? []) if (p.authorKey) map.set(p.authorKey, p.name);
    return map;
  }, [people, anonymous]);
}

/**
 * Removal: the facilitator removed this person. Told on the session channel ('session:ended')
 * and on the doc channel (close code 'removed'), whichever comes first. The stored token is
 * forgotten at once.
 */
export function useRemoval(boardId: string): { removed: boolean; markRemoved: () => void } {
  const [removed, setRemoved] = useState(false);
  const markRemoved = useCallback(() => {
    clearIdentity(boardId);
    setRemoved(true);
  }, [boardId]);
  return { removed, markRemoved };
}

export function useSessionEnded(socket: Socket | null, onEnded: () => void): void {
  const ref = useRef(onEnded);
  ref.current = onEnded;
  useEffect(() => {
    if (!socket) return;
    return subscribe(socket, 'session:ended', () => ref.current());
  }, [socket]);
}

/** A per-device yes/no setting in localStorage. */
export function useDeviceSetting(key: string, fallback: boolean): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      const v = localStorage.getItem(key);
      return v === null ? fallback : v === 'on';
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (v: boolean) => {
      setValue(v);
      try {
        localStorage.setItem(key, v ? 'on' : 'off');
      } catch {
        // Private mode: the choice lasts for this visit.
      }
    },
    [key],
  );
  return [value, set];
}

/** The clock, ticking while `active` (every quarter second, so mm:ss never skips a second). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [active]);
  return now;
}
