import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

/** Opening exported files with real tools, for the export tests (integration and unit). */

/** Code points XML 1.0 forbids, and Unicode non-characters, found in `s` (as hex), by an independent check. */
export function forbiddenIn(s: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      const cp = s.codePointAt(i)!;
      if ((cp & 0xfffe) === 0xfffe) bad.push(cp.toString(16));
      i++;
    } else if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      (c >= 0xfdd0 && c <= 0xfdef) ||
      c >= 0xfffe
    ) {
      bad.push(c.toString(16));
    }
  }
  return bad;
}

/** Every string (keys too) anywhere in a parsed JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}

/** Writes `data` to a fresh temporary file named plan.<ext>; returns its path. */
export function tempFile(ext: string, data: Uint8Array | string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-')), `plan.${ext}`);
  fs.writeFileSync(file, data);
  return file;
}

/** Unzips a DOCX and checks every XML part with a real XML parser (xmllint); returns word/document.xml. */
export function openDocx(file: string): string {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('xmllint is missing: apt-get install -y libxml2-utils (.ci/run installs it)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-'));
  execFileSync('unzip', ['-q', '-o', file, '-d', dir]);
  const parts = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(xml|rels)$/.test(f));
  expect(parts).toContain(path.join('word', 'document.xml'));
  const errors = parts.flatMap((part) => {
    try {
      execFileSync('xmllint', ['--noout', path.join(dir, part)], { stdio: ['ignore', 'ignore', 'pipe'] });
      return [];
    } catch (err) {
      return [
        `${part}: ${String((err as { stderr?: Buffer }).stderr ?? err)
          .split('\n')
          .slice(0, 2)
          .join(' ')}`,
      ];
    }
  });
  expect(errors, 'every XML part of the DOCX is well-formed XML 1.0').toEqual([]);
  return fs.readFileSync(path.join(dir, 'word', 'document.xml'), 'utf8');
}

/** The text of word/document.xml, one line per paragraph. */
export const docxText = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of a PDF file as pdftotext reads it (layout kept). */
export const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
