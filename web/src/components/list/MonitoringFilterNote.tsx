/**
 * The package list's filters that only the monitoring pages set (a figure links to the packages behind it): shown
 * as a note above the form, each removable, since the form has no field for them.
 */
import type { PackageFilters } from './usePackageListParams';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2026-03` → `Maret 2026`. */
export function monthLabel(ym: string): string {
  const [y, m] = ym.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

type Key = 'superseded' | 'budgetLine' | 'contractMonth' | 'paidMonth';

function describe(f: PackageFilters): { key: Key; text: string }[] {
  const out: { key: Key; text: string }[] = [];
  if (f.budgetLine) out.push({ key: 'budgetLine', text: 'Baris anggaran (paket terbaru tiap rantai tender ulang, tanpa paket batal)' });
  if (f.superseded === 'true') out.push({ key: 'superseded', text: 'Hanya paket gagal yang digantikan paket lanjutan' });
  if (f.superseded === 'false') out.push({ key: 'superseded', text: 'Tanpa paket gagal yang digantikan paket lanjutan' });
  if (f.contractMonth) out.push({ key: 'contractMonth', text: `Kontrak ditandatangani pada ${monthLabel(f.contractMonth)}` });
  if (f.paidMonth) out.push({ key: 'paidMonth', text: `Kontrak menerima pembayaran pada ${monthLabel(f.paidMonth)}` });
  return out;
}

export function MonitoringFilterNote({ value, onClear }: { value: PackageFilters; onClear: (key: Key) => void }) {
  const items = describe(value);
  if (!items.length) return null;
  return (
    <div className="alert info">
      <strong>Filter dari halaman pemantauan</strong>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            {i.text}{' '}
            <button type="button" className="secondary" onClick={() => onClear(i.key)} aria-label={`Hapus filter: ${i.text}`}>
              Hapus
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
