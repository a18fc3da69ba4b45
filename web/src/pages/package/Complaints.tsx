/**
 * Pengaduan on the package page (Perpres 16/2018 Pasal 77): any signed-in user files a complaint to the APIP about
 * this package; the server says why it is a complaint and not a sanggah (the reason it computed). The filer sees its
 * own complaints with the APIP's follow-ups; the package's officers see only that complaints exist and their status —
 * never who filed them (the answer does not carry it).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiFailure, api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/create/Field';
import { ErrorAlert } from '../../components/list/ErrorAlert';
import { fieldsOf } from '../../i18n/errors';
import { formatWib } from '../../i18n/format';
import type { components } from '../../api/schema';

type Complaint = components['schemas']['Complaint'];

export const complaintsQueryKey = (id: string) => ['packages', id, 'complaints'] as const;

export function Complaints({ packageId }: { packageId: string }) {
  const { hasRole } = useSession();
  const q = useQuery({
    queryKey: complaintsQueryKey(packageId),
    queryFn: () => call(api.GET('/api/packages/{id}/complaints', { params: { path: { id: packageId } } })),
  });
  if (q.isError) return <ErrorAlert error={q.error} title="Pengaduan tidak dapat dimuat" />;
  if (!q.data) return <p role="status">Memuat pengaduan…</p>;
  const { notices, mine, seesAll } = q.data;
  return (
    <div className="complaints">
      <p className="muted">
        Keberatan yang tidak dapat diajukan sebagai sanggah — masa sanggah sudah lewat, metode tanpa sanggah, atau bukan peserta — disampaikan sebagai pengaduan
        kepada APIP (Perpres 16/2018 Pasal 77). Identitas pengadu hanya diketahui APIP.
      </p>
      {seesAll && (
        <>
          <h3>Pengaduan atas paket ini</h3>
          {notices.length === 0 ? (
            <p>Belum ada pengaduan.</p>
          ) : (
            <table className="complaint-notices">
              <caption className="visually-hidden">Pengaduan atas paket ini, tanpa identitas pengadu</caption>
              <thead>
                <tr>
                  <th scope="col">Diajukan</th>
                  <th scope="col">Status</th>
                  <th scope="col">Diperbarui</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.id}>
                    <td>{formatWib(n.filedAt)}</td>
                    <td>{n.statusName}</td>
                    <td>{formatWib(n.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {hasRole('auditor') && (
            <p>
              <Link to="/pengaduan">Tangani pengaduan di halaman Pengaduan</Link>
            </p>
          )}
        </>
      )}
      {mine.length > 0 && (
        <>
          <h3>Pengaduan saya</h3>
          <ul className="complaint-list" style={{ listStyle: 'none', padding: 0 }}>
            {mine.map((c) => (
              <li key={c.id}>
                <ComplaintSummary c={c} />
              </li>
            ))}
          </ul>
        </>
      )}
      {!hasRole('auditor') && <ComplaintForm packageId={packageId} />}
    </div>
  );
}

export function ComplaintSummary({ c }: { c: Complaint }) {
  return (
    <article className="card complaint" aria-label={`Pengaduan: ${c.subject}`}>
      <p>
        <strong>{c.subject}</strong> — <span>{c.statusName}</span>
      </p>
      <p>
        Diajukan {formatWib(c.filedAt)}. Alasan: {c.reasonName}. <span className="muted">{c.reasonExplanation}</span>
      </p>
      {c.followUps.length > 0 && (
        <ol className="complaint-follow-ups" aria-label="Tindak lanjut APIP">
          {c.followUps.map((f) => (
            <li key={f.seq}>
              {formatWib(f.at)} — {f.kindName} oleh {f.officer.name}
              {f.note ? `: ${f.note}` : ''}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

function ComplaintForm({ packageId }: { packageId: string }) {
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [attachmentRef, setAttachmentRef] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [filed, setFiled] = useState<Complaint | null>(null);
  // One key per attempt: a double click or a retry after a lost answer files one complaint.
  const idempotencyKey = useRef(crypto.randomUUID());
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const file = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/packages/{id}/complaints', {
          params: { path: { id: packageId } },
          body: { subject, description, ...(attachmentRef.trim() ? { attachmentRef } : {}) },
          headers: { 'Idempotency-Key': idempotencyKey.current },
        }),
      ),
    onSuccess: (c) => {
      setFiled(c);
      setErrors({});
      setSubject('');
      setDescription('');
      setAttachmentRef('');
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: complaintsQueryKey(packageId) });
    },
    onError: (err) => setErrors(err instanceof ApiFailure ? fieldsOf(err.error) : {}),
  });
  useEffect(() => {
    if (file.isError) alertRef.current?.focus();
  }, [file.isError, file.error]);
  useEffect(() => {
    if (filed) doneRef.current?.focus();
  }, [filed]);
  return (
    <form
      className="complaint-form"
      aria-labelledby="pengaduan-baru"
      onSubmit={(e) => {
        e.preventDefault();
        setFiled(null);
        file.mutate();
      }}
    >
      <h3 id="pengaduan-baru">Ajukan pengaduan kepada APIP</h3>
      {file.isError && <ErrorAlert ref={alertRef} error={file.error} title="Pengaduan belum terkirim" />}
      {filed && (
        <div className="alert ok" role="status" ref={doneRef} tabIndex={-1}>
          Pengaduan terkirim ({formatWib(filed.filedAt)}). Alasan yang dicatat server: <strong>{filed.reasonName}</strong> — {filed.reasonExplanation}
        </div>
      )}
      <Field id="pengaduan-pokok" label="Pokok pengaduan" required error={errors.subject} help="5–200 karakter">
        <input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
      </Field>
      <Field
        id="pengaduan-uraian"
        label="Uraian dan bukti"
        required
        error={errors.description}
        help="Paling sedikit 20 karakter; sertakan bukti yang faktual, kredibel, dan autentik"
      >
        <textarea value={description} maxLength={8000} rows={5} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field id="pengaduan-lampiran" label="Rujukan lampiran bukti" error={errors.attachmentRef} help="Opsional: nomor atau alamat dokumen bukti">
        <input value={attachmentRef} maxLength={500} onChange={(e) => setAttachmentRef(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={file.isPending}>
          {file.isPending ? 'Mengirim…' : 'Kirim pengaduan'}
        </button>
      </div>
    </form>
  );
}
