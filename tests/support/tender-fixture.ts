/** Actors and a package input for the tender definition, shared by the engine, workflow and replay tests. */
import { DEFAULT_CALENDAR } from '../../domain/calendar/working-time';
import type { ActorRef, PackageInput } from '../../domain/process/state';
import { getDefinition } from '../../workflows/definitions';

export const ppk: ActorRef = { id: 'ppk-1', name: 'Budi (PPK)', roles: ['ppk'], org: 'dinas-pupr' };
export const pokja: ActorRef = { id: 'pokja-1', name: 'Sari (Pokja)', roles: ['pokja'], org: 'ukpbj' };
export const pokjaOther: ActorRef = { id: 'pokja-9', name: 'Pokja lain', roles: ['pokja'], org: 'ukpbj' };
export const paKpa: ActorRef = { id: 'pa-1', name: 'Kepala Dinas', roles: ['pa_kpa'], org: 'dinas-pupr' };
export const vendorA: ActorRef = { id: 'vendor-a', name: 'PT Alfa', roles: ['penyedia'], org: 'pt-alfa' };
export const vendorB: ActorRef = { id: 'vendor-b', name: 'PT Beta', roles: ['penyedia'], org: 'pt-beta' };
export const vendorC: ActorRef = { id: 'vendor-c', name: 'CV Gama', roles: ['penyedia'], org: 'cv-gama' };

export function tenderInput(packageId: string, overrides: Partial<PackageInput> = {}): PackageInput {
  return {
    packageId,
    definition: getDefinition('tender-pasca-1file')!,
    facts: {
      title: 'Rehabilitasi Saluran Drainase Jl. Merdeka',
      opd: 'Dinas PUPR Kota Tangerang',
      workUnit: 'Bidang Sumber Daya Air',
      category: 'pekerjaan_konstruksi',
      pagu: 1_500_000_000,
      hps: 1_450_000_000,
      fiscalYear: 2026,
    },
    // The head of the UKPBJ assigns the Pokja in the preparation (issue 13); the members it assigns are these.
    assignments: { ppk: [ppk.id], kepala_ukpbj: ['ukpbj-1'], pokja: [pokja.id, 'pokja-2', 'pokja-3'], pa_kpa: [paKpa.id] },
    schedule: {},
    calendar: DEFAULT_CALENDAR,
    timeScale: 1,
    createdBy: ppk,
    ...overrides,
  };
}

export const evaluationAllPass = (...vendors: ActorRef[]) => ({
  results: vendors.map((v) => ({ vendorId: v.id, administrasi: true, kualifikasi: true, teknis: true })),
});

/** Pembuktian kualifikasi of the current winner: passed (or not). */
export const qualificationVerified = (vendor: ActorRef, passed = true) => ({ vendorId: vendor.id, passed });

/** Klarifikasi kewajaran harga of bids below 80% of the HPS: all reasonable (or not). */
export const pricesReasonable = (vendors: ActorRef[], wajar = true) => ({ results: vendors.map((v) => ({ vendorId: v.id, wajar })) });
