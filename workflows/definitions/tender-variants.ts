/** Process definitions: tender-variants (pascakualifikasi dua file, prakualifikasi). */
import type { ProcessDefinition } from '../../domain/process/definition';
import { tenderPascaDuaFile } from './tender-pasca-2file';
import { tenderPrakualifikasi } from './tender-prakualifikasi';

export const definitions: ProcessDefinition[] = [tenderPascaDuaFile, tenderPrakualifikasi];
