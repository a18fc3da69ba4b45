/**
 * Verifikasi jejak audit, publik (/publik/verifikasi?paket=…), no sign-in and no token: shows the audit chain's head
 * hash and verifies one package's chain in the browser (web/src/audit/verify.ts): each of its entries recomputed
 * from its fields, every hop from its first entry to the head recomputed and linked. The package id comes from the
 * form or from `?paket=` (the public package page links here); submitting the form sets `?paket=`, and the check
 * runs whenever it changes, so the result is one shareable URL. Below: what the result proves and what it does not.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuditEntryTable } from '../../audit/AuditEntryTable';
import { AuditExplainer } from '../../audit/AuditExplainer';
import { FAILURE_LABELS } from '../../audit/labels';
import { type PackageVerification, publicAuditSource, verifyPackage } from '../../audit/verify';
import '../../audit/audit-verify.css';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { call, fetchPublic, publicApi } from '../../components/public/public-api';
import { formatWib } from '../../i18n/format';

const ID_PATTERN = /^pkt-[a-z0-9]{8,40}$/;
const source = publicAuditSource(async (path) => (await fetchPublic(path)).json());

type Run =
  | { state: 'idle' }
  | { state: 'running'; checked: number; total: number }
  | { state: 'done'; result: PackageVerification }
  | { state: 'failed'; error: unknown };

export default function AuditVerifyPage() {
  const [params, setParams] = useSearchParams();
  const paket = (params.get('paket') ?? '').trim();
  const [input, setInput] = useState(paket);
  const [inputError, setInputError] = useState('');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0); // the same id submitted again checks again
  const resultRef = useRef<HTMLDivElement>(null);
  const head = useQuery({ queryKey: ['public', 'audit', 'head'], queryFn: () => call(publicApi.GET('/api/public/audit/head')) });

  useEffect(() => {
    document.title = 'Verifikasi jejak audit — Portal Publik Pengadaan';
  }, []);
  useEffect(() => setInput(paket), [paket]);

  useEffect(() => {
    if (!ID_PATTERN.test(paket)) {
      setRun({ state: 'idle' });
      return;
    }
    let current = true;
    setRun({ state: 'running', checked: 0, total: 0 });
    verifyPackage(source, paket, { onProgress: (p) => current && setRun({ state: 'running', ...p }) }).then(
      (result) => {
        if (!current) return;
        setRun({ state: 'done', result });
        void head.refetch(); // the head the check ended at is the one to note down
      },
      (error: unknown) => current && setRun({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // once per package id and submission
  }, [paket, attempt]);

  useEffect(() => {
    if (run.state === 'done' || run.state === 'failed') resultRef.current?.focus();
  }, [run.state]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const id = input.trim();
    if (!ID_PATTERN.test(id)) {
      setInputError('Id paket berbentuk pkt- diikuti 8–40 huruf kecil atau angka, misalnya pkt-3f9a1c2b7d.');
      return;
    }
    setInputError('');
    if (id === paket) setAttempt((a) => a + 1);
    else setParams({ paket: id });
  };

  const h = head.data;
  return (
    <div className="page audit-verify">
      <h1>Verifikasi jejak audit</h1>
      <p className="lead">
        Setiap langkah setiap paket dicatat dalam jejak audit berantai hash: tiap entri memuat hash entri sebelumnya, sehingga satu perubahan memutus semua
        sambungan sesudahnya. Di sini peramban Anda sendiri memeriksa rantai satu paket sampai kepala rantai, tanpa masuk dan tanpa mempercayai perhitungan
        server.
      </p>

      <section aria-labelledby="kepala" className="card">
        <h2 id="kepala">Kepala rantai</h2>
        {head.isPending && <p role="status">Memuat kepala rantai…</p>}
        {head.isError && <ErrorAlert error={head.error} title="Kepala rantai tidak dapat dimuat" />}
        {h && (
          <dl className="facts">
            <dt>Hash kepala</dt>
            <dd>
              <code className="head-hash" data-testid="head-hash">
                {h.hash}
              </code>
            </dd>
            <dt>Posisi</dt>
            <dd>{h.pos ?? '— (jejak masih kosong)'}</dd>
            <dt>Jumlah entri</dt>
            <dd>{h.count.toLocaleString('id-ID')} (semua paket)</dd>
            <dt>Jangkar terakhir</dt>
            <dd>
              {h.anchor ? (
                <>
                  #{h.anchor.seq}, {formatWib(new Date(h.anchor.at).toISOString())}:{' '}
                  <code className="head-hash" data-testid="anchor-hash">
                    {h.anchor.hash}
                  </code>
                </>
              ) : (
                '— (belum ada)'
              )}
            </dd>
            <dt>Dibaca</dt>
            <dd>{formatWib(h.asOf)}</dd>
          </dl>
        )}
        <p className="help">
          Catat hash ini atau bandingkan dengan yang diterbitkan di tempat lain: itulah cara mengetahui bahwa ujung rantai tidak dipotong. Sejak setiap paket
          punya rantainya sendiri, jangkar berkala mencatat kepala rantai setiap paket dan menyambung ke jangkar sebelumnya: hash jangkar terakhir mengikat
          semuanya.
        </p>
      </section>

      <section aria-labelledby="periksa">
        <h2 id="periksa">Periksa satu paket</h2>
        <form className="row" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="paket">Id paket</label>
            <input
              id="paket"
              name="paket"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={inputError ? 'paket-salah paket-bantuan' : 'paket-bantuan'}
              aria-invalid={inputError ? true : undefined}
            />
            <div id="paket-bantuan" className="help">
              Id paket ada di halaman paket, misalnya dari <Link to="/publik">pencarian paket</Link>.
            </div>
            {inputError && (
              <div id="paket-salah" className="field-error">
                {inputError}
              </div>
            )}
          </div>
          <button type="submit" disabled={run.state === 'running'}>
            Verifikasi
          </button>
        </form>

        <div aria-live="polite">
          {run.state === 'running' && (
            <p role="status">
              {run.total ? `Memeriksa rantai: ${run.checked.toLocaleString('id-ID')} dari ${run.total.toLocaleString('id-ID')} entri…` : 'Memuat entri paket…'}
            </p>
          )}
        </div>
        <div ref={resultRef} tabIndex={-1} className="result">
          {run.state === 'failed' && <ErrorAlert error={run.error} title="Verifikasi tidak dapat dijalankan" />}
          {run.state === 'done' && <Result r={run.result} />}
        </div>
      </section>

      <AuditExplainer />
    </div>
  );
}

function Result({ r }: { r: PackageVerification }) {
  const shown = r.entries.length;
  return (
    <>
      {r.ok ? (
        <div className="alert ok" data-testid="audit-result" data-result="utuh">
          <strong>Rantai paket {r.packageId} utuh.</strong>
          <div>
            {shown} entri paket dihitung ulang dan {r.linksChecked.toLocaleString('id-ID')} entri rantai disambungkan sampai kepala (posisi {r.head.pos}).
            {r.legacyLinks > 0 && ` ${r.legacyLinks.toLocaleString('id-ID')} di antaranya berformat lama dan hanya diperiksa sambungannya.`}
            {r.packageChain === 'linked' &&
              ` Rantai paket disambungkan dari awalnya${r.anchored ? `; kepalanya (posisi ${r.anchored.pos}) tercatat di jangkar #${r.anchored.from} dan jangkar disambungkan sampai #${r.anchored.to}` : ''}.`}
            {r.packageChain === 'sealed' && ' Sambungan antarentri paket ini ditampilkan dan diperiksa sesudah pembukaan langkah tersegel.'}
          </div>
        </div>
      ) : shown === 0 ? (
        <div className="alert info" data-testid="audit-result" data-result="kosong">
          <strong>Belum ada entri paket {r.packageId} yang dapat ditampilkan.</strong>
        </div>
      ) : (
        <div className="alert" data-testid="audit-result" data-result="rusak">
          <strong>
            Rantai RUSAK pada posisi {r.brokenAt?.pos}: {r.brokenAt ? FAILURE_LABELS[r.brokenAt.reason] : ''}.
          </strong>
          <div>Entri sesudah posisi itu tidak diperiksa. Laporkan ke APIP atau admin LPSE dengan menyebut posisi ini dan hash kepala.</div>
        </div>
      )}
      {r.stage && (
        <p>
          Tahap paket saat ini: <strong>{r.stage.name}</strong>.{' '}
          {r.sealedStepsUnopened &&
            'Langkah tersegel paket ini (penawaran) belum dibuka: entrinya tidak ditampilkan di sini sampai pembukaan (berkas yang menurut aturan tidak pernah dibuka, seperti File II peserta yang gugur, tidak pernah ditampilkan).'}
        </p>
      )}
      {shown > 0 && <AuditEntryTable packageId={r.packageId} rows={r.entries} actionNames={r.actionNames} stageNames={r.stageNames} />}
    </>
  );
}
