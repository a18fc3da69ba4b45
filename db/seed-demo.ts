/**
 * Demo organisation and users for the embedded setup: a PPK, three Pokja members, a PA/KPA, three vendors, an
 * auditor and an admin. Upserts, so running it on every start is harmless.
 */
import type { Knex } from 'knex';
import type { Actor } from '../api/auth/actor';

export const DEMO_ORGS = [
  { id: 'kota-tangerang-pupr', name: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang', kind: 'opd' },
  { id: 'kota-tangerang-ukpbj', name: 'UKPBJ Kota Tangerang', kind: 'opd' },
  { id: 'lpse-kota-tangerang', name: 'LPSE Kota Tangerang', kind: 'lpse' },
  { id: 'pt-karya-beton', name: 'PT Karya Beton Nusantara', kind: 'penyedia' },
  { id: 'cv-tirta-jaya', name: 'CV Tirta Jaya', kind: 'penyedia' },
  { id: 'pt-cisadane-konstruksi', name: 'PT Cisadane Konstruksi', kind: 'penyedia' },
];

export const DEMO_USERS: (Actor & { email: string })[] = [
  { id: 'ppk.budi', name: 'Budi Santoso (PPK)', roles: ['ppk'], org: 'kota-tangerang-pupr', email: 'budi@pupr.example' },
  { id: 'pokja.sari', name: 'Sari Wulandari (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj', email: 'sari@ukpbj.example' },
  { id: 'pokja.agus', name: 'Agus Pratama (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj', email: 'agus@ukpbj.example' },
  { id: 'pokja.dewi', name: 'Dewi Lestari (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj', email: 'dewi@ukpbj.example' },
  { id: 'pp.rudi', name: 'Rudi Hartono (Pejabat Pengadaan)', roles: ['pejabat_pengadaan'], org: 'kota-tangerang-ukpbj', email: 'rudi@ukpbj.example' },
  { id: 'kpa.hendra', name: 'Hendra Gunawan (PA/KPA)', roles: ['pa_kpa'], org: 'kota-tangerang-pupr', email: 'hendra@pupr.example' },
  { id: 'vendor.karya', name: 'PT Karya Beton Nusantara', roles: ['penyedia'], org: 'pt-karya-beton', email: 'tender@karyabeton.example' },
  { id: 'vendor.tirta', name: 'CV Tirta Jaya', roles: ['penyedia'], org: 'cv-tirta-jaya', email: 'admin@tirtajaya.example' },
  { id: 'vendor.cisadane', name: 'PT Cisadane Konstruksi', roles: ['penyedia'], org: 'pt-cisadane-konstruksi', email: 'bid@cisadane.example' },
  { id: 'auditor.rina', name: 'Rina Kusuma (APIP)', roles: ['auditor'], org: 'lpse-kota-tangerang', email: 'rina@inspektorat.example' },
  { id: 'admin.lpse', name: 'Admin LPSE', roles: ['admin'], org: 'lpse-kota-tangerang', email: 'admin@lpse.example' },
];

export async function seedDemo(db: Knex): Promise<typeof DEMO_USERS> {
  await db('organisations').insert(DEMO_ORGS).onConflict('id').merge();
  await db('users')
    .insert(DEMO_USERS.map((u) => ({ id: u.id, name: u.name, roles: u.roles, org_id: u.org, email: u.email })))
    .onConflict('id')
    .merge(['name', 'roles', 'org_id', 'email']);
  return DEMO_USERS;
}
