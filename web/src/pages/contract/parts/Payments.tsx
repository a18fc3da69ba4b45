import { formatRupiah, formatWib } from '../../../i18n/format';
import { paymentKind } from './labels';
import type { Payment } from './types';

/** Payments with what was held back (advance repayment, retention) and the late penalty, and their totals. */
export function Payments({ payments }: { payments: Payment[] }) {
  if (payments.length === 0) return <p className="muted">Belum ada pembayaran.</p>;
  const sum = (k: keyof Pick<Payment, 'gross' | 'advanceRepayment' | 'retention' | 'penalty' | 'net'>) => payments.reduce((s, p) => s + p[k], 0);
  return (
    <table>
      <caption className="visually-hidden">Pembayaran kontrak, dengan potongan uang muka, retensi dan denda</caption>
      <thead>
        <tr>
          <th scope="col">Dibayar</th>
          <th scope="col">Jenis</th>
          <th scope="col" className="num">
            Nilai bruto
          </th>
          <th scope="col" className="num">
            Pengembalian uang muka
          </th>
          <th scope="col" className="num">
            Retensi
          </th>
          <th scope="col" className="num">
            Denda
          </th>
          <th scope="col" className="num">
            Dibayarkan (neto)
          </th>
        </tr>
      </thead>
      <tbody>
        {payments.map((p) => (
          <tr key={p.id}>
            <td>{formatWib(p.paidAt)}</td>
            <td>{paymentKind(p.kind)}</td>
            <td className="num">{formatRupiah(p.gross)}</td>
            <td className="num">{formatRupiah(p.advanceRepayment)}</td>
            <td className="num">{formatRupiah(p.retention)}</td>
            <td className="num">{formatRupiah(p.penalty)}</td>
            <td className="num">{formatRupiah(p.net)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Jumlah
          </th>
          <td className="num">{formatRupiah(sum('gross'))}</td>
          <td className="num">{formatRupiah(sum('advanceRepayment'))}</td>
          <td className="num">{formatRupiah(sum('retention'))}</td>
          <td className="num">{formatRupiah(sum('penalty'))}</td>
          <td className="num">
            <strong>{formatRupiah(sum('net'))}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
