// Response shapes of GET /api/packages and /api/process-definitions (PackageList in api/schemas.ts), typed here until
// web/src/api/schema.d.ts carries them.
export interface PackageSummary {
  id: string;
  title: string;
  opd: string;
  workUnit: string;
  category: string;
  method: string;
  fiscalYear: number;
  pagu: number | string;
  hps: number | string;
  status: string;
  stage: { id: string; name: string; enteredAt: string | null; closesAt: string | null };
  definition: { id: string; version: number };
  createdAt: string;
  updatedAt: string;
}

export interface DefinitionSummary {
  id: string;
  version: number;
  name: string;
  method: string;
}

export interface DefinitionNodes {
  id: string;
  nodes: { id: string; name: string; type: string }[];
}

/** Package statuses: `active` while running, then the end the definition reached. */
export const STATUS_LABELS: Record<string, string> = {
  active: 'Berjalan',
  contract_signed: 'Kontrak ditandatangani',
  selesai: 'Selesai',
  diterima: 'Diterima',
  diputus: 'Diputus',
  gagal: 'Gagal',
  batal: 'Batal',
  batal_otomatis: 'Batal otomatis',
};

export const statusClass = (s: string) =>
  s === 'active' ? '' : ['gagal', 'batal', 'batal_otomatis', 'failed', 'cancelled'].includes(s) ? 'bad' : 'ok';
