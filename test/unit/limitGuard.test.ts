import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, getActionText } from '../../shared/actionPlan.js';
import { addNote, deleteNote, getNoteText, initBoardDoc, notesOf, setNoteColour } from '../../shared/boardDoc.js';
import { DOC_CLOSE } from '../../shared/session.js';
import { TEMPLATES } from '../../shared/templates.js';
import { findViolation, type DocLimits, type LimitViolation } from '../../server/yjs/limitGuard.js';

/**
 * findViolation (server/yjs/limitGuard.ts) on real Y.Docs, called from afterTransaction as the
 * write guard calls it, with the note count taken before the change.
 */

const LIMITS: DocLimits = { noteTextMax: 10, notesPerBoardMax: 4 };
const SECTION = 'goals';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(doc, TEMPLATES.coproduction);
  return doc;
}

/** What findViolation says about each transaction `change` makes on `doc` (in order). */
function verdicts(doc: Y.Doc, change: (doc: Y.Doc) => void, limits: DocLimits = LIMITS): (LimitViolation | null)[] {
  const before = notesOf(doc).size;
  const out: (LimitViolation | null)[] = [];
  const check = (tr: Y.Transaction) => out.push(findViolation(doc, tr, limits, before));
  doc.on('afterTransaction', check);
  try {
    change(doc);
  } finally {
    doc.off('afterTransaction', check);
  }
  return out;
}

/** The single verdict on a change made in one transaction. */
function verdict(doc: Y.Doc, change: (doc: Y.Doc) => void, limits: DocLimits = LIMITS): LimitViolation | null {
  const all = verdicts(doc, (d) => d.transact(() => change(d)), limits);
  expect(all).toHaveLength(1);
  return all[0];
}

/** A second doc in sync with `doc`: a client whose updates reach the server doc as one transaction each. */
function clientOf(doc: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  return client;
}

/** What findViolation says when the client's `change` arrives at the server doc as one update. */
function remoteVerdict(server: Y.Doc, client: Y.Doc, change: (doc: Y.Doc) => void): LimitViolation | null {
  const sv = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, sv);
  return verdict(server, (d) => Y.applyUpdate(d, update, 'conn'));
}

const text = (n: number) => 'x'.repeat(n);

describe('the limit guard: note text', () => {
  it('refuses a note whose text is over the limit when it is added in one go, and allows one at the limit', () => {
    const doc = board();
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, text: text(10), author: 'k' }))).toBeNull();
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, text: text(11), author: 'k' }))).toBe(DOC_CLOSE.noteTooLong);
  });

  it('refuses the keystroke that takes a note over the limit, wherever in the text it is typed', () => {
    const doc = board();
    const id = addNote(doc, { sectionId: SECTION, text: text(8), author: 'k' });
    const t = getNoteText(doc, id)!;
    // Each keystroke is its own transaction, as typing is.
    expect(
      verdicts(doc, () =>
        [...'ab'].forEach((ch, i) => {
          t.insert(3 + i, ch);
        }),
      ),
    ).toEqual([null, null]);
    expect(t.length).toBe(10);
    expect(verdicts(doc, () => t.insert(0, 'c'))).toEqual([DOC_CLOSE.noteTooLong]);
  });

  it('checks typing that arrives from a client as an update, and a note added and filled in one update', () => {
    const server = board();
    const client = clientOf(server);
    let id = '';
    expect(remoteVerdict(server, client, (c) => (id = addNote(c, { sectionId: SECTION, text: text(9), author: 'k' })))).toBeNull();
    expect(remoteVerdict(server, client, (c) => getNoteText(c, id)!.insert(9, 'y'))).toBeNull();
    expect(remoteVerdict(server, client, (c) => getNoteText(c, id)!.insert(0, 'z'))).toBe(DOC_CLOSE.noteTooLong);

    const other = clientOf(server);
    expect(
      remoteVerdict(server, other, (c) => {
        const n = addNote(c, { sectionId: SECTION, author: 'k' });
        getNoteText(c, n)!.insert(0, text(11));
      }),
    ).toBe(DOC_CLOSE.noteTooLong);
  });

  it('refuses a note whose text is swapped for a new, longer Y.Text', () => {
    const doc = board();
    const id = addNote(doc, { sectionId: SECTION, text: 'short', author: 'k' });
    expect(
      verdict(doc, (d) =>
        notesOf(d)
          .get(id)!
          .set('text', new Y.Text(text(11))),
      ),
    ).toBe(DOC_CLOSE.noteTooLong);
  });

  it('lets typing shorten a note and lets people delete text', () => {
    const doc = board();
    const id = addNote(doc, { sectionId: SECTION, text: text(10), author: 'k' });
    expect(verdicts(doc, () => getNoteText(doc, id)!.delete(0, 4))).toEqual([null]);
    expect(verdict(doc, (d) => deleteNote(d, id))).toBeNull();
  });
});

describe('the limit guard: action text', () => {
  it('refuses an action whose `what` is over the limit, added in one go or typed', () => {
    const doc = board();
    expect(verdict(doc, (d) => addAction(d, { what: text(11) }))).toBe(DOC_CLOSE.noteTooLong);

    const id = addAction(doc, { what: text(9) });
    const what = getActionText(doc, id)!;
    expect(
      verdicts(doc, () =>
        [...'ab'].forEach((ch) => {
          what.insert(0, ch);
        }),
      ),
    ).toEqual([null, DOC_CLOSE.noteTooLong]);
  });

  it('checks an action’s `what` typed by a client', () => {
    const server = board();
    const client = clientOf(server);
    let id = '';
    expect(remoteVerdict(server, client, (c) => (id = addAction(c, { what: text(5) })))).toBeNull();
    expect(remoteVerdict(server, client, (c) => getActionText(c, id)!.insert(5, text(6)))).toBe(DOC_CLOSE.noteTooLong);
  });
});

describe('the limit guard: notes on a board', () => {
  it('refuses the note past the limit, also when several are added in one transaction', () => {
    const doc = board();
    for (let i = 0; i < 3; i++) expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, author: 'k' }))).toBeNull();
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, author: 'k' }))).toBeNull(); // 4: at the limit
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, author: 'k' }))).toBe(DOC_CLOSE.tooManyNotes);

    const small = board();
    addNote(small, { sectionId: SECTION, author: 'k' });
    addNote(small, { sectionId: SECTION, author: 'k' });
    expect(
      verdict(small, (d) => {
        for (let i = 0; i < 3; i++) addNote(d, { sectionId: SECTION, author: 'k' });
      }),
    ).toBe(DOC_CLOSE.tooManyNotes);
  });

  it('lets a board already over a lowered limit shrink and be edited, but not grow', () => {
    const doc = board();
    const ids = Array.from({ length: 6 }, (_, i) => addNote(doc, { sectionId: SECTION, text: `n${i}`, author: 'k' }));
    // The limit is now 4 and the board has 6 notes.
    expect(verdict(doc, (d) => deleteNote(d, ids[0]))).toBeNull();
    expect(verdicts(doc, () => getNoteText(doc, ids[1])!.insert(0, 'edit'))).toEqual([null]);
    expect(verdict(doc, (d) => setNoteColour(d, ids[2], 'blue'))).toBeNull();
    // Swapping one note for another keeps the count: not growth.
    expect(
      verdict(doc, (d) => {
        deleteNote(d, ids[3]);
        addNote(d, { sectionId: SECTION, author: 'k' });
      }),
    ).toBeNull();
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, author: 'k' }))).toBe(DOC_CLOSE.tooManyNotes);
  });
});

describe('the limit guard looks only at what a transaction touched', () => {
  /** A board holding a note and an action longer than today's limit (stored when it was higher). */
  function boardWithLongEntries() {
    const doc = board();
    const longNote = addNote(doc, { sectionId: SECTION, text: text(50), author: 'k' });
    const longAction = addAction(doc, { what: text(50) });
    const other = addNote(doc, { sectionId: SECTION, text: 'fine', author: 'k' });
    const action = addAction(doc, { what: 'fine' });
    return { doc, longNote, longAction, other, action };
  }

  it('a long existing note or action does not block edits elsewhere', () => {
    const { doc, other, action, longNote } = boardWithLongEntries();
    expect(verdicts(doc, () => getNoteText(doc, other)!.insert(0, 'so '))).toEqual([null]);
    expect(verdict(doc, (d) => setNoteColour(d, other, 'green'))).toBeNull();
    expect(verdict(doc, (d) => addNote(d, { sectionId: SECTION, text: 'new', author: 'k' }))).toBeNull();
    expect(verdicts(doc, () => getActionText(doc, action)!.insert(4, '!'))).toEqual([null]);
    expect(verdict(doc, (d) => addAction(d, { what: 'another' }))).toBeNull();
    expect(verdict(doc, (d) => deleteNote(d, longNote))).toBeNull();
  });

  it('the same edits arriving from a client are not blocked either', () => {
    const { doc, other, action } = boardWithLongEntries();
    const client = clientOf(doc);
    expect(remoteVerdict(doc, client, (c) => getNoteText(c, other)!.insert(0, 'so '))).toBeNull();
    expect(remoteVerdict(doc, client, (c) => getActionText(c, action)!.insert(0, 'so '))).toBeNull();
    expect(remoteVerdict(doc, client, (c) => addNote(c, { sectionId: SECTION, text: 'new', author: 'k' }))).toBeNull();
  });

  it('but typing on into the long note is refused', () => {
    const { doc, longNote, longAction } = boardWithLongEntries();
    expect(verdicts(doc, () => getNoteText(doc, longNote)!.insert(0, 'more'))).toEqual([DOC_CLOSE.noteTooLong]);
    expect(verdicts(doc, () => getActionText(doc, longAction)!.insert(0, 'more'))).toEqual([DOC_CLOSE.noteTooLong]);
  });

  it('changes outside notes and actions are never a violation, however long the board’s notes are', () => {
    const { doc, longNote } = boardWithLongEntries();
    expect(verdict(doc, (d) => d.getArray<string>('priorities').push([longNote]))).toBeNull();
    expect(verdict(doc, (d) => d.getMap('groups').set('g', new Y.Map()))).toBeNull();
    expect(verdict(doc, () => undefined)).toBeNull(); // an empty transaction
  });
});
