/** Process definitions: langsung. */
import type { ProcessDefinition } from '../../domain/process/definition';

export const definitions: ProcessDefinition[] = [];
