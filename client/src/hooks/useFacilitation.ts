import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { BreakRequest, FacilitationState } from '../../../shared/facilitation.js';
import type { Role } from '../../../shared/participants.js';
import { PresenceEntry, type ClientAckData, type ClientEventName, type ClientPayload, type ErrorCode } from '../../../shared/session.js';
import { clearIdentity, updateIdentity } from '../identity.js';
import { followPresence } from './presenceFeed.js';

/**
 * The facilitation side of the session channel: step, timer, lock, anonymity, hands, breaks, the
 * facilitator log and presence with author keys. The server decides everything; this hook only
 * listens, asks, and shows. It shares the socket that useSession opened.
 */

/** The parts of a presence entry facilitation reads (author keys map notes to names). */
export const PersonLite = PresenceEntry.pick({
  participantId: true,
  name: true,
  group: true,
  role: true,
  status: true,
  authorKey: true,
}).extend({ inRoom: z.boolean().optional(), coFacilitator: z.boolean().default(false) });
export type PersonLite = z.infer<typeof PersonLite>;

/** A log entry, read leniently: an action this client does not know yet still shows. */
export const LogEntryLite = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).catch({}),
});
export type LogEntryLite = z.infer<typeof LogEntryLite>;

const BreakList = z.object({ breaks: z.array(BreakRequest) });
const FacilitationGet = z.object({ state: FacilitationState, breaks: z.array(BreakRequest).nullable() });
const LogList = z.object({ entries: z.array(z.unknown()) });

/** Failures a request can end in: the server's codes, or never reaching it. */
export type RequestErrorCode = ErrorCode | 'offline' | 'timeout';
export type RequestResult<T> = { ok: true; data: T } | { ok: false; code: RequestErrorCode };

const REQUEST_TIMEOUT_MS = 10_000;

export function sendRequest<E extends ClientEventName>(
  socket: Socket | null,
  event: E,
  payload: ClientPayload<E>,
): Promise<RequestResult<ClientAckData<E>>> {
  return new Promise((resolve) => {
    if (!socket || !socket.connected) {
      resolve({ ok: false, code: 'offline' });
      return;
    }
    socket.timeout(REQUEST_TIMEOUT_MS).emit(event, payload, (err: Error | null, ack: unknown) => {
      if (err) return resolve({ ok: false, code: 'timeout' });
      const a = ack as { ok?: boolean; data?: unknown; error?: { code?: string } } | undefined;
      if (a?.ok === true) return resolve({ ok: true, data: a.data as ClientAckData<E> });
      resolve({ ok: false, code: (a?.error?.code as ErrorCode | undefined) ?? 'internal' });
    });
  });
}

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
  people: PersonLite[] | null;
  /** The facilitator log, oldest first (null until loaded). */
  log: LogEntryLite[] | null;
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
  const [people, setPeople] = useState<PersonLite[] | null>(null);
  const [log, setLog] = useState<LogEntryLite[] | null>(null);
  const [joinUrl, setJoinUrl] = useState<string | null>(null);
  const facilitatorRef = useRef(isFacilitator);
  facilitatorRef.current = isFacilitator;

  useEffect(() => {
    if (!socket) return;
    const applyState = (payload: unknown) => {
      const parsed = FacilitationState.safeParse(payload);
      if (!parsed.success) return;
      setState(parsed.data);
      setClockOffset(parsed.data.serverNow - Date.now());
    };
    const load = () => {
      setConnected(true);
      void sendRequest(socket, 'facilitation:get', {}).then((r) => {
        if (!r.ok) return;
        const parsed = FacilitationGet.safeParse(r.data);
        if (!parsed.success) return;
        applyState(parsed.data.state);
        setBreaks(parsed.data.breaks);
      });
      void sendRequest(socket, 'log:list', {}).then((r) => {
        if (!r.ok) return;
        const parsed = LogList.safeParse(r.data);
        if (!parsed.success) return;
        setLog(
          parsed.data.entries.flatMap((e) => {
            const entry = LogEntryLite.safeParse(e);
            return entry.success ? [entry.data] : [];
          }),
        );
      });
    };
    const onBreaks = (payload: unknown) => {
      const parsed = BreakList.safeParse(payload);
      if (parsed.success && facilitatorRef.current) setBreaks(parsed.data.breaks);
    };
    const onLog = (payload: unknown) => {
      const parsed = LogEntryLite.safeParse(payload);
      if (!parsed.success) return;
      setLog((prev) => (prev?.some((e) => e.id === parsed.data.id) ? prev : [...(prev ?? []), parsed.data]));
    };
    const onDisconnect = () => setConnected(false);

    socket.on('connect', load);
    socket.on('disconnect', onDisconnect);
    socket.on('facilitation:state', applyState);
    // Presence with author keys, from the socket's one presence feed (shared with useSession).
    const stopPresence = followPresence(socket, PersonLite, setPeople);
    socket.on('break:list', onBreaks);
    socket.on('log:entry', onLog);
    if (socket.connected) {
      // The first broadcasts may have come before these listeners: ask again.
      load();
    }
    return () => {
      socket.off('connect', load);
      socket.off('disconnect', onDisconnect);
      socket.off('facilitation:state', applyState);
      stopPresence();
      socket.off('break:list', onBreaks);
      socket.off('log:entry', onLog);
    };
  }, [socket]);

  // Co-facilitation: a new facilitator fetches the open break requests; a former one forgets them.
  useEffect(() => {
    if (!isFacilitator) {
      setBreaks(null);
      return;
    }
    void sendRequest(socket, 'facilitation:get', {}).then((r) => {
      if (!r.ok) return;
      const parsed = FacilitationGet.safeParse(r.data);
      if (parsed.success) setBreaks(parsed.data.breaks);
    });
  }, [isFacilitator, socket]);

  const request = useCallback(
    <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => sendRequest(socket, event, payload),
    [socket],
  );

  const rotateJoinLink = useCallback(async (): Promise<RequestResult<{ joinUrl: string }>> => {
    const r = await sendRequest(socket, 'link:rotate', {});
    if (!r.ok) return r;
    setJoinUrl(r.data.joinUrl);
    updateIdentity(boardId, { joinUrl: r.data.joinUrl });
    return { ok: true, data: { joinUrl: r.data.joinUrl } };
  }, [socket, boardId]);

  return { connected, state, clockOffset, breaks, people, log, joinUrl, request, rotateJoinLink };
}

/** Names by author key, for notes. Empty while the board is anonymous (the server sends no keys). */
export function useAuthorNames(people: PersonLite[] | null, anonymous: boolean): Map<string, string> {
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

const SessionEnded = z.object({ reason: z.string() });

export function useSessionEnded(socket: Socket | null, onEnded: () => void): void {
  const ref = useRef(onEnded);
  ref.current = onEnded;
  useEffect(() => {
    if (!socket) return;
    const handler = (payload: unknown) => {
      if (SessionEnded.safeParse(payload).success) ref.current();
    };
    socket.on('session:ended', handler);
    return () => {
      socket.off('session:ended', handler);
    };
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
