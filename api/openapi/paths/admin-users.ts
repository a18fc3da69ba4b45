/**
 * /api/admin (admin only; api/routes/admin-users.ts): users and organisations, the same operations as
 * `npm run users` (bin/users.ts). Every change is audited (user_changes and the hash-chained trail).
 */
import { USER_ID_PATTERN, UserListQuery } from '../../routes/admin-user-schemas';
import { AUTH_READ, errorResponses, json, queryParams, WITH_BODY, WITH_ID } from '../common';
// The request and answer components register themselves (`.meta({ id })`) when admin-user-schemas is imported.

const userIdParam = { name: 'userId', in: 'path', required: true, description: 'Id pengguna', schema: { type: 'string', pattern: USER_ID_PATTERN } };

const userAnswer = (description: string) => ({ description, content: json('AdminUser') });

export const adminUsersPaths = {
  '/api/admin/users': {
    get: {
      operationId: 'listAdminUsers',
      summary: 'Admin: daftar pengguna (per halaman; saring menurut peran, organisasi, aktif)',
      parameters: queryParams(UserListQuery),
      responses: { 200: { description: 'Pengguna, urut id', content: json('AdminUserList') }, ...errorResponses(...AUTH_READ) },
    },
    post: {
      operationId: 'createAdminUser',
      summary: 'Admin: pengguna baru (id, nama, email, organisasi, peran); id yang ada dengan isi sama: 200, isi lain: 409; dicatat di jejak audit',
      requestBody: { required: true, content: json('CreateUserRequest') },
      responses: {
        200: userAnswer('Pengguna ini sudah ada dengan isi yang sama; tidak ada yang diubah'),
        201: userAnswer('Pengguna dibuat'),
        ...errorResponses(...AUTH_READ, ...WITH_BODY, 409),
      },
    },
  },
  '/api/admin/users/{userId}': {
    get: {
      operationId: 'getAdminUser',
      summary: 'Admin: satu pengguna dengan perubahan terakhirnya (sebelum/sesudah)',
      parameters: [userIdParam],
      responses: { 200: { description: 'Pengguna', content: json('AdminUserDetail') }, ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
    patch: {
      operationId: 'updateAdminUser',
      summary: 'Admin: ubah nama, email, organisasi atau peran (roles, atau addRoles/removeRoles); tanpa perubahan: tidak dicatat',
      parameters: [userIdParam],
      requestBody: { required: true, content: json('UpdateUserRequest') },
      responses: { 200: userAnswer('Pengguna sesudah perubahan'), ...errorResponses(...AUTH_READ, ...WITH_BODY, ...WITH_ID, 409) },
    },
  },
  '/api/admin/users/{userId}/deactivate': {
    post: {
      operationId: 'deactivateAdminUser',
      summary: 'Admin: nonaktifkan pengguna (tidak pernah dihapus); tokennya ditolak sejak permintaan berikutnya; admin aktif terakhir: 409',
      parameters: [userIdParam],
      responses: { 200: userAnswer('Pengguna (active: false)'), ...errorResponses(...AUTH_READ, ...WITH_ID, 409) },
    },
  },
  '/api/admin/users/{userId}/activate': {
    post: {
      operationId: 'activateAdminUser',
      summary: 'Admin: aktifkan kembali pengguna yang dinonaktifkan',
      parameters: [userIdParam],
      responses: { 200: userAnswer('Pengguna (active: true)'), ...errorResponses(...AUTH_READ, ...WITH_ID) },
    },
  },
  '/api/admin/organisations': {
    get: {
      operationId: 'listOrganisations',
      summary: 'Admin: daftar organisasi (OPD/UKPBJ, LPSE, penyedia) dengan jumlah pengguna aktif',
      responses: { 200: { description: 'Organisasi, urut id', content: json('OrganisationList') }, ...errorResponses(...AUTH_READ) },
    },
    post: {
      operationId: 'createOrganisation',
      summary: 'Admin: organisasi baru (id, nama, jenis); id yang ada dengan isi sama: 200, isi lain: 409; dicatat di jejak audit',
      requestBody: { required: true, content: json('CreateOrganisationRequest') },
      responses: {
        200: { description: 'Organisasi ini sudah ada dengan isi yang sama', content: json('Organisation') },
        201: { description: 'Organisasi dibuat', content: json('Organisation') },
        ...errorResponses(...AUTH_READ, ...WITH_BODY, 409),
      },
    },
  },
};
