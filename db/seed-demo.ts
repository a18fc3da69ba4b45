/**
 * Demo organisation and users for the embedded setup: a PPK, three Pokja members, a PA/KPA, three vendors, an
 * auditor and an admin, and the vendors' profiles (NPWP, directors). Upserts, so running it on every start is
 * harmless. A vendor user with any other role is refused by the users table (migration 20261201000002).
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
  { id: 'ukpbj.ratna', name: 'Ratna Sari Dewi (Kepala UKPBJ)', roles: ['kepala_ukpbj'], org: 'kota-tangerang-ukpbj', email: 'ratna@ukpbj.example' },
  { id: 'pokja.yusuf', name: 'Yusuf Hidayat (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj', email: 'yusuf@ukpbj.example' },
  { id: 'pokja.maya', name: 'Maya Anggraini (Pokja)', roles: ['pokja'], org: 'kota-tangerang-ukpbj', email: 'maya@ukpbj.example' },
  { id: 'kpa.hendra', name: 'Hendra Gunawan (PA/KPA)', roles: ['pa_kpa'], org: 'kota-tangerang-pupr', email: 'hendra@pupr.example' },
  { id: 'vendor.karya', name: 'PT Karya Beton Nusantara', roles: ['penyedia'], org: 'pt-karya-beton', email: 'tender@karyabeton.example' },
  { id: 'vendor.tirta', name: 'CV Tirta Jaya', roles: ['penyedia'], org: 'cv-tirta-jaya', email: 'admin@tirtajaya.example' },
  { id: 'vendor.cisadane', name: 'PT Cisadane Konstruksi', roles: ['penyedia'], org: 'pt-cisadane-konstruksi', email: 'bid@cisadane.example' },
  { id: 'auditor.rina', name: 'Rina Kusuma (APIP)', roles: ['auditor'], org: 'lpse-kota-tangerang', email: 'rina@inspektorat.example' },
  { id: 'admin.lpse', name: 'Admin LPSE', roles: ['admin'], org: 'lpse-kota-tangerang', email: 'admin@lpse.example' },
];

/**
 * Fictitious numbers (no province or tax office has code 99). PT Karya Beton and CV Tirta Jaya share a director, so
 * a tender both bid on shows a flag in GET /api/packages/{id}/bidder-links; CV Tirta records him without the title.
 */
export const DEMO_VENDOR_PROFILES: { userId: string; npwp: string; directors: { name: string; nik: string | null }[] }[] = [
  {
    userId: 'vendor.karya',
    npwp: '991234567402000',
    directors: [
      { name: 'Ir. Ahmad Suryadi, M.T.', nik: '9971011203700001' },
      { name: 'Siti Nurhaliza', nik: '9971014506750002' },
    ],
  },
  {
    userId: 'vendor.tirta',
    npwp: '992345678411000',
    directors: [
      { name: 'Ahmad Suryadi', nik: '9971011203700001' },
      { name: 'Bambang Irawan', nik: '9903121508800003' },
    ],
  },
  { userId: 'vendor.cisadane', npwp: '993456789415000', directors: [{ name: 'Dedi Kurniawan', nik: '9974022010780004' }] },
];

export async function seedDemo(db: Knex): Promise<typeof DEMO_USERS> {
  await db('organisations').insert(DEMO_ORGS).onConflict('id').merge();
  await db('users')
    .insert(DEMO_USERS.map((u) => ({ id: u.id, name: u.name, roles: u.roles, org_id: u.org, email: u.email })))
    .onConflict('id')
    .merge(['name', 'roles', 'org_id', 'email']);
  await db('vendor_profiles')
    .insert(DEMO_VENDOR_PROFILES.map((p) => ({ user_id: p.userId, npwp: p.npwp, updated_at: db.fn.now() })))
    .onConflict('user_id')
    .merge(['npwp', 'updated_at']);
  await db('vendor_directors')
    .insert(DEMO_VENDOR_PROFILES.flatMap((p) => p.directors.map((d) => ({ user_id: p.userId, name: d.name, nik: d.nik }))))
    .onConflict(['user_id', 'name'])
    .merge(['nik']);
  return DEMO_USERS;
}
