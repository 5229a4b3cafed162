/** Every Welsh feature file (locales/cy/*.json) but info.json (its own namespace, see i18n.ts): its own chunk, loaded only for someone reading Welsh (client/src/i18n.ts). */
export default import.meta.glob<Record<string, unknown>>(['../locales/cy/*.json', '!../locales/cy/info.json'], {
  eager: true,
  import: 'default',
});
