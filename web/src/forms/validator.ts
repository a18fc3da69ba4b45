/**
 * The validator of every step form: ajv 8 through rjsf, with the options that make it judge like the server's
 * validator (@cfworker/json-schema, draft 2020-12, in domain/process/engine.ts and api/services/seal-bid.ts):
 * every error at once, unknown keywords ignored. tests/console-forms.test.ts compares the two on every action.
 */
import { customizeValidator } from '@rjsf/validator-ajv8';

export const stepValidator = customizeValidator({ ajvOptionsOverrides: { allErrors: true } });
