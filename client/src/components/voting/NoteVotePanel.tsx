import { useLayoutEffect, useRef } from 'react';
import { useBoardT } from '../../board/boardT.js';
import { useBoardCore } from '../../board/BoardContext.js';
import { focusNoteControl } from '../../board/focus.js';
import type { NoteMeta } from '../../hooks/useBoardModel.js';
import { useNoteText } from '../../hooks/useNoteText.js';
import { DotRow } from './DotRow.js';
import { GroupBars, groupScale } from './GroupBars.js';
import { dotsOn } from '../../../../shared/votes.js';
import { placeText, shortText } from './text.js';
import { useVotingModel } from './VotingContext.js';

/**
 * What a note shows about voting. While a round is open: dot controls if the note is in the
 * vote, or a clear "not part of this vote". After a round closes: its result on this note
 * (total, place, and the split by participant group).
 */
export function NoteVotePanel({ note, number, sectionTitle }: { note: NoteMeta; number: number; sectionTitle: string }) {
  const { t } = useBoardT();
  const model = useVotingModel();
  if (!model) return null;
  const { round, shownRound } = model;

  if (round) {
    if (!round.sectionIds.includes(note.sectionId)) {
      return (
        <p className="note-vote-out">
          <span className="note-vote-out__mark" aria-hidden="true">
            ⊘
          </span>{' '}
          {t('vote.note.outOfScope')}
        </p>
      );
    }
    return <VoteControls note={note} number={number} sectionTitle={sectionTitle} />;
  }

  if (!shownRound) return null;
  const tally = shownRound.results.tallies.find((x) => x.noteId === note.id);
  if (!tally) return null;
  // No dots: one quiet line, not a place in the ranking.
  if (tally.total === 0) {
    return (
      <p className="note-result-none" role="group" aria-label={t('vote.results.onNote', { title: shownRound.round.title })}>
        {t('vote.dots', { count: 0 })}
      </p>
    );
  }
  const place = placeText(t, tally.rank, tally.tied);
  return (
    <div className="note-result" role="group" aria-label={t('vote.results.onNote', { title: shownRound.round.title })}>
      <p className="note-result__head">
        <span className="note-result__place">
          <span aria-hidden="true">{place.visible}</span>
          <span className="visually-hidden">{place.spoken}</span>
        </span>
        <DotRow count={tally.total} />
        <strong className="note-result__total">{t('vote.dots', { count: tally.total })}</strong>
      </p>
      <GroupBars
        byGroup={tally.byGroup}
        total={tally.total}
        label={t('vote.results.byGroup')}
        scale={groupScale(shownRound.results.tallies)}
        compact
      />
    </div>
  );
}

/**
 * Remove a dot, the dots (drawn and as a number), add a dot: one person's dots on one note.
 * Only these read the note's text (for their names), so typing re-renders nothing else here.
 */
function VoteControls({ note, number, sectionTitle }: { note: NoteMeta; number: number; sectionTitle: string }) {
  const { t } = useBoardT();
  const { doc } = useBoardCore();
  const text = useNoteText(doc, note.id);
  const name = shortText(text ?? '') || t('vote.note.fallbackName', { number, section: sectionTitle });
  const model = useVotingModel();
  const ref = useRef<HTMLDivElement>(null);

  // When the vote closes these buttons go; keep keyboard focus on the same note.
  useLayoutEffect(() => {
    const el = ref.current;
    return () => {
      if (el?.contains(document.activeElement)) focusNoteControl(note.id, 'text');
    };
  }, [note.id]);

  if (!model?.round) return null;
  const { round, ballot } = model;
  const dots = dotsOn(ballot, note.id);
  const who = model.actingFor?.name ?? null;
  const loading = ballot === null;
  const capReached = round.perNoteCap !== null && dots >= round.perNoteCap;
  return (
    <div
      ref={ref}
      className={`note-vote${who ? ' note-vote--for' : ''}`}
      role="group"
      aria-label={who ? t('vote.note.groupLabelFor', { name: who, note: name }) : t('vote.note.groupLabel', { note: name })}
    >
      <button
        type="button"
        className="vote-button"
        aria-label={who ? t('vote.note.removeFor', { name: who, note: name }) : t('vote.note.remove', { note: name })}
        title={t('vote.note.removeShort')}
        aria-disabled={loading || dots === 0}
        data-focus="vote-remove"
        onClick={() => !loading && model.changeDots(note.id, -1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <span className="note-vote__mine">
        <DotRow count={dots} />
        <span className="note-vote__count">{t('vote.dots', { count: dots })}</span>
      </span>
      <button
        type="button"
        className="vote-button vote-button--add"
        aria-label={who ? t('vote.note.addFor', { name: who, note: name }) : t('vote.note.add', { note: name })}
        title={t('vote.note.addShort')}
        aria-disabled={loading || model.remaining <= 0 || capReached}
        data-focus="vote-add"
        onClick={() => !loading && model.changeDots(note.id, 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}
