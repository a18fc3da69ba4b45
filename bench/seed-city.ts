/**
 * The city the monitoring and public benchmarks read: N procurement packages generated in SQL (default 100,000) across
 * 40 OPDs, 8 methods, 12 stages and 5 statuses over three fiscal years; a third with an open step (half of them
 * overdue); two in three with opened bids and an announced winner in their view (the public list shows the winner);
 * a fifth with a signed contract, four S-curve periods and two payments; every 50th package the re-tender of the one
 * before it (a chain counted once). Used by bench/dashboard.ts (API latency) and bench/console.ts (pages in Chromium).
 */
import type { Knex } from 'knex';

export interface CityOptions {
  packages: number;
  /** The newest of the three fiscal years (most packages fall in it). */
  fiscalYear: number;
}

const VENDORS = 30;

export async function seedCity(db: Knex, { packages: n, fiscalYear: fy }: CityOptions): Promise<void> {
  await db('organisations')
    .insert(Array.from({ length: VENDORS }, (_, v) => ({ id: `bench-org-${v}`, name: `PT Penyedia ${v}`, kind: 'penyedia' })))
    .onConflict('id')
    .ignore();
  await db('users')
    .insert(Array.from({ length: VENDORS }, (_, v) => ({ id: `vendor.${v}`, name: `Staf ${v}`, roles: ['penyedia'], org_id: `bench-org-${v}` })))
    .onConflict('id')
    .ignore();
  await db.raw(
    `insert into packages (id, workflow_id, title, opd, work_unit, category, method, definition_id, definition_version,
       fiscal_year, pagu, hps, status, stage_id, stage_name, stage_entered_at, stage_closes_at, created_by, created_at, updated_at, view)
     select 'pkt-bench' || lpad(g::text, 8, '0'), 'paket-pkt-bench' || g, 'Paket Rehabilitasi ' || g, 'OPD ' || (g % 40), 'Satker',
       (array['barang','pekerjaan_konstruksi','jasa_konsultansi','jasa_lainnya'])[1 + g % 4],
       (array['tender','tender-2file','seleksi','tender-cepat','penunjukan-langsung','pengadaan-langsung-b','e-purchasing','swakelola'])[1 + g % 8],
       'tender-pasca-1file', 3, ? - (g % 3), 100000000 + (g % 1000) * 1000000, 95000000 + (g % 1000) * 1000000,
       (array['active','active','contract_signed','gagal','batal'])[1 + g % 5],
       'stage_' || (g % 12), 'Tahap ' || (g % 12), now() - (g % 500) * interval '1 hour', now() + (g % 7) * interval '1 day',
       'ppk', now() - (g || ' minutes')::interval, now(),
       case when g % 3 = 0 then '{}'::jsonb
       else jsonb_build_object('data', jsonb_build_object(
         'bids', (select jsonb_agg(jsonb_build_object('by', 'vendor.' || ((g + v) % ${VENDORS}), 'at', 0, 'price', 85000000 + v * 1000000))
                  from generate_series(1, 1 + g % 4) v),
         'bidOpening', jsonb_build_object('rejected', '[]'::jsonb),
         'award', jsonb_build_object('winner', jsonb_build_object('vendorId', 'vendor.' || (g % ${VENDORS}), 'price', 86000000 + (g % 15) * 1000000),
                                     'failed', '[]'::jsonb),
         'awardAnnouncement', '{}'::jsonb)) end
     from generate_series(1, ?) g`,
    [fy, n],
  );
  await db.raw(
    `insert into package_tasks (package_id, stage_seq, action, stage_id, name, roles, assignees, due_at, status, fiscal_year)
     select 'pkt-bench' || lpad(g::text, 8, '0'), 1, 'act', 'stage_' || (g % 12), 'Langkah', array['pokja'], array['pokja.' || (g % 50)],
       now() + ((g % 20) - 10) * interval '1 day', 'open', ? - (g % 3)
     from generate_series(1, ?, 3) g`,
    [fy, n],
  );
  await db.raw(
    `insert into contracts (package_id, parent_package_id, kind, number, provider_id, category, opd, fiscal_year, pagu,
       original_value, value, paid, physical_progress, status, stage_id, updated_at)
     select 'pkt-bench' || lpad(g::text, 8, '0'), 'pkt-bench' || lpad(g::text, 8, '0'), 'kontrak', 'K-' || g, 'vendor.' || (g % ${VENDORS}),
       'barang', 'OPD ' || (g % 40), ? - (g % 3), 100000000, 90000000, 90000000, (g % 10) * 9000000, (g % 10) * 10, 'active', 'execution', now()
     from generate_series(5, ?, 5) g`,
    [fy, n],
  );
  await db.raw(
    `insert into contract_periods (package_id, period, planned_pct, actual_pct)
     select c.package_id, p, p * 25, case when p <= 2 then p * 20 end from contracts c, generate_series(1, 4) p`,
  );
  // Every contract signed (its `signed` milestone) and paid twice over the year.
  await db.raw(
    `insert into package_events (package_id, seq, type, stage_id, at, details)
     select package_id, 1000, 'milestone_reached', 'spmk', make_timestamptz(fiscal_year, 1 + (hashtext(package_id) & 2047) % 12, 10, 3, 0, 0, 'UTC'), '{"milestone":"signed"}'
     from contracts`,
  );
  await db.raw(
    `insert into contract_payments (package_id, payment_id, kind, gross, advance_repayment, retention, penalty, net, paid_at)
     select package_id, 'p' || k, 'termin', 45000000, 0, 0, 0, 45000000, make_timestamptz(fiscal_year, 1 + (k * 5 + (hashtext(package_id) & 2047)) % 12, 20, 3, 0, 0, 'UTC')
     from contracts, generate_series(1, 2) k`,
  );
  await db.raw(
    `update packages p set previous_package_id = 'pkt-bench' || lpad((substring(p.id from 10)::int - 1)::text, 8, '0')
     where p.id like 'pkt-bench%' and substring(p.id from 10)::int % 50 = 0`,
  );
  await db.raw('analyze');
}
