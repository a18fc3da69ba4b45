/**
 * Who may open the monitoring pages: the same roles the API's /api/dashboard answers (api/routes/dashboard.ts); the
 * console hides the link and shows a refusal to everyone else, the server refuses them with 403 regardless.
 */
export const MONITOR_ROLES = ['pa_kpa', 'kepala_ukpbj', 'auditor', 'admin'] as const;

/** The same roles as people read them, for the refusal text. */
export const MONITOR_ROLES_TEXT = 'PA/KPA, Kepala UKPBJ, APIP (Auditor) dan Admin LPSE';
