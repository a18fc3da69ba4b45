/** A named check's refusal (domain/process/rulebook.ts): status, code, message in Bahasa Indonesia, details with the rule. */
import type { Refusal } from './rulebook';

export const refuse = (status: Refusal['status'], code: string, message: string, details?: Record<string, unknown>): Refusal => ({
  status,
  code,
  message,
  ...(details ? { details } : {}),
});
