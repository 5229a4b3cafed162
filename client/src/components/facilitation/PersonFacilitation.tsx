import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/participants.js';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { Icon } from '../ui/Icon.js';
import { requestErrorText } from './text.js';
import { Button, IconButton } from '../ui/Button.js';

/**
 * Added to a person in the presence list: a raised hand (everyone sees it, as in the room), and
 * for facilitators, share or take back the facilitator role and remove from the board.
 */
export function PersonFacilitation({
  person,
  fac,
  isFacilitator,
  myId,
  announce,
}: {
  person: { participantId: string; name: string; role: Role };
  fac: Facilitation;
  isFacilitator: boolean;
  myId: string;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const handUp = fac.state?.hands.some((h) => h.participantId === person.participantId) ?? false;
  const entry = fac.people?.find((p) => p.participantId === person.participantId);
  const inRoom = entry?.inRoom ?? false;
  // The facilitator who started the board keeps the role; only a shared role can be taken back.
  const coFacilitator = entry?.coFacilitator ?? false;
  const canManage = isFacilitator && person.participantId !== myId;

  async function setRole(facilitator: boolean) {
    setBusy(true);
    const r = await fac.request('role:set', { participantId: person.participantId, facilitator });
    setBusy(false);
    if (r.ok) {
      setError('');
      setOpen(false);
      announce(t(facilitator ? 'facilitation.madeCo' : 'facilitation.tookBack', { name: person.name }));
      toggle.current?.focus();
    } else {
      setError(requestErrorText(t, r.code));
    }
  }

  async function remove() {
    // This person leaves the list: focus goes back to the list's own button.
    const listToggle =
      toggle.current?.closest('.presence')?.querySelector<HTMLElement>('.presence__toggle') ??
      toggle.current?.closest('.drawer')?.querySelector<HTMLElement>('.drawer__title');
    setBusy(true);
    const r = await fac.request('participant:remove', { participantId: person.participantId });
    setBusy(false);
    if (r.ok) {
      announce(t('facilitation.removedPerson', { name: person.name }));
      listToggle?.focus();
    } else {
      setError(requestErrorText(t, r.code));
    }
  }

  return (
    <>
      {handUp && (
        <span className="badge badge--hand">
          <Icon name="hand" /> {t('hands.marker')}
        </span>
      )}
      {canManage && (
        <IconButton
          icon="more"
          label={t('facilitation.manage', { name: person.name })}
          className="person-actions__toggle"
          ref={toggle}
          aria-expanded={open}
          aria-controls={open ? `${id}-actions` : undefined}
          onClick={() => {
            setOpen((o) => !o);
            setConfirmRemove(false);
            setError('');
          }}
        />
      )}
      {canManage && open && (
        <span className="person-actions" id={`${id}-actions`} role="group" aria-label={t('facilitation.manage', { name: person.name })}>
          {confirmRemove ? (
            <>
              <span className="person-actions__question">{t('facilitation.removeConfirm', { name: person.name })}</span>
              <Button size="sm" variant="danger" disabled={busy} onClick={() => void remove()}>
                {t('facilitation.removeYes')}
              </Button>
              <Button size="sm" onClick={() => setConfirmRemove(false)}>
                {t('facilitation.removeNo')}
              </Button>
            </>
          ) : (
            <>
              {person.role === 'facilitator'
                ? coFacilitator && (
                    <Button size="sm" disabled={busy} onClick={() => void setRole(false)}>
                      {t('facilitation.takeBack')}
                    </Button>
                  )
                : !inRoom && (
                    <Button size="sm" disabled={busy} onClick={() => void setRole(true)}>
                      {t('facilitation.makeCo')}
                    </Button>
                  )}
              <Button size="sm" variant="danger" disabled={busy} onClick={() => setConfirmRemove(true)}>
                {t('facilitation.remove')}
              </Button>
            </>
          )}
          {error && (
            <span className="person-actions__error" role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </>
  );
}
