import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownMe } from '../../api.js';
import type { SessionState } from '../../hooks/useSession.js';
import { useVoting, type VotingModel } from '../../hooks/useVoting.js';
import { LiveRegion } from '../LiveRegion.js';
import { voteErrorText } from './text.js';

const VotingContext = createContext<VotingModel | null>(null);

/** The voting model, or null outside a board (components then show nothing). */
export function useVotingModel(): VotingModel | null {
  return useContext(VotingContext);
}

/**
 * Voting for the whole board: one model shared by the voting panel, the notes and the presence
 * list, and a polite live region for what changed (a vote started or closed, where your dots
 * are now, why a change was refused).
 */
export function VotingProvider({ session, me, children }: { session: SessionState; me: KnownMe; children: ReactNode }) {
  const { t } = useTranslation();
  const model = useVoting({
    socket: session.socket,
    connected: session.connected,
    myId: session.me?.participantId ?? me.participantId,
    isFacilitator: (session.me?.role ?? me.role) === 'facilitator',
    presence: session.presence,
  });
  const [live, setLive] = useState({ message: '', serial: 0 });
  const say = (message: string) => setLive((l) => ({ message, serial: l.serial + 1 }));

  const { notice, event } = model;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new notice is announced, not a change of language.
  useEffect(() => {
    if (!notice) return;
    const v = notice.value;
    if (v.kind === 'refused') say(voteErrorText(t, v.code));
    else {
      const dots = t('vote.dots', { count: v.dots });
      const left = v.forName
        ? t('vote.dotsLeftFor', { count: v.remaining, total: v.budget, name: v.forName })
        : t('vote.dotsLeft', { count: v.remaining, total: v.budget });
      say(t('vote.announce.changed', { dots, left }));
    }
  }, [notice?.serial]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new round event is announced, not a change of language.
  useEffect(() => {
    if (!event) return;
    say(
      event.kind === 'started'
        ? t('vote.announce.started', { title: event.title, dots: t('vote.dots', { count: event.budget }) })
        : t('vote.announce.closed', { title: event.title }),
    );
  }, [event?.serial]);

  return (
    <VotingContext.Provider value={model}>
      {children}
      <LiveRegion message={live.message} serial={live.serial} />
    </VotingContext.Provider>
  );
}
