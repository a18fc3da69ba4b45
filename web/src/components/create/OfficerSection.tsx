/**
 * Penugasan pejabat: PA/KPA always; Pokja Pemilihan (odd, at least 3) and Pejabat Pengadaan as the chosen method's
 * definition requires (`assignments` from GET /api/method-options). Where the head of the UKPBJ assigns them after
 * the package is made (`kepala_ukpbj` among the assignments, docs/regulation.md §2.1 P3), the PPK names the head
 * instead. Officers are named by user id; the server checks each holds the role. In development the demo users are
 * offered as suggestions (a datalist), nothing more.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { DevUser } from '../../api/types';
import { Field } from './Field';

/** Suggestions only: present with the development issuer, silently absent otherwise. */
function useSuggestions() {
  return useQuery({
    queryKey: ['auth-dev-users'],
    queryFn: async () => (await call(api.GET('/api/auth/dev/users'))).data,
    retry: false,
    staleTime: Infinity,
  });
}

function Suggestions({ id, users, role }: { id: string; users: DevUser[] | undefined; role: DevUser['roles'][number] }) {
  return (
    <datalist id={id}>
      {users
        ?.filter((u) => u.roles.includes(role))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </datalist>
  );
}

export const MAX_POKJA = 9;

export function OfficerSection({
  assignments,
  paKpa,
  pokja,
  pejabatPengadaan,
  kepalaUkpbj,
  onChange,
  errors,
}: {
  /** Officers the method requires besides PPK and PA/KPA; undefined before a method is chosen. */
  assignments: string[] | undefined;
  paKpa: string;
  pokja: string[];
  pejabatPengadaan: string;
  kepalaUkpbj: string;
  onChange: (patch: { paKpa?: string; pokja?: string[]; pejabatPengadaan?: string; kepalaUkpbj?: string }) => void;
  errors: Record<string, string>;
}) {
  const users = useSuggestions().data;
  const needsPokja = assignments?.includes('pokja') ?? false;
  const needsPp = assignments?.includes('pejabat_pengadaan') ?? false;
  const byUkpbj = assignments?.includes('kepala_ukpbj') ?? false;
  // A method that names neither (e.g. Penunjukan Langsung) may still be run by one of them: offer both, optional.
  const optional = !!assignments && !needsPokja && !needsPp && !byUkpbj;
  const showPokja = needsPokja || optional || pokja.some((x) => x.trim());
  const showPp = needsPp || optional || !!pejabatPengadaan.trim();
  const pokjaError = errors.pokja ?? errors.assignments;
  return (
    <fieldset>
      <legend>Penugasan pejabat</legend>
      <Suggestions id="saran-pa-kpa" users={users} role="pa_kpa" />
      <Suggestions id="saran-pokja" users={users} role="pokja" />
      <Suggestions id="saran-pp" users={users} role="pejabat_pengadaan" />
      <Suggestions id="saran-kepala-ukpbj" users={users} role="kepala_ukpbj" />
      <Field
        id="paKpa"
        label="PA/KPA (id pengguna)"
        required
        error={errors.paKpa}
        help="Pengguna Anggaran / Kuasa Pengguna Anggaran yang menyetujui paket ini."
      >
        <input value={paKpa} maxLength={128} list="saran-pa-kpa" autoComplete="off" onChange={(e) => onChange({ paKpa: e.target.value })} />
      </Field>
      {!assignments && <p className="help">Pejabat lain yang diperlukan mengikuti metode pemilihan yang dipilih.</p>}
      {byUkpbj && (
        <Field
          id="kepalaUkpbj"
          label="Kepala UKPBJ (id pengguna)"
          required
          error={errors.kepalaUkpbj}
          help="Kepala UKPBJ menugaskan Pokja Pemilihan/Pejabat Pengadaan setelah paket dibuat; PPK tidak menunjuk anggotanya."
        >
          <input value={kepalaUkpbj} maxLength={128} list="saran-kepala-ukpbj" autoComplete="off" onChange={(e) => onChange({ kepalaUkpbj: e.target.value })} />
        </Field>
      )}
      {optional && (
        <p className="help">Metode ini dapat dilaksanakan oleh Pokja Pemilihan atau Pejabat Pengadaan: isi salah satunya bila metode memerlukannya.</p>
      )}
      {showPokja && (
        <fieldset className="pokja" aria-describedby={pokjaError ? 'pokja-error' : 'pokja-help'}>
          <legend>Anggota Pokja Pemilihan{needsPokja && <span className="req"> (wajib)</span>}</legend>
          <p id="pokja-help" className="help">
            Jumlah anggota ganjil, minimal 3 dan paling banyak {MAX_POKJA} (Perpres 16/2018 Pasal 13). PPK paket tidak boleh menjadi anggota.
          </p>
          <ol className="pokja-list">
            {pokja.map((m, i) => (
              <li key={i}>
                <Field id={`pokja-${i}`} label={`Anggota ${i + 1} (id pengguna)`} error={errors[`pokja.${i}`]}>
                  <input
                    value={m}
                    maxLength={128}
                    list="saran-pokja"
                    autoComplete="off"
                    onChange={(e) => onChange({ pokja: pokja.map((x, j) => (j === i ? e.target.value : x)) })}
                  />
                </Field>
                {pokja.length > 1 && (
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Hapus anggota ${i + 1}`}
                    onClick={() => onChange({ pokja: pokja.filter((_, j) => j !== i) })}
                  >
                    Hapus
                  </button>
                )}
              </li>
            ))}
          </ol>
          {pokja.length < MAX_POKJA && (
            <button type="button" className="secondary" onClick={() => onChange({ pokja: [...pokja, ''] })}>
              Tambah anggota
            </button>
          )}
          {pokjaError && (
            <div id="pokja-error" className="field-error">
              {pokjaError}
            </div>
          )}
        </fieldset>
      )}
      {showPp && (
        <Field id="pejabatPengadaan" label="Pejabat Pengadaan (id pengguna)" required={needsPp} error={errors.pejabatPengadaan}>
          <input value={pejabatPengadaan} maxLength={128} list="saran-pp" autoComplete="off" onChange={(e) => onChange({ pejabatPengadaan: e.target.value })} />
        </Field>
      )}
    </fieldset>
  );
}
