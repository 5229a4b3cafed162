import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { PresenceEntry } from '../../../shared/session.js';
import { ballotFrom, dotsIn, dotsOn, type Ballot, type ClosedRound, type OpenRoundRequest, type VoteRound } from '../../../shared/votes.js';
import type { ParticipantGroup } from '../../../shared/participants.js';
import { request, subscribe, type RequestResult } from '../session/sessionClient.js';

/**
 * Voting on the session channel. The server decides everything (budgets, scope, secrecy); this
 * hook only asks and shows. While a round is open it knows one ballot (yours, or the ballot of
 * the in-room person you are helping) and how many people have voted; results arrive at close.
 */

/** The ballot being shown: whose (null = mine), in which round, as the server last confirmed it. */
interface ConfirmedBallot {
  forId: string | null;
  roundId: string;
  ballot: Ballot;
}

export type VotingNotice =
  | { kind: 'refused'; code: string }
  | { kind: 'dots'; noteId: string; dots: number; remaining: number; budget: number; forName: string | null };

export interface VotingModel {
  myId: string;
  isFacilitator: boolean;
  /** Facilitators, and participants the facilitator allowed, can vote for in-room people. */
  canAssist: boolean;
  connected: boolean;
  /** The open round, or null. */
  round: VoteRound | null;
  voters: number;
  /** The shown ballot with dots still on their way to the server included; null while loading. */
  ballot: Ballot | null;
  remaining: number;
  /** The in-room person whose ballot is shown, or null for your own. */
  actingFor: PresenceEntry | null;
  setActingFor: (participantId: string | null) => void;
  inRoomPeople: PresenceEntry[];
  /** Closed rounds, newest first. */
  closed: ClosedRound[];
  /** The closed round whose results are shown on the notes (null: none). */
  shownRound: ClosedRound | null;
  showRound: (roundId: string | null) => void;
  changeDots: (noteId: string, delta: 1 | -1) => void;
  openRound: (req: OpenRoundRequest) => Promise<RequestResult<VoteRound>>;
  closeRound: () => Promise<RequestResult<ClosedRound>>;
  addInRoom: (name: string, group: ParticipantGroup) => Promise<RequestResult<{ participantId: string; name: string }>>;
  allowAssist: (participantId: string, allowed: boolean) => Promise<RequestResult<{ participantId: string; allowed: boolean }>>;
  getStep: () => Promise<string | null>;
  /** Facilitator: tell the server a closed round's results became the shared priorities (it logs that). */
  reportResultsUsed: (roundId: string) => Promise<RequestResult<{ roundId: string }>>;
  /** The latest thing to tell the person (a refusal, or where their dots are now), with a serial. */
  notice: { value: VotingNotice; serial: number } | null;
  /** The latest change in the round to announce (started / closed), with a serial. */
  event: { kind: 'started' | 'closed'; title: string; budget: number; serial: number } | null;
}

export function useVoting({
  socket,
  connected,
  myId,
  isFacilitator,
  presence,
}: {
  socket: Socket | null;
  connected: boolean;
  myId: string;
  isFacilitator: boolean;
  presence: PresenceEntry[] | null;
}): VotingModel {
  const [round, setRound] = useState<VoteRound | null>(null);
  const [voters, setVoters] = useState(0);
  const [closed, setClosed] = useState<ClosedRound[]>([]);
  const [actingForId, setActingForId] = useState<string | null>(null);
  /** undefined: follow the newest closed round; null: hidden; id: that round. */
  const [shown, setShown] = useState<string | null | undefined>(undefined);
  const [notice, setNotice] = useState<VotingModel['notice']>(null);
  const [event, setEvent] = useState<VotingModel['event']>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);

  const confirmed = useRef<ConfirmedBallot | null>(null);
  /** Dots clicked but not yet confirmed, per note (+/-). */
  const pending = useRef(new Map<string, number>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const generation = useRef(0);
  const roundRef = useRef<VoteRound | null>(null);
  roundRef.current = round;
  const actingRef = useRef<string | null>(actingForId);
  actingRef.current = actingForId;
  const socketRef = useRef(socket);
  socketRef.current = socket;

  const tell = useCallback((value: VotingNotice) => setNotice((n) => ({ value, serial: (n?.serial ?? 0) + 1 })), []);

  const refresh = useCallback(async () => {
    const gen = ++generation.current;
    const forId = actingRef.current;
    const res = await request(socketRef.current, 'vote:state', forId ? { forParticipant: forId } : {});
    if (gen !== generation.current) return;
    if (!res.ok) {
      if (forId && ['forbidden', 'not-in-room', 'not-found'].includes(res.code)) {
        // No longer allowed to help, or the person is gone: back to your own ballot.
        setActingForId(null);
        tell({ kind: 'refused', code: res.code });
      }
      return;
    }
    const current = res.data.current;
    setRound(current?.round ?? null);
    setVoters(current?.voters ?? 0);
    confirmed.current = current ? { forId, roundId: current.round.roundId, ballot: current.ballot } : null;
    pending.current.clear();
    setClosed(res.data.closed);
    rerender();
  }, [tell]);

  // Ask on connect (and reconnect): events sent before this hook listened are not lost.
  useEffect(() => {
    if (socket && connected) void refresh();
  }, [socket, connected, refresh]);

  // Whose ballot is shown changed: fetch it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new person acted for means a new ballot to fetch.
  useEffect(() => {
    confirmed.current = null;
    pending.current.clear();
    rerender();
    void refresh();
  }, [actingForId, refresh]);

  useEffect(() => {
    if (!socket) return;
    const stopRound = subscribe(socket, 'vote:round', ({ round: next, voters: count }) => {
      setVoters(count);
      const before = roundRef.current;
      if ((next?.roundId ?? null) !== (before?.roundId ?? null)) {
        setRound(next);
        roundRef.current = next;
        if (next) {
          setShown(undefined);
          setEvent((e) => ({ kind: 'started', title: next.title, budget: next.budget, serial: (e?.serial ?? 0) + 1 }));
        } else {
          setActingForId(null);
        }
        void refresh();
      }
    });
    const stopResults = subscribe(socket, 'vote:results', (result) => {
      setClosed((list) => [...list.filter((c) => c.round.roundId !== result.round.roundId), result]);
      setShown(result.round.roundId);
      setEvent((e) => ({ kind: 'closed', title: result.round.title, budget: result.round.budget, serial: (e?.serial ?? 0) + 1 }));
    });
    return () => {
      stopRound();
      stopResults();
    };
  }, [socket, refresh]);

  const people = presence ?? [];
  const mine = people.find((p) => p.participantId === myId);
  // Roles can change during a session (a shared facilitator role): the presence list is live.
  const facilitator = mine ? mine.role === 'facilitator' : isFacilitator;
  const canAssist = facilitator || (mine?.canAssist ?? false);
  const inRoomPeople = useMemo(() => people.filter((p) => p.inRoom), [people]);
  const actingFor = actingForId ? (inRoomPeople.find((p) => p.participantId === actingForId) ?? null) : null;

  // Lost the right to help, or the person left the list: back to your own ballot.
  useEffect(() => {
    if (!actingForId || presence === null) return;
    if (!canAssist || !inRoomPeople.some((p) => p.participantId === actingForId)) setActingForId(null);
  }, [actingForId, canAssist, inRoomPeople, presence]);

  // What is shown: the confirmed ballot plus what is on its way.
  const view = confirmed.current;
  const showsCurrent = view !== null && round !== null && view.roundId === round.roundId && view.forId === actingForId;
  let ballot: Ballot | null = null;
  if (showsCurrent) {
    const dots = new Map(Object.entries(view.ballot));
    for (const [noteId, delta] of pending.current) dots.set(noteId, Math.max(0, (dots.get(noteId) ?? 0) + delta));
    ballot = ballotFrom(dots);
  }
  const remaining = round && ballot ? round.budget - dotsIn(ballot) : 0;

  const changeDots = useCallback(
    (noteId: string, delta: 1 | -1) => {
      const start = confirmed.current;
      const r = roundRef.current;
      if (!start || !r || start.roundId !== r.roundId || start.forId !== actingRef.current) return;
      const forId = start.forId;
      const forName = forId ? (inRoomPeople.find((p) => p.participantId === forId)?.name ?? null) : null;
      const gen = generation.current;
      const map = pending.current;
      map.set(noteId, (map.get(noteId) ?? 0) + delta);
      rerender();
      queue.current = queue.current.then(async () => {
        const settle = () => {
          if (gen !== generation.current) return;
          const left = (map.get(noteId) ?? 0) - delta;
          if (left === 0) map.delete(noteId);
          else map.set(noteId, left);
        };
        const cur = confirmed.current;
        if (gen !== generation.current || !cur || cur.roundId !== r.roundId || cur.forId !== forId) return;
        const have = dotsOn(cur.ballot, noteId);
        const target = have + delta;
        if (target < 0) {
          settle();
          tell({ kind: 'refused', code: 'no-dots' });
          rerender();
          return;
        }
        const res = await request(socketRef.current, 'vote:set', {
          roundId: r.roundId,
          noteId,
          dots: target,
          ...(forId ? { onBehalfOf: forId } : {}),
        });
        settle();
        if (res.ok) {
          if (gen === generation.current) confirmed.current = { forId, roundId: r.roundId, ballot: res.data.ballot };
          tell({
            kind: 'dots',
            noteId,
            dots: dotsOn(res.data.ballot, noteId),
            remaining: res.data.remaining,
            budget: r.budget,
            forName,
          });
        } else {
          tell({ kind: 'refused', code: res.code });
          if (res.code === 'round-closed' || res.code === 'not-found') void refresh();
        }
        rerender();
      });
    },
    [inRoomPeople, tell, refresh],
  );

  const openRound = useCallback((req: OpenRoundRequest) => request(socketRef.current, 'vote:open', req), []);
  const closeRound = useCallback(async (): Promise<RequestResult<ClosedRound>> => {
    const r = roundRef.current;
    if (!r) return { ok: false, code: 'round-closed' };
    return request(socketRef.current, 'vote:close', { roundId: r.roundId });
  }, []);
  const addInRoom = useCallback(
    (name: string, group: ParticipantGroup) => request(socketRef.current, 'participant:add-in-room', { name, group }),
    [],
  );
  const allowAssist = useCallback(
    (participantId: string, allowed: boolean) => request(socketRef.current, 'participant:allow-assist', { participantId, allowed }),
    [],
  );
  const getStep = useCallback(async () => {
    const res = await request(socketRef.current, 'facilitation:get', {});
    return res.ok ? res.data.state.step : null;
  }, []);

  const reportResultsUsed = useCallback((roundId: string) => request(socketRef.current, 'vote:use-results', { roundId }), []);

  const newestFirst = useMemo(() => [...closed].sort((a, b) => (b.round.closedAt ?? 0) - (a.round.closedAt ?? 0)), [closed]);
  const shownRound =
    shown === null ? null : shown === undefined ? (newestFirst[0] ?? null) : (newestFirst.find((c) => c.round.roundId === shown) ?? null);

  return {
    myId,
    isFacilitator: facilitator,
    canAssist,
    connected,
    round,
    voters,
    ballot,
    remaining,
    actingFor,
    setActingFor: setActingForId,
    inRoomPeople,
    closed: newestFirst,
    shownRound,
    showRound: setShown,
    changeDots,
    openRound,
    closeRound,
    addInRoom,
    allowAssist,
    getStep,
    reportResultsUsed,
    notice,
    event,
  };
}
