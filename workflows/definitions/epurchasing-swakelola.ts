/** Process definitions: epurchasing-swakelola. */
import type { ProcessDefinition } from '../../domain/process/definition';

export const definitions: ProcessDefinition[] = [];
