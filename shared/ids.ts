/**
 * Random ids for doc entities (notes, groups, sections). Uses getRandomValues, which works in
 * browsers outside secure contexts too (a phone on the venue's LAN over plain http).
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function randomId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/**
 * What an id written by a client must look like: randomId()'s output. Ids come from clients (note,
 * group and action ids are map keys in the shared doc), so the server checks them where they enter;
 * the pattern also keeps out names like `constructor` or `__proto__` that plain objects treat
 * specially.
 */
export const ENTITY_ID = /^[0-9A-Za-z]{16}$/;

/** Section ids come from the templates (e.g. `get-going`). */
export const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
