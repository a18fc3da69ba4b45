import { formatRupiah, formatWib } from '../../../i18n/format';
import type { Addendum } from './types';

export function Addenda({ addenda }: { addenda: Addendum[] }) {
  if (addenda.length === 0) return <p className="muted">Belum ada adendum.</p>;
  return (
    <table>
      <caption className="visually-hidden">Adendum kontrak</caption>
      <thead>
        <tr>
          <th scope="col">Nomor</th>
          <th scope="col">Ditetapkan</th>
          <th scope="col" className="num">
            Perubahan nilai
          </th>
          <th scope="col" className="num">
            Tambahan waktu
          </th>
          <th scope="col">Alasan</th>
        </tr>
      </thead>
      <tbody>
        {addenda.map((a) => (
          <tr key={a.id}>
            <td>{a.number}</td>
            <td>{formatWib(a.at)}</td>
            <td className="num">
              {a.valueChange > 0 ? '+' : ''}
              {formatRupiah(a.valueChange)}
            </td>
            <td className="num">{a.extensionDays} hari</td>
            <td>{a.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
