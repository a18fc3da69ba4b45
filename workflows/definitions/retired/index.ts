/**
 * Earlier versions of the procurement definitions, frozen as the JSON they were when packages last started with
 * them. A running package keeps the definition it started with (its workflow input carries it), and its views, sealed
 * bids and public pages read that same version here. Never edit these files: write a new version instead.
 */
import type { ProcessDefinition } from '../../../domain/process/definition';
import ePurchasingV3 from './e-purchasing-v3.json';
import ePurchasingV4 from './e-purchasing-v4.json';
import pengadaanLangsungAV1 from './pengadaan-langsung-a-v1.json';
import pengadaanLangsungBV2 from './pengadaan-langsung-b-v2.json';
import penunjukanLangsungV2 from './penunjukan-langsung-v2.json';
import penunjukanLangsungV3 from './penunjukan-langsung-v3.json';
import seleksiV3 from './seleksi-v3.json';
import seleksiV4 from './seleksi-v4.json';
import swakelolaV2 from './swakelola-v2.json';
import tenderCepatV3 from './tender-cepat-v3.json';
import tenderPascaSatuFileV4 from './tender-pasca-1file-v4.json';
import tenderPascaSatuFileV5 from './tender-pasca-1file-v5.json';
import tenderPascaDuaFileV3 from './tender-pasca-2file-v3.json';
import tenderPascaDuaFileV4 from './tender-pasca-2file-v4.json';
import tenderPrakualifikasiV3 from './tender-prakualifikasi-v3.json';
import tenderPrakualifikasiV4 from './tender-prakualifikasi-v4.json';

export const RETIRED: ProcessDefinition[] = [
  ePurchasingV3,
  ePurchasingV4,
  pengadaanLangsungAV1,
  pengadaanLangsungBV2,
  penunjukanLangsungV2,
  penunjukanLangsungV3,
  seleksiV3,
  seleksiV4,
  swakelolaV2,
  tenderCepatV3,
  tenderPascaSatuFileV4,
  tenderPascaSatuFileV5,
  tenderPascaDuaFileV3,
  tenderPascaDuaFileV4,
  tenderPrakualifikasiV3,
  tenderPrakualifikasiV4,
] as unknown as ProcessDefinition[];
