import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from '../../client/src/components/plan/planApi.js';
import { formatDate, formatDateTime, formatDue, shortLine } from '../../client/src/components/plan/format.js';
import { parseRoute, planPath, viewKeyFromHash } from '../../client/src/router.js';

/** The plan view's small pure helpers: routes, the share-back key, file names and dates. */

describe('plan route and share-back key', () => {
  it('routes /plan/:boardId', () => {
    expect(parseRoute('/plan/abc_12-X')).toEqual({ name: 'plan', boardId: 'abc_12-X' });
    expect(parseRoute('/plan/abc/')).toEqual({ name: 'plan', boardId: 'abc' });
    expect(parseRoute('/plan/')).toEqual({ name: 'not-found' });
    expect(planPath('a b')).toBe('/plan/a%20b');
  });

  it('reads the view key from the fragment only', () => {
    expect(viewKeyFromHash('#view=k3y')).toBe('k3y');
    expect(viewKeyFromHash('view=k3y')).toBe('k3y');
    expect(viewKeyFromHash('#key=k3y')).toBeNull();
    expect(viewKeyFromHash('')).toBeNull();
    expect(viewKeyFromHash(`#view=${'x'.repeat(201)}`)).toBeNull();
  });
});

describe('fileNameFromDisposition', () => {
  it('takes the quoted, plain or RFC 5987 file name', () => {
    expect(fileNameFromDisposition('attachment; filename="Carers-plan.pdf"', 'plan.pdf')).toBe('Carers-plan.pdf');
    expect(fileNameFromDisposition('attachment; filename=plan.csv', 'x')).toBe('plan.csv');
    expect(fileNameFromDisposition(`attachment; filename="plan.md"; filename*=UTF-8''Cynllun%20%C5%B5.md`, 'x')).toBe('Cynllun ŵ.md');
  });

  it('falls back when there is no usable name, and never keeps a path', () => {
    expect(fileNameFromDisposition(null, 'plan.docx')).toBe('plan.docx');
    expect(fileNameFromDisposition('attachment', 'plan.docx')).toBe('plan.docx');
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'plan.json')).toBe('etcpasswd');
    expect(fileNameFromDisposition('attachment; filename="..."', 'plan.json')).toBe('plan.json');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'plan.json')).toBe('plan.json');
  });
});

describe('plan dates', () => {
  const at = Date.UTC(2026, 2, 31, 13, 5); // 31 March 2026, 14:05 in London (BST)

  it('writes dates in English and in Welsh, London time', () => {
    expect(formatDate(at, 'en')).toBe('31 March 2026');
    expect(formatDate(at, 'cy')).toBe('31 Mawrth 2026');
    expect(formatDateTime(at, 'cy')).toBe('31 Mawrth 2026 am 14:05');
    expect(formatDateTime(at, 'en')).toMatch(/^31 March 2026.*14:05$/);
  });

  it('shows an ISO "by when" as a date and leaves free text alone', () => {
    expect(formatDue('2027-01-05', 'en')).toBe('5 January 2027');
    expect(formatDue('2027-01-05', 'cy')).toBe('5 Ionawr 2027');
    expect(formatDue(' end of March ', 'en')).toBe('end of March');
    expect(formatDue('2027-02-30', 'en')).toBe('2027-02-30');
  });

  it('shortens a note to one line', () => {
    expect(shortLine('  a\n\nb  ')).toBe('a b');
    expect(shortLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
