/**
 * The console's written forms (web/src/i18n): times in WIB as `Senin, 7 Desember 2026 14.00 WIB` whatever the
 * machine's time zone, rupiah as `Rp1.450.000.000`, time left / overdue, and how a server refusal becomes an Indonesian
 * title plus the fields it concerns. Pure functions, so no services are needed; the shapes are what officers read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError, fieldsOf } from '../web/src/i18n/errors';
import { formatDateWib, formatPercent, formatRupiah, formatTimeLeft, formatWib } from '../web/src/i18n/format';

test('formatWib writes the day, date and time in WIB (UTC+7) with a dot between hours and minutes', () => {
  assert.equal(formatWib('2026-12-07T07:00:00Z'), 'Senin, 7 Desember 2026 14.00 WIB');
  // The same instant given with another offset, as a Date and as epoch milliseconds.
  assert.equal(formatWib('2026-12-07T09:00:00+02:00'), 'Senin, 7 Desember 2026 14.00 WIB');
  assert.equal(formatWib(new Date(Date.UTC(2026, 11, 7, 7, 0))), 'Senin, 7 Desember 2026 14.00 WIB');
  assert.equal(formatWib(Date.UTC(2026, 11, 7, 7, 0)), 'Senin, 7 Desember 2026 14.00 WIB');
  // 17:30 UTC is already the next day in Jakarta; midnight is 00.xx, never 24.xx.
  assert.equal(formatWib('2026-08-16T17:05:00Z'), 'Senin, 17 Agustus 2026 00.05 WIB');
  assert.equal(formatWib('2027-01-01T01:09:00Z'), 'Jumat, 1 Januari 2027 08.09 WIB');
  assert.equal(formatDateWib('2026-12-07T20:00:00Z'), 'Selasa, 8 Desember 2026');
  for (const none of [null, undefined, '', 'bukan tanggal']) assert.equal(formatWib(none), '—');
});

test('formatRupiah writes whole rupiah with dots and no space after Rp', () => {
  assert.equal(formatRupiah(1_450_000_000), 'Rp1.450.000.000');
  assert.equal(formatRupiah('1450000000'), 'Rp1.450.000.000'); // PostgreSQL bigint arrives as a string
  assert.equal(formatRupiah(9_000_000_000_000_000n), 'Rp9.000.000.000.000.000');
  assert.equal(formatRupiah(999), 'Rp999');
  assert.equal(formatRupiah(1000), 'Rp1.000');
  assert.equal(formatRupiah(0), 'Rp0');
  assert.equal(formatRupiah(-2_500_000), '-Rp2.500.000');
  assert.equal(formatRupiah(1_234.6), 'Rp1.235');
  for (const none of [null, undefined, '', 'Rp']) assert.equal(formatRupiah(none), '—');
});

test('formatTimeLeft says how long is left or how late, coarsely, and flags overdue', () => {
  const now = Date.parse('2026-12-07T07:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  const H = 3_600_000;
  assert.deepEqual(formatTimeLeft(at(3 * 24 * H + 4 * H + 20 * 60_000), now), { text: '3 hari 4 jam lagi', overdue: false });
  assert.deepEqual(formatTimeLeft(at(2 * 24 * H), now), { text: '2 hari lagi', overdue: false });
  assert.deepEqual(formatTimeLeft(at(5 * H + 30 * 60_000), now), { text: '5 jam 30 menit lagi', overdue: false });
  assert.deepEqual(formatTimeLeft(at(45 * 60_000), now), { text: '45 menit lagi', overdue: false });
  assert.deepEqual(formatTimeLeft(at(20_000), now), { text: 'kurang dari 1 menit lagi', overdue: false });
  assert.deepEqual(formatTimeLeft(at(-20_000), now), { text: 'baru saja lewat', overdue: true });
  assert.deepEqual(formatTimeLeft(at(-2 * H), now), { text: 'terlambat 2 jam', overdue: true });
  assert.deepEqual(formatTimeLeft(at(-(26 * H)), now), { text: 'terlambat 1 hari 2 jam', overdue: true });
  assert.deepEqual(formatTimeLeft(null, now), { text: '—', overdue: false });
});

test('formatPercent uses a decimal comma', () => {
  assert.equal(formatPercent(62.5), '62,5%');
  assert.equal(formatPercent(100), '100%');
  assert.equal(formatPercent(null), '—');
});

test('describeError gives a known code an Indonesian title and keeps the server message under it', () => {
  assert.deepEqual(describeError({ code: 'wrong_stage', message: 'Langkah submit_bid tidak terbuka pada tahap Evaluasi.' }), {
    title: 'Langkah ini bukan untuk tahap saat ini',
    message: 'Langkah submit_bid tidak terbuka pada tahap Evaluasi.',
  });
  assert.deepEqual(describeError({ code: 'network_error', message: '' }), {
    title: 'Tidak dapat menghubungi server; periksa jaringan Anda',
    message: '',
  });
  // An unknown code shows the server's own message as the title, never the bare code.
  assert.deepEqual(describeError({ code: 'brand_new_refusal', message: 'Penawaran melewati batas.' }), { title: 'Penawaran melewati batas.', message: '' });
  assert.equal(describeError({ code: 'brand_new_refusal', message: '' }).title, 'Permintaan ditolak');
});

test('fieldsOf maps a refusal to the form fields it concerns', () => {
  const validation = {
    code: 'validation_failed',
    message: 'Isian paket tidak valid.',
    details: {
      issues: [
        { path: 'hps', message: 'HPS tidak boleh melebihi pagu' },
        { path: ['schedule', 'bidSubmissionDays'], message: 'minimal 7' },
        { path: 'payload.price', message: 'harga wajib diisi' },
        { message: 'tanpa path diabaikan' },
      ],
    },
  };
  assert.deepEqual(fieldsOf(validation), {
    hps: 'HPS tidak boleh melebihi pagu',
    'schedule.bidSubmissionDays': 'minimal 7',
    price: 'harga wajib diisi',
  });
  assert.deepEqual(fieldsOf({ code: 'method_not_allowed', message: 'Metode tidak diizinkan.', details: { field: 'method' } }), {
    method: 'Metode tidak diizinkan.',
  });
  assert.deepEqual(fieldsOf({ code: 'invalid_assignment', message: 'Penugasan tidak sah.', details: { fields: ['pokja', 'paKpa'] } }), {
    pokja: 'Penugasan tidak sah.',
    paKpa: 'Penugasan tidak sah.',
  });
  assert.deepEqual(fieldsOf({ code: 'internal_error', message: 'x' }), {});
});
