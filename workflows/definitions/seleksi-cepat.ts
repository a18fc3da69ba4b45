/** Process definitions: seleksi-cepat. */
import type { ProcessDefinition } from '../../domain/process/definition';

export const definitions: ProcessDefinition[] = [];
