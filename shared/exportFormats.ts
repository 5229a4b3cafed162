/**
 * The formats and languages the agreed plan can be exported in: the one list the export
 * endpoint accepts (server/http/planRoutes.ts) and the download menu offers
 * (client/src/components/plan).
 */
export const EXPORT_FORMATS = ['docx', 'pdf', 'md', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** English, Welsh, or both side by side. */
export const EXPORT_LANGUAGES = ['en', 'cy', 'both'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];
