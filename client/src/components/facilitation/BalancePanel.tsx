import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BalanceOfVoice } from '../../../../shared/facilitation.js';
import { PARTICIPANT_GROUPS } from '../../../../shared/participants.js';
import { useBoard } from '../../board/BoardContext.js';
import type { Facilitation } from '../../hooks/useFacilitation.js';
import { formatTime } from './text.js';

const MEASURES = ['present', 'notesWritten', 'editsMade', 'dotsCast', 'topPriorities'] as const;
type Measure = (typeof MEASURES)[number];

/** How often the figures refresh while the panel is open. */
export const BALANCE_REFRESH_MS = 5000;

/**
 * "Balance of voice": for each participant group, how many are here, notes written, edits made,
 * dots cast and top priorities. Group figures only (the server sends nothing finer). Shown as a
 * table and as bars with the numbers written out, so colour is never the only signal. Mounted
 * only while its drawer is open: it loads then, and every few seconds.
 */
export function BalanceBody({ fac }: { fac: Facilitation }) {
  const { t } = useTranslation();
  const { lang } = useBoard();
  const id = useId();
  const [data, setData] = useState<BalanceOfVoice | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const { request } = fac;

  // Mounted only while the panel is open: load now, then every few seconds.
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await request('balance:get', {});
      if (!live) return;
      const parsed = r.ok ? BalanceOfVoice.safeParse(r.data) : null;
      if (parsed?.success) {
        setData(parsed.data);
        setUpdatedAt(Date.now());
        setFailed(false);
      } else {
        setFailed(true);
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), BALANCE_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [request]);

  const label = (m: Measure) =>
    m === 'topPriorities' && data ? t('balance.topPriorities', { count: data.topPriorityCount }) : t(`balance.${m}`);

  return (
    <div className="balance">
      <p className="panel__hint">{t('balance.intro')}</p>
      <p className="balance__status" role="status">
        {failed ? t('balance.error') : !data ? t('balance.loading') : ''}
      </p>
      {data && (
        <>
          <p className="balance__scroll-hint" aria-hidden="true">
            {t('balance.scrollHint')}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable). */}
          <div className="balance__table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="balance__table">
              <caption id={`${id}-caption`}>{t('balance.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('balance.group')}</th>
                  {MEASURES.map((m) => (
                    <th scope="col" key={m}>
                      {label(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {PARTICIPANT_GROUPS.map((g) => (
                  <tr key={g}>
                    <th scope="row">{t(`group.short.${g}`)}</th>
                    {MEASURES.map((m) => (
                      <td key={m}>{data[m][g]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="balance__notes">
            <li>{t('balance.dotsNote')}</li>
            {data.topPriorityCount === 0 && <li>{t('balance.noPriorities')}</li>}
          </ul>
          <h3 className="balance__charts-heading">{t('balance.chartsHeading')}</h3>
          <div className="balance__charts">
            {MEASURES.map((m) => {
              const max = Math.max(1, ...PARTICIPANT_GROUPS.map((g) => data[m][g]));
              return (
                <figure key={m} className="bars">
                  <figcaption className="bars__title">{label(m)}</figcaption>
                  <ul className="bars__list">
                    {PARTICIPANT_GROUPS.map((g) => {
                      const value = data[m][g];
                      return (
                        <li key={g} className="bars__row">
                          <span className="bars__label">{t(`group.short.${g}`)}</span>
                          <span className="bars__track" aria-hidden="true">
                            <span
                              className={`bars__fill${value === 0 ? ' bars__fill--zero' : ''}`}
                              style={{ width: `${(value / max) * 100}%` }}
                            />
                          </span>
                          <span className="bars__value">{value}</span>
                        </li>
                      );
                    })}
                  </ul>
                </figure>
              );
            })}
          </div>
          {updatedAt !== null && <p className="balance__updated">{t('balance.updated', { time: formatTime(updatedAt, lang, true) })}</p>}
        </>
      )}
    </div>
  );
}
