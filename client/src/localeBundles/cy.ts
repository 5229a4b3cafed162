/** Every Welsh feature file (locales/cy/*.json): its own chunk, loaded only for someone reading Welsh (client/src/i18n.ts). */
export default import.meta.glob<Record<string, unknown>>('../locales/cy/*.json', { eager: true, import: 'default' });
