/** Package statuses: `active` while running, then the end the definition reached; the words live in one place. */
export { STATUS_LABELS, statusTone as statusClass } from '../../i18n/statuses';
