// Entry point of the workflow bundle: every workflow type the worker runs.
export { packageProcess } from './package-process';
export { dailyDigest } from './daily-digest';
export { auditAnchor } from './audit-anchor';
