/** Every English feature file (locales/en/*.json) but info.json (its own namespace, see i18n.ts): its own chunk, loaded only for someone reading English (client/src/i18n.ts). */
export default import.meta.glob<Record<string, unknown>>(['../locales/en/*.json', '!../locales/en/info.json'], {
  eager: true,
  import: 'default',
});
