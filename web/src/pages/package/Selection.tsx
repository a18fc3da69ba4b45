/**
 * The selection as far as the signed-in user may see it: the bids of the opening with their read-out prices, and the
 * winner once there is one. Read the same way for every method by domain/monitoring/selection.ts (the red flags and
 * the public view use it too); the server has already reduced the data to what this user may read (a vendor sees no
 * other bidder before the opening), so a sealed entry shows only that it is sealed.
 */
import { BID_SOURCES, selectionOf } from '../../../../domain/monitoring/selection';
import { formatRupiah, formatWib } from '../../i18n/format';

export function Selection({ data, method, names }: { data: Record<string, unknown>; method: string; names: Readonly<Record<string, string>> }) {
  const s = selectionOf(data, method);
  if (!s.bidsSubmitted && !s.winner) return null;
  // Officers get names from the page (bidder-links); a vendor's view carries them on the opened entries (`vendor`).
  const named: Record<string, string> = { ...names };
  for (const { list } of BID_SOURCES) {
    for (const it of Array.isArray(data[list]) ? (data[list] as { by?: unknown; vendor?: unknown }[]) : []) {
      if (typeof it.by === 'string' && typeof it.vendor === 'string') named[it.by] ??= it.vendor;
    }
  }
  const who = (id: string) => (named[id] ? `${named[id]} (${id})` : id);
  return (
    <section aria-labelledby="seleksi" className="card">
      <h2 id="seleksi" style={{ marginTop: 0 }}>
        Penawaran dan hasil
      </h2>
      {s.winner && (
        <p>
          <strong>Calon pemenang:</strong> {who(s.winner.vendorId)} — {formatRupiah(s.winner.price)}
        </p>
      )}
      {s.opening ? (
        <table>
          <caption>
            Dibuka {s.opening.opened} penawaran{s.opening.rejected ? `, ${s.opening.rejected} ditolak saat pembukaan` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Penyedia</th>
              <th scope="col">Diterima (WIB)</th>
              <th scope="col" className="num">
                Harga terbaca
              </th>
            </tr>
          </thead>
          <tbody>
            {s.opening.bids.map((b) => (
              <tr key={b.vendorId}>
                <td>{who(b.vendorId)}</td>
                <td>{formatWib(b.at)}</td>
                <td className="num">{b.price === undefined ? '—' : formatRupiah(b.price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{s.bidsSubmitted} penawaran tersegel sampai pembukaan; isi dan harganya belum dapat dibaca siapa pun.</p>
      )}
    </section>
  );
}
