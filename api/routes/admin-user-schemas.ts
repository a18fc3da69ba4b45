/**
 * Request and answer schemas of the admin's user and organisation routes (api/routes/admin-users.ts), registered as
 * OpenAPI components. The same objects validate `npm run users` (bin/users.ts), so the command line and the API refuse
 * the same input with the same Indonesian messages. Role rules come from api/auth/roles.ts: a closed set of roles, and
 * a vendor account holds no other role (Perpres 16/2018 Pasal 7).
 */
import { z } from 'zod';
import { conflictingRoles, ROLES } from '../auth/roles';

export const USER_ID_PATTERN = '^[A-Za-z0-9._:@-]{1,128}$';
export const ORG_ID_PATTERN = '^[A-Za-z0-9._-]{2,64}$';
/** The kinds of organisation: a regional government unit (OPD/UKPBJ), the LPSE, a vendor's company. */
export const ORG_KINDS = ['opd', 'lpse', 'penyedia'] as const;

export const UserIdParam = z.string().regex(new RegExp(USER_ID_PATTERN), 'id pengguna tidak sah (huruf, angka, . _ : @ -; maksimal 128)');
export const OrgIdParam = z.string().regex(new RegExp(ORG_ID_PATTERN), 'id organisasi tidak sah (huruf, angka, . _ -; 2–64 karakter)');

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** Printable text without control characters. */
const line = (min: number, max: number) => z.string().trim().min(min).max(max).regex(NO_CONTROL, 'tidak boleh memuat karakter kendali');

const Role = z.enum(ROLES, { error: `peran tidak dikenal; pilihan: ${ROLES.join(', ')}` });
const roleList = z
  .array(Role)
  .min(1, 'minimal satu peran')
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'peran ganda')
  .refine((r) => conflictingRoles(r).length === 0, 'akun penyedia tidak boleh memegang peran lain (Perpres 16/2018 Pasal 7)')
  .describe(`Peran: ${ROLES.join(', ')}; penyedia tidak boleh digabung dengan peran lain`);

const fields = {
  name: line(2, 300).describe('Nama lengkap (dan jabatan)'),
  email: z.email('alamat email tidak sah').max(300).describe('Alamat email untuk pemberitahuan'),
  org: OrgIdParam.describe('Id organisasi (OPD/UKPBJ, LPSE, atau perusahaan penyedia)'),
};

export const CreateUserBody = z
  .strictObject({ id: UserIdParam.describe('Id pengguna (sama dengan klaim `sub` token penyedia identitas)'), ...fields, roles: roleList })
  .meta({ id: 'CreateUserRequest', description: 'Pengguna baru; id yang sudah ada dengan isi yang sama dijawab 200, dengan isi lain 409.' });

export const UpdateUserBody = z
  .strictObject({
    name: fields.name.optional(),
    email: fields.email.optional(),
    org: fields.org.optional(),
    roles: roleList.optional().describe('Seluruh peran baru (menggantikan yang lama)'),
    addRoles: z.array(Role).min(1).max(ROLES.length).optional().describe('Peran yang ditambahkan'),
    removeRoles: z.array(Role).min(1).max(ROLES.length).optional().describe('Peran yang dicabut'),
  })
  .refine((b) => Object.keys(b).length > 0, 'tidak ada perubahan: isi name, email, org, roles, addRoles atau removeRoles')
  .refine((b) => !(b.roles && (b.addRoles || b.removeRoles)), { message: 'roles tidak boleh digabung dengan addRoles/removeRoles', path: ['roles'] })
  .meta({ id: 'UpdateUserRequest', description: 'Perubahan nama, email, organisasi atau peran; yang tidak disebut tetap.' });

export const CreateOrgBody = z
  .strictObject({
    id: OrgIdParam.describe('Id organisasi'),
    name: line(2, 300).describe('Nama organisasi'),
    kind: z.enum(ORG_KINDS, { error: `jenis organisasi harus salah satu dari: ${ORG_KINDS.join(', ')}` }).describe('opd, lpse atau penyedia'),
  })
  .meta({ id: 'CreateOrganisationRequest', description: 'Organisasi baru; id yang sudah ada dengan isi yang sama dijawab 200, dengan isi lain 409.' });

export const UserListQuery = z.strictObject({
  role: Role.optional(),
  org: OrgIdParam.optional(),
  active: z.enum(['true', 'false'], { error: "harus 'true' atau 'false'" }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

const isoTime = z.iso.datetime({ offset: true });

export const AdminUserSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    roles: z.array(z.string()),
    org: z.string(),
    orgName: z.string(),
    active: z.boolean().describe('false: dinonaktifkan; tokennya ditolak'),
    createdAt: isoTime,
    updatedAt: isoTime.nullable(),
  })
  .meta({ id: 'AdminUser' });

export const UserChangeSchema = z
  .strictObject({
    id: z.number().int().describe('Nomor perubahan (seq entri jejak audit rantai admin-pengguna)'),
    at: isoTime,
    actorId: z.string().describe('Admin yang mengubah, atau cli:<pengguna OS> untuk baris perintah'),
    action: z.string(),
    details: z.record(z.string(), z.unknown()).describe('Sebelum dan sesudah'),
  })
  .meta({ id: 'UserChange' });

export const AdminUserDetail = AdminUserSchema.extend({
  changes: z.array(UserChangeSchema).describe('Perubahan terakhir (maksimal 50), terbaru dahulu'),
}).meta({ id: 'AdminUserDetail' });

export const AdminUserList = z
  .strictObject({
    data: z.array(AdminUserSchema),
    pagination: z.strictObject({ page: z.number().int().min(1), pageSize: z.number().int().min(1), total: z.number().int().min(0) }),
  })
  .meta({ id: 'AdminUserList' });

export const OrganisationSchema = z
  .strictObject({ id: z.string(), name: z.string(), kind: z.string(), users: z.number().int().min(0).describe('Pengguna aktif') })
  .meta({ id: 'Organisation' });

export const OrganisationList = z.strictObject({ data: z.array(OrganisationSchema) }).meta({ id: 'OrganisationList' });

export type CreateUser = z.infer<typeof CreateUserBody>;
export type UpdateUser = z.infer<typeof UpdateUserBody>;
export type CreateOrg = z.infer<typeof CreateOrgBody>;
