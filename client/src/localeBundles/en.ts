/** Every English feature file (locales/en/*.json): its own chunk, loaded only for someone reading English (client/src/i18n.ts). */
export default import.meta.glob<Record<string, unknown>>('../locales/en/*.json', { eager: true, import: 'default' });
