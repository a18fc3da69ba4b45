/** Process definitions: tender-variants. */
import type { ProcessDefinition } from '../../domain/process/definition';

export const definitions: ProcessDefinition[] = [];
