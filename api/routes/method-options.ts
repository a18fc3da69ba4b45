/**
 * GET /api/method-options: for the create form, every procurement method for a category and HPS — allowed or not, by
 * which rule (the same check POST /api/packages applies) — and its schedule parameters with defaults and ranges.
 */
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware';
import { parseOr422 } from '../errors';
import { Category } from '../schemas';
import { methodOptions } from '../services/method-options';

const rupiah = z.coerce.number().int().positive().max(9_000_000_000_000_000);

/** The same bounds as CreatePackage, so a value the form may send is one the query accepts. */
export const MethodOptionsQuery = z
  .strictObject({
    category: Category,
    hps: rupiah.describe('Harga Perkiraan Sendiri (rupiah)'),
    pagu: rupiah.optional().describe('Pagu anggaran (rupiah); bila diisi, HPS tidak boleh melebihinya'),
    fiscalYear: z.coerce.number().int().min(2020).max(2100).optional().describe('Tahun anggaran'),
  })
  .refine((q) => q.pagu === undefined || q.hps <= q.pagu, { message: 'HPS tidak boleh melebihi pagu', path: ['hps'] })
  .meta({ id: 'MethodOptionsQuery' });

const Reason = z.strictObject({
  rule: z.string().describe('Id aturan: `<metode>:category`, `<metode>:max_value`, `<metode>:min_value`'),
  message: z.string(),
  source: z.string().describe('Pasal yang mendasari'),
  limit: z.number().optional().describe('Batas nilai (rupiah) aturan nilai'),
});

const Param = z.strictObject({
  id: z.string().describe('Kunci di `schedule` POST /api/packages'),
  name: z.string(),
  unit: z.enum(['calendarDays', 'workingDays', 'hours', 'minutes']),
  unitName: z.string(),
  default: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  endOnWorkingTime: z.boolean().optional(),
  fixed: z.string().optional().describe('Aturan yang menetapkan nilainya (min = maks = bawaan); tidak dapat diubah'),
});

export const MethodOptions = z
  .strictObject({
    ruleSet: z.strictObject({ id: z.string(), title: z.string(), effectiveFrom: z.string() }).describe('Aturan yang berlaku hari ini (WIB)'),
    category: z.string(),
    hps: z.number(),
    data: z.array(
      z.strictObject({
        method: z.string(),
        definitionId: z.string(),
        version: z.number().int(),
        name: z.string(),
        description: z.string().optional(),
        allowed: z.boolean(),
        reasons: z.array(Reason).describe('Kosong bila boleh; bila tidak, aturan yang menolak'),
        assignments: z.array(z.string()).describe('Pejabat yang wajib ditugaskan selain PPK dan PA/KPA'),
        mayAssign: z.array(z.string()).describe('Pejabat lain yang dapat ditugaskan (Penunjukan Langsung: Pejabat Pengadaan atau Pokja)'),
        params: z.array(Param),
      }),
    ),
  })
  .meta({ id: 'MethodOptions', description: 'Metode pemilihan untuk kategori dan HPS, diputus oleh aturan yang sama dengan pembuatan paket.' });

export function methodOptionsRoutes(): Router {
  const r = Router();
  r.get('/', requireRole('ppk', 'pokja', 'pejabat_pengadaan', 'pa_kpa'), (req, res) => {
    const q = parseOr422(MethodOptionsQuery, req.query, 'pilihan metode');
    const body: z.infer<typeof MethodOptions> = { ...methodOptions(q.category, q.hps), category: q.category, hps: q.hps };
    res.json(body);
  });
  return r;
}
