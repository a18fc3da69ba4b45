/** Package inputs for E-Kontrak processes started directly (as an awarding package's prepareContract would). */
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-time';
import type { ContractBasis } from '../../domain/contract/ledger';
import type { ActorRef, PackageFacts, PackageInput } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';
import { paKpa, ppk } from './tender-fixture';

export const JUTA = 1_000_000;
export const sha = (c: string) => c.repeat(64).slice(0, 64);
export const evidence = [{ name: 'foto-lapangan.jpg', sha256: sha('a') }];
export const leader: ActorRef = { id: 'pp-rina', name: 'Rina (Ketua Tim Pelaksana)', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };

export function contractInput(
  packageId: string,
  o: {
    definition?: string;
    category?: PackageFacts['category'];
    value: number;
    bidPrice?: number;
    hps?: number;
    pagu?: number;
    provider: string;
    kind?: ContractBasis['kind'];
  },
): PackageInput {
  const hps = o.hps ?? Math.ceil(o.value * 1.05);
  return {
    packageId,
    definition: getDefinition(o.definition ?? 'kontrak')!,
    facts: {
      title: 'Pembangunan Jembatan Sungai Cisadane',
      opd: 'Dinas PUPR Kota Tangerang',
      workUnit: 'Bidang Bina Marga',
      category: o.category ?? 'pekerjaan_konstruksi',
      pagu: o.pagu ?? Math.ceil(hps * 1.1),
      hps,
      fiscalYear: 2027,
      contractBasis: {
        kind: o.kind ?? 'kontrak',
        parentPackageId: 'pkt-parent000001',
        // As prepareContract hands it over since issue 16; an earlier version's draft reads it too (domain/vendor-id.ts).
        vendorId: o.provider,
        value: o.value,
        bidPrice: o.bidPrice ?? o.value,
      },
    },
    assignments: { ppk: [ppk.id], pa_kpa: [paKpa.id] },
    schedule: {},
    calendar: DEFAULT_CALENDAR,
    timeScale: 1,
    createdBy: ppk,
  };
}
