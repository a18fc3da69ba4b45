/**
 * Buat paket (/paket/baru, PPK): the package's facts, then the method — only those the server's rules allow for the
 * category and HPS (GET /api/method-options), with the reasons for the others — then its schedule (defaults, units,
 * ranges) and the officers it needs. Sent once with an Idempotency-Key (a double click or a retry after a lost
 * answer creates one package); a refusal is shown at the top and beside each field it names; success opens the
 * new package.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiFailure, call } from '../api/client';
import { useSession } from '../auth/session';
import { Field } from '../components/create/Field';
import { MethodSection } from '../components/create/MethodSection';
import { OfficerSection } from '../components/create/OfficerSection';
import { ScheduleSection } from '../components/create/ScheduleSection';
import { CATEGORIES, type CreateForm, parseRupiah } from '../components/create/types';
import { useMethodOptions } from '../components/create/useMethodOptions';
import { createBody, validateCreate } from '../components/create/validate';
import { ErrorAlert } from '../components/list/ErrorAlert';
import { fieldsOf } from '../i18n/errors';
import { formatRupiah } from '../i18n/format';
import '../components/create/create.css';

/** The fiscal year a package made today in WIB belongs to. */
const thisYearWib = () => new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date());

const EMPTY: CreateForm = {
  title: '',
  opd: '',
  workUnit: '',
  category: '',
  pagu: '',
  hps: '',
  fiscalYear: thisYearWib(),
  description: '',
  method: '',
  paKpa: '',
  pokja: ['', '', ''],
  pejabatPengadaan: '',
  kepalaUkpbj: '',
  schedule: {},
};

/** Field order, to move focus to the first field a refusal names. */
const FIELD_IDS = ['title', 'opd', 'workUnit', 'category', 'pagu', 'hps', 'fiscalYear', 'description', 'method', 'paKpa', 'kepalaUkpbj'];

export default function CreatePackagePage() {
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CreateForm>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  // One key per package being made: a retry of the same form cannot create a second package; a refusal is not
  // stored by the server, so the corrected form goes through under the same key.
  const idempotencyKey = useRef(crypto.randomUUID());

  const pagu = parseRupiah(form.pagu);
  const hps = parseRupiah(form.hps);
  const year = /^\d{4}$/.test(form.fiscalYear) ? Number(form.fiscalYear) : null;
  const ready = !!form.category && hps !== null && (pagu === null || hps <= pagu);
  const options = useMethodOptions({ category: form.category, hps, pagu, fiscalYear: year });
  const allowed = ready ? options.data?.data.filter((m) => m.allowed) : undefined;
  const method = allowed?.find((m) => m.method === form.method);

  // A method the new category or value no longer allows is dropped, never sent.
  useEffect(() => {
    if (form.method && allowed && !method) setForm((f) => ({ ...f, method: '', schedule: {} }));
  }, [allowed, method, form.method]);

  const set = (patch: Partial<CreateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // An edited field's old message no longer applies; the others stay until the next submit.
    const keys = Object.keys(patch);
    setErrors((old) => {
      const next = Object.fromEntries(
        Object.entries(old).filter(([k]) => !keys.some((p) => k === p || k.startsWith(`${p}.`) || (p === 'pokja' && k === 'assignments'))),
      );
      return Object.keys(next).length === Object.keys(old).length ? old : next;
    });
  };
  const chooseMethod = (m: string) => {
    const opt = allowed?.find((x) => x.method === m);
    set({ method: m, schedule: Object.fromEntries((opt?.params ?? []).map((p) => [p.id, String(p.default)])) });
  };

  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/packages', {
          body: createBody(form, method!),
          headers: { 'Idempotency-Key': idempotencyKey.current },
        }),
      ),
    onSuccess: (pkg) => {
      void queryClient.invalidateQueries({ queryKey: ['packages'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void navigate(`/paket/${encodeURIComponent(pkg.id)}`);
    },
    onError: (err) => {
      setFailure(err);
      setErrors(err instanceof ApiFailure ? fieldsOf(err.error) : {});
    },
  });

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  if (!hasRole('ppk')) {
    return (
      <div className="page">
        <h1>Buat paket</h1>
        <p className="alert">Hanya PPK yang dapat membuat paket pengadaan.</p>
        <Link to="/paket">Kembali ke daftar paket</Link>
      </div>
    );
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const found = validateCreate(form, method);
    setErrors(found);
    if (Object.keys(found).length) {
      setFailure(null);
      const first = FIELD_IDS.find((f) => found[f]) ?? Object.keys(found)[0]!;
      const id = first.replace('.', '-').replace(/^schedule-/, 'schedule-');
      (document.getElementById(id) ?? document.querySelector<HTMLElement>('[aria-invalid="true"]'))?.focus();
      return;
    }
    setFailure(null);
    create.mutate();
  };
  // Refusals about fields the form does not show (or about the whole package) are listed at the top.
  const shown = new Set([...FIELD_IDS, 'pokja', 'pejabatPengadaan', 'assignments', ...Object.keys(errors).filter((k) => /^(pokja|schedule)\./.test(k))]);
  const elsewhere = Object.entries(errors).filter(([k]) => !shown.has(k));
  const err = (k: string) => errors[k];

  return (
    <div className="page">
      <h1>Buat paket</h1>
      <p className="help">Isian bertanda (wajib) harus diisi. Metode dan jadwal mengikuti aturan yang berlaku hari ini.</p>
      {failure !== null && (
        <>
          <ErrorAlert ref={alertRef} error={failure} title="Paket belum dibuat">
            {elsewhere.length > 0 && (
              <ul>
                {elsewhere.map(([k, m]) => (
                  <li key={k}>{m}</li>
                ))}
              </ul>
            )}
            {Object.keys(errors).length > elsewhere.length && <div>Keterangan ada di samping isian yang ditandai di bawah.</div>}
          </ErrorAlert>
        </>
      )}
      {failure === null && Object.keys(errors).length > 0 && (
        <p className="alert" role="alert">
          Periksa {Object.keys(errors).length} isian yang ditandai di bawah.
        </p>
      )}
      <form className="create-form" noValidate onSubmit={submit} aria-busy={create.isPending}>
        <fieldset>
          <legend>Data paket</legend>
          <Field id="title" label="Nama paket" required error={err('title')}>
            <input value={form.title} maxLength={500} onChange={(e) => set({ title: e.target.value })} />
          </Field>
          <div className="two">
            <Field id="opd" label="OPD" required error={err('opd')} help="Organisasi Perangkat Daerah, nama lengkap">
              <input value={form.opd} maxLength={300} onChange={(e) => set({ opd: e.target.value })} />
            </Field>
            <Field id="workUnit" label="Satuan kerja" required error={err('workUnit')}>
              <input value={form.workUnit} maxLength={300} onChange={(e) => set({ workUnit: e.target.value })} />
            </Field>
            <Field id="category" label="Jenis pengadaan" required error={err('category')}>
              <select value={form.category} onChange={(e) => set({ category: e.target.value })}>
                <option value="">— Pilih jenis —</option>
                {Object.entries(CATEGORIES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="fiscalYear" label="Tahun anggaran" required error={err('fiscalYear')}>
              <input type="number" inputMode="numeric" min={2020} max={2100} value={form.fiscalYear} onChange={(e) => set({ fiscalYear: e.target.value })} />
            </Field>
            <Field
              id="pagu"
              label="Pagu anggaran (rupiah)"
              required
              error={err('pagu')}
              help={<span className="money-echo">{pagu !== null ? formatRupiah(pagu) : 'Contoh: 1.500.000.000'}</span>}
            >
              <input inputMode="numeric" autoComplete="off" value={form.pagu} onChange={(e) => set({ pagu: e.target.value })} />
            </Field>
            <Field
              id="hps"
              label="HPS (rupiah)"
              required
              error={err('hps')}
              help={<span className="money-echo">{hps !== null ? formatRupiah(hps) : 'Harga Perkiraan Sendiri, tidak melebihi pagu'}</span>}
            >
              <input inputMode="numeric" autoComplete="off" value={form.hps} onChange={(e) => set({ hps: e.target.value })} />
            </Field>
          </div>
          <Field id="description" label="Uraian singkat" error={err('description')} help="Opsional, paling banyak 4.000 karakter">
            <textarea value={form.description} maxLength={4000} onChange={(e) => set({ description: e.target.value })} />
          </Field>
        </fieldset>

        <MethodSection options={options} ready={ready} value={form.method} onChange={chooseMethod} error={err('method')} />
        <ScheduleSection params={method?.params} values={form.schedule} onChange={(schedule) => set({ schedule })} errors={errors} />
        <OfficerSection
          assignments={method?.assignments}
          paKpa={form.paKpa}
          pokja={form.pokja}
          pejabatPengadaan={form.pejabatPengadaan}
          kepalaUkpbj={form.kepalaUkpbj}
          onChange={(patch) => set(patch)}
          errors={errors}
        />

        <div className="form-actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Membuat paket…' : 'Buat paket'}
          </button>
          <Link to="/paket">Batal</Link>
        </div>
      </form>
    </div>
  );
}
