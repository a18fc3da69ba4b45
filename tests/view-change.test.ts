/**
 * The read model's view change (domain/process/view-change.ts), table-driven: applying the change the workflow computes
 * to the stored view gives exactly the new view (as JSON, which is what the read model keeps), sends only what changed
 * (a list's new or changed items, not the list), and refuses to apply to any other stored view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PackageView } from '../domain/process/engine';
import { applyViewChange, viewChange } from '../domain/process/view-change';

const base = (seq: number, data: Record<string, unknown>, extra: Partial<PackageView> = {}): PackageView => ({
  packageId: 'pkt-viewchange01',
  definition: { id: 'kontrak', version: 3, name: 'E-Kontrak', method: 'kontrak' },
  createdBy: 'ppk.budi',
  status: 'active',
  seq,
  stage: { id: 'execution', name: 'Pelaksanaan', type: 'timeWindow', enteredAt: 1, enteredSeq: 3, closesAt: 99 },
  openActions: [{ id: 'submit_progress_report', name: 'Ajukan Laporan Kemajuan', roles: ['penyedia'] }],
  facts: { title: 'Jembatan', opd: 'PUPR', workUnit: 'Bina Marga', category: 'pekerjaan_konstruksi', pagu: 10, hps: 9, fiscalYear: 2027 },
  assignments: { ppk: ['ppk.budi'] },
  data,
  ...extra,
});
const report = (n: number, status = 'diajukan') => ({ id: `laporan-${n}`, period: n, status, evidence: [{ name: 'foto.jpg', sha256: 'a'.repeat(64) }] });
const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const reports = (n: number) => Array.from({ length: n }, (_, i) => report(i + 1, 'dikembalikan'));

const cases: { name: string; prev: PackageView; next: PackageView; sends: (c: ReturnType<typeof viewChange>) => void }[] = [
  {
    name: 'a report appended: only the new item travels',
    prev: base(10, { reports: reports(50) }),
    next: base(11, { reports: [...reports(50), report(51)] }),
    sends: (c) => {
      assert.deepEqual(c.data.set, {});
      assert.deepEqual(c.data.lists.reports, { at: {}, append: [report(51)] });
    },
  },
  {
    name: 'the last report reviewed: one item by index',
    prev: base(11, { reports: [...reports(50), report(51)] }),
    next: base(12, { reports: [...reports(50), report(51, 'dikembalikan')] }),
    sends: (c) => assert.deepEqual(c.data.lists.reports, { at: { 50: report(51, 'dikembalikan') }, append: [] }),
  },
  {
    name: 'a list that shrank or mostly changed is sent whole',
    prev: base(3, { bids: [1, 2, 3, 4], shortlist: ['a', 'b'] }),
    next: base(4, { bids: [1, 2], shortlist: ['x', 'y'] }),
    sends: (c) => {
      assert.deepEqual(c.data.set, { bids: [1, 2], shortlist: ['x', 'y'] });
      assert.deepEqual(c.data.lists, {});
    },
  },
  {
    name: 'keys set, removed and unchanged; the stage moves; the outcome appears',
    prev: base(5, { package: { title: 'x' }, proposals: { announce: { by: 'pokja.sari' } }, questions: [] }),
    next: base(6, { package: { title: 'x' }, questions: [], winner: { vendorId: 'v1' } }, { outcome: 'completed', status: 'selesai', openActions: [] }),
    sends: (c) => {
      assert.deepEqual(c.data.set, { winner: { vendorId: 'v1' } });
      assert.deepEqual(c.data.unset, ['proposals']);
      assert.deepEqual(Object.keys(c.set).sort(), ['openActions', 'outcome', 'seq', 'status']);
    },
  },
  {
    name: 'a field that became absent (the window no longer closes) is removed',
    prev: base(7, {}),
    next: base(8, {}, { stage: { id: 'review', name: 'Pemeriksaan', type: 'userTask', enteredAt: 5, enteredSeq: 8 } }),
    sends: (c) => assert.deepEqual((c.set.stage as { closesAt?: number }).closesAt, undefined),
  },
];

for (const c of cases) {
  test(c.name, () => {
    const change = viewChange(c.prev, c.next);
    c.sends(change);
    assert.equal(change.baseSeq, c.prev.seq);
    // The stored copy went through JSON (jsonb); so does the change (a payload).
    const applied = applyViewChange(roundTrip(c.prev), roundTrip(change));
    assert.deepEqual(applied, roundTrip(c.next));
  });
}

test('a change made against another view is refused (the workflow then sends the whole view)', () => {
  const prev = base(10, { reports: reports(3) });
  const change = viewChange(prev, base(11, { reports: reports(4) }));
  assert.equal(applyViewChange(base(9, { reports: reports(3) }), change), undefined, 'older stored view');
  assert.equal(applyViewChange(null, change), undefined, 'no stored view yet');
  assert.equal(applyViewChange(base(10, { reports: 'not a list' }), change), undefined, 'a list that is not one');
});

test('a growing list costs the change a constant size, not the list', () => {
  const big = reports(2_000);
  const change = viewChange(base(1, { reports: big }), base(2, { reports: [...big, report(2_001)] }));
  assert.ok(JSON.stringify(change).length < 1_500, `${JSON.stringify(change).length} bytes`);
});
