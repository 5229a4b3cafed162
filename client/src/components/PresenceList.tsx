import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../../shared/session.js';
import { Icon } from './ui/Icon.js';
import { PresenceVoteExtras } from './voting/PresenceVoteExtras.js';

const ORDER = { online: 0, away: 1, offline: 2 } as const;

/** Who has joined, their group and whether they are here now. The facilitator is marked. */
export function PresenceList({
  participants,
  myId,
  connected,
  renderExtras,
  inDrawer = false,
}: {
  participants: PresenceEntry[] | null;
  myId: string;
  connected: boolean;
  /** More for each person (facilitation: raised hand, the facilitator's options). */
  renderExtras?: (person: PresenceEntry) => ReactNode;
  /** In the People drawer: the drawer has the heading; the list is always shown. */
  inDrawer?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(() => window.matchMedia('(min-width: 701px)').matches);
  const list = [...(participants ?? [])].sort(
    (a, b) =>
      Number(b.participantId === myId) - Number(a.participantId === myId) ||
      ORDER[a.status] - ORDER[b.status] ||
      a.name.localeCompare(b.name, i18n.language),
  );
  const online = list.filter((p) => p.status !== 'offline').length;

  const items = (
    <ul className="presence__list">
      {list.map((p) => (
        <li key={p.participantId} className={`person person--${p.status}${p.inRoom ? ' person--in-room' : ''}`}>
          <span className={`person__dot person__dot--${p.status}`} aria-hidden="true" />
          <span className="person__name">
            {p.name}
            {p.participantId === myId && <span className="person__you"> {t('presence.you')}</span>}
          </span>
          <span className="person__meta">
            {p.role === 'facilitator' && <span className="badge badge--facilitator">{t('role.facilitator')}</span>}
            <span className="badge">{t(`group.short.${p.group}`)}</span>
            <span className="person__status">{p.inRoom ? t('assist.inRoom') : t(`presence.status.${p.status}`)}</span>
            <PresenceVoteExtras person={p} />
            {renderExtras?.(p)}
          </span>
        </li>
      ))}
    </ul>
  );

  if (inDrawer) {
    return (
      <div className="presence presence--drawer">
        {!connected && participants && <p className="panel__hint">{t('presence.stale')}</p>}
        {participants ? items : <p role="status">{t('presence.loading')}</p>}
      </div>
    );
  }

  return (
    <section className={`presence${open ? ' presence--open' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 className="presence__heading" id={`${id}-heading`}>
        <button
          type="button"
          className="presence__toggle"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          onClick={() => setOpen((o) => !o)}
        >
          <Icon name="people" />
          <span>{participants ? t('presence.summary', { count: online }) : t('presence.loading')}</span>
          <Icon name={open ? 'chevronUp' : 'chevronDown'} />
        </button>
      </h2>
      <div id={`${id}-list`} className="presence__body" hidden={!open}>
        {!connected && participants && <p className="panel__hint">{t('presence.stale')}</p>}
        {items}
      </div>
    </section>
  );
}
