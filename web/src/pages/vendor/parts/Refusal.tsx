import { ApiFailure } from '../../../api/client';
import { describeError } from '../../../i18n/errors';

/** A refusal or failure from the API, in Indonesian: the code's title and the server's own message under it. */
export function Refusal({ error, what }: { error: unknown; what?: string }) {
  const { title, message } =
    error instanceof ApiFailure ? describeError(error.error) : { title: 'Terjadi kesalahan', message: error instanceof Error ? error.message : String(error) };
  return (
    <div className="alert" role="alert">
      <strong>
        {what ? `${what}: ` : ''}
        {title}
      </strong>
      {message && <p style={{ margin: '0.25rem 0 0' }}>{message}</p>}
    </div>
  );
}
