/** Process definitions: the direct methods — Penunjukan Langsung and Pengadaan Langsung paths A and B. */
import type { ProcessDefinition } from '../../domain/process/definition';
import { pengadaanLangsungA, pengadaanLangsungB } from './pengadaan-langsung';
import { penunjukanLangsung } from './penunjukan-langsung';

export const definitions: ProcessDefinition[] = [penunjukanLangsung, pengadaanLangsungA, pengadaanLangsungB];
