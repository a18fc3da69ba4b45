/** @jsxRuntime automatic @jsxImportSource react */
/**
 * What the user sees after the server refused a step: the server's reason in Indonesian (describeError) and that
 * nothing changed. Shown in the step's form while the step is still offered, and on its own once it is not (the
 * stage moved on: 409 wrong_stage), so the reason never disappears with the form.
 */
import { type ApiErrorBody, describeError } from '../i18n/errors';
import { formatWib } from '../i18n/format';

export interface StepRefused {
  actionId: string;
  actionName: string;
  at: string;
  error: ApiErrorBody;
}

export function StepRefusal({ refused, standalone = false }: { refused: StepRefused; standalone?: boolean }) {
  const { title, message } = describeError(refused.error);
  // The rule a domain refusal names (details.rule: a Pasal, a schedule parameter fixed by law), unless already said.
  const rule = typeof refused.error.details?.rule === 'string' && !message.includes(refused.error.details.rule) ? refused.error.details.rule : null;
  return (
    <div className="alert" role="alert">
      {standalone && (
        <p>
          Langkah “{refused.actionName}” ditolak pada {formatWib(refused.at)}.
        </p>
      )}
      <p>
        <strong>{title}</strong>
      </p>
      {message && <p>{message}</p>}
      {rule && (
        <p>
          Dasar: <span className="rule">{rule}</span>
        </p>
      )}
      {typeof refused.error.details?.complaint === 'string' && (
        // A sanggah that cannot be one goes to the APIP as a complaint (api/complaint-pointer.ts): the package page's section.
        <p>
          <a href="#pengaduan">Sampaikan sebagai pengaduan kepada APIP</a>
        </p>
      )}
      {refused.error.code === 'network_error' ? (
        // No answer came back, so whether the server recorded the step is unknown; a retry is safe (same key).
        <p className="muted">Kirim lagi bila sambungan sudah pulih: langkah yang sama tidak akan tercatat dua kali.</p>
      ) : (
        <p className="muted">
          Langkah ini tidak dijalankan; tidak ada yang berubah pada paket.
          {standalone && ' Langkah ini tidak lagi tersedia untuk Anda pada tahap sekarang.'}
        </p>
      )}
    </div>
  );
}
