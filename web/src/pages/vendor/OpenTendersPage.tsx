/**
 * Tender terbuka (/tender): for vendors, the packages they can take part in now: registration open, clarification
 * and bid windows running, objection periods. Each row links to the package page, where the vendor's own steps
 * (Daftar, Ajukan pertanyaan, Unggah penawaran, Sanggah, Sanggah banding) are offered as forms generated from the
 * server's `myActions`; this page only finds the packages. The server decides who may do what: a row here is an
 * invitation to look, not a permission.
 */
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { formatRupiah, formatTimeLeft, formatWib } from '../../i18n/format';
import { methodLabel } from './parts/labels';
import { Refusal } from './parts/Refusal';
import type { PackageList, PackageSummary } from './parts/types';

/** Stage ids across the definitions (workflows/definitions) where vendors act, grouped as vendors think of them. */
const SECTIONS = [
  {
    id: 'pendaftaran',
    title: 'Pendaftaran dibuka',
    help: 'Daftar sebagai peserta sebelum batas waktu, lalu unduh dokumen pemilihan.',
    closesLabel: 'Pendaftaran ditutup',
    action: 'Lihat dan daftar',
    stages: ['registration', 'pq_registration', 'pq_submission'],
  },
  {
    id: 'penawaran',
    title: 'Penjelasan dan pemasukan penawaran',
    help: 'Untuk peserta terdaftar: ajukan pertanyaan pada masa penjelasan dan unggah penawaran tersegel sebelum batas waktu.',
    closesLabel: 'Tahap ditutup',
    action: 'Buka paket',
    stages: [
      'clarification',
      'bid_submission',
      'bid_extension',
      'bid_resubmission',
      'proposal_submission',
      'proposal_extension',
      'proposal_resubmission',
      'submission',
      'auction_round',
    ],
  },
  {
    id: 'sanggah',
    title: 'Masa sanggah',
    help: 'Peserta yang keberatan atas hasil pemilihan dapat mengajukan sanggah atau sanggah banding sebelum masa berakhir.',
    closesLabel: 'Masa sanggah berakhir',
    action: 'Buka paket',
    stages: ['objection_period', 'appeal_period'],
  },
] as const;

const PAGE_SIZE = 100;

function listStage(stage: string): Promise<PackageList> {
  return call(api.GET('/api/packages', { params: { query: { stage, status: 'active', pageSize: PAGE_SIZE } } })) as Promise<unknown> as Promise<PackageList>;
}

export default function OpenTendersPage() {
  const [text, setText] = useState('');
  const stages = SECTIONS.flatMap((s) => s.stages);
  const results = useQueries({
    queries: stages.map((stage) => ({ queryKey: ['packages', 'open-for-vendors', stage], queryFn: () => listStage(stage), refetchInterval: 60_000 })),
  });
  const byStage = new Map<string, PackageSummary[]>(stages.map((s, i) => [s, results[i]?.data?.data ?? []]));
  const loading = results.some((r) => r.isPending);
  const failed = results.find((r) => r.error)?.error;
  const needle = text.trim().toLowerCase();
  const matches = (p: PackageSummary) => !needle || `${p.title} ${p.opd} ${p.workUnit}`.toLowerCase().includes(needle);

  return (
    <div className="page">
      <h1>Tender terbuka</h1>
      <p className="muted">
        Paket yang sedang membuka pendaftaran, penjelasan, pemasukan penawaran, atau masa sanggah. Langkah yang dapat Anda lakukan tampil di halaman paket.
        Waktu dalam WIB.
      </p>
      <div className="card">
        <label htmlFor="cari-tender">Cari paket</label>
        <input id="cari-tender" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Nama paket atau OPD" size={40} />
      </div>
      {failed ? <Refusal error={failed} what="Daftar paket tidak dapat dimuat" /> : null}
      {loading && <p aria-live="polite">Memuat paket…</p>}
      {!loading &&
        SECTIONS.map((section) => {
          const rows = section.stages
            .flatMap((s) => byStage.get(s) ?? [])
            .filter(matches)
            .sort((a, b) => (Date.parse(a.stage.closesAt ?? '') || Infinity) - (Date.parse(b.stage.closesAt ?? '') || Infinity));
          return (
            <section key={section.id} aria-labelledby={`bagian-${section.id}`}>
              <h2 id={`bagian-${section.id}`}>
                {section.title} <span className="muted">({rows.length})</span>
              </h2>
              <p className="help">{section.help}</p>
              {rows.length === 0 ? (
                <p className="card muted">Tidak ada paket {needle ? 'yang cocok dengan pencarian ' : ''}pada tahap ini.</p>
              ) : (
                <TenderTable rows={rows} caption={section.title} closesLabel={section.closesLabel} action={section.action} />
              )}
            </section>
          );
        })}
    </div>
  );
}

function TenderTable({ rows, caption, closesLabel, action }: { rows: PackageSummary[]; caption: string; closesLabel: string; action: string }) {
  const now = Date.now();
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Paket</th>
          <th scope="col">OPD</th>
          <th scope="col">Metode</th>
          <th scope="col" className="num">
            HPS
          </th>
          <th scope="col">Tahap</th>
          <th scope="col">{closesLabel}</th>
          <th scope="col">
            <span className="visually-hidden">Tindakan</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const left = formatTimeLeft(p.stage.closesAt, now);
          return (
            <tr key={p.id}>
              <td>
                <Link to={`/paket/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                <br />
                <small className="muted">
                  {p.id} · TA {p.fiscalYear}
                </small>
              </td>
              <td>
                {p.opd}
                <br />
                <small className="muted">{p.workUnit}</small>
              </td>
              <td>{methodLabel(p.method)}</td>
              <td className="num">{formatRupiah(p.hps)}</td>
              <td>{p.stage.name}</td>
              <td>
                {formatWib(p.stage.closesAt)}
                {p.stage.closesAt && (
                  <>
                    <br />
                    <span className={`status ${left.overdue ? 'bad' : 'warn'}`}>{left.overdue ? 'sudah ditutup' : left.text}</span>
                  </>
                )}
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <Link className="button" to={`/paket/${encodeURIComponent(p.id)}`} aria-label={`${action}: ${p.title}`}>
                  {action}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
