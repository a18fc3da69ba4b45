/**
 * The create form checked before sending, with the same limits as CreatePackage (api/schemas.ts) and messages in
 * Indonesian; the server checks everything again (and alone decides methods, assignments and schedule minimums).
 */
import { formatRupiah } from '../../i18n/format';
import type { CreatePackage, MethodOption } from '../../api/types';
import { type CreateForm, parseRupiah } from './types';

const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function validateCreate(f: CreateForm, method: MethodOption | undefined): Record<string, string> {
  const e: Record<string, string> = {};
  const len = (s: string) => s.trim().length;
  const text = (v: string, what: string, min: number, max: number) =>
    len(v) === 0 ? `Isi ${what}.` : len(v) < min || len(v) > max ? `${what[0]!.toUpperCase()}${what.slice(1)} ${min} sampai ${max} karakter.` : null;
  const t = text(f.title, 'nama paket', 5, 500);
  if (t) e.title = t;
  const o = text(f.opd, 'OPD', 2, 300);
  if (o) e.opd = o;
  const w = text(f.workUnit, 'satuan kerja', 2, 300);
  if (w) e.workUnit = w;
  if (!f.category) e.category = 'Pilih jenis pengadaan.';
  const pagu = parseRupiah(f.pagu);
  const hps = parseRupiah(f.hps);
  if (pagu === null) e.pagu = 'Isi pagu dalam rupiah, bilangan bulat lebih dari 0.';
  if (hps === null) e.hps = 'Isi HPS dalam rupiah, bilangan bulat lebih dari 0.';
  if (pagu !== null && hps !== null && hps > pagu) e.hps = `HPS tidak boleh melebihi pagu (${formatRupiah(pagu)}).`;
  const year = Number(f.fiscalYear);
  if (!Number.isInteger(year) || year < 2020 || year > 2100) e.fiscalYear = 'Tahun anggaran antara 2020 dan 2100.';
  if (f.description.length > 4000) e.description = 'Uraian paling banyak 4.000 karakter.';
  if (!f.method) e.method = 'Pilih metode pemilihan yang diizinkan.';
  if (!USER_ID.test(f.paKpa.trim())) e.paKpa = f.paKpa.trim() ? 'Id pengguna hanya huruf, angka dan . _ : @ -' : 'Isi id pengguna PA/KPA.';

  const pokja = f.pokja.map((x) => x.trim()).filter(Boolean);
  const needsPokja = method?.assignments.includes('pokja');
  f.pokja.forEach((x, i) => {
    if (x.trim() && !USER_ID.test(x.trim())) e[`pokja.${i}`] = 'Id pengguna hanya huruf, angka dan . _ : @ -';
  });
  if (method?.assignments.includes('kepala_ukpbj')) {
    if (!USER_ID.test(f.kepalaUkpbj.trim()))
      e.kepalaUkpbj = f.kepalaUkpbj.trim() ? 'Id pengguna hanya huruf, angka dan . _ : @ -' : 'Isi id pengguna Kepala UKPBJ.';
  }
  if (needsPokja && pokja.length === 0) e.pokja = 'Metode ini memerlukan Pokja Pemilihan.';
  else if (pokja.length > 0 && (pokja.length < 3 || pokja.length % 2 === 0 || pokja.length > 9)) {
    e.pokja = `Anggota Pokja harus ganjil, 3 sampai 9 orang (sekarang ${pokja.length}).`;
  } else if (new Set(pokja).size !== pokja.length) e.pokja = 'Anggota Pokja tidak boleh ganda.';
  if (method?.assignments.includes('pejabat_pengadaan') && !f.pejabatPengadaan.trim()) e.pejabatPengadaan = 'Metode ini memerlukan Pejabat Pengadaan.';
  else if (f.pejabatPengadaan.trim() && !USER_ID.test(f.pejabatPengadaan.trim())) e.pejabatPengadaan = 'Id pengguna hanya huruf, angka dan . _ : @ -';

  for (const p of method?.params ?? []) {
    const v = Number(f.schedule[p.id]);
    if (!Number.isInteger(v) || v < p.min || v > p.max) e[`schedule.${p.id}`] = `Isi bilangan bulat ${p.min}–${p.max} ${p.unitName}.`;
  }
  return e;
}

/** The POST /api/packages body (CreatePackage) from a form that passed validateCreate. */
export function createBody(f: CreateForm, method: MethodOption): CreatePackage {
  const pokja = f.pokja.map((x) => x.trim()).filter(Boolean);
  return {
    title: f.title.trim(),
    opd: f.opd.trim(),
    workUnit: f.workUnit.trim(),
    category: f.category as CreatePackage['category'],
    // Only a method the server offered as allowed reaches here (the select lists no other).
    method: f.method as CreatePackage['method'],
    pagu: parseRupiah(f.pagu)!,
    hps: parseRupiah(f.hps)!,
    fiscalYear: Number(f.fiscalYear),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    ...(pokja.length ? { pokja } : {}),
    ...(f.pejabatPengadaan.trim() ? { pejabatPengadaan: f.pejabatPengadaan.trim() } : {}),
    // Only for a method whose officers the head of the UKPBJ assigns (the server refuses it elsewhere).
    ...(method.assignments.includes('kepala_ukpbj') && f.kepalaUkpbj.trim() ? { kepalaUkpbj: f.kepalaUkpbj.trim() } : {}),
    paKpa: f.paKpa.trim(),
    schedule: Object.fromEntries(method.params.map((p) => [p.id, Number(f.schedule[p.id])])),
  };
}
