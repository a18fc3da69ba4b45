/** Process definitions: seleksi (consultancy, docs/regulation.md §2.5) and tender cepat (§2.6). */
import type { ProcessDefinition } from '../../domain/process/definition';
import { seleksi } from './seleksi';
import { tenderCepat } from './tender-cepat';

export const definitions: ProcessDefinition[] = [seleksi, tenderCepat];
