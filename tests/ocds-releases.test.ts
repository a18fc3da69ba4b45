/**
 * OCDS releases, records and packages from real packages: a goods tender with questions, an addendum and three
 * registered vendors (two bid) run on the time-skipping server to its signed contract, which runs on with an SPMK,
 * an advance, progress reports, term payments, an addendum, the handover and the final payment to its end; and a
 * tender cancelled after its announcement. Every release, release package, record and record package built from
 * the read model — directly and through the public API, including the streamed export of the fiscal year — passes
 * the official 1.1.5 schemas and the checks beyond them (domain/ocds/validate.ts).
 *
 * Also: tags where expected; tenderers absent before the opening and present after it (never a price before it);
 * releases built before the opening are byte-for-byte the ones built at the end (immutable); the supplier is the
 * winner's organisation and no person is named; documents carry their SHA-256; the contract's implementation has
 * its payments as transactions and its progress as milestones; the ocid prefix comes from the configuration.
 * A fiscal year no other test uses keeps the export exact.
 */
import type { Knex } from 'knex';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createDb } from '../db/connection';
import { ocdsSourceOf } from '../db/queries/ocds';
import type { JsonObject, OcdsRelease } from '../domain/ocds/merge';
import { recordPackage, releasePackage } from '../domain/ocds/package';
import { buildPackageRecord, buildReleases, changesOf } from '../domain/ocds/releases';
import type { OcdsOptions } from '../domain/ocds/source';
import {
  checkBeyondSchema,
  validateRecord,
  validateRecordPackage,
  validateRelease,
  validateReleasePackage,
  type ValidationResult,
} from '../domain/ocds/validate';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { evidence, JUTA } from './support/contract-fixture';
import { settlesAt } from './support/hand-off-steps';
import { runScenarios } from './support/scenario';
import { testServices } from './support/services';
import { startTestApi, type TestApi } from './support/test-api';
import { ppk, tenderInput } from './support/tender-fixture';
import { CHILD_ID, contractSource, HASH, packageSource, parentEvents, childEvents } from './fixtures/ocds-source';

// ---- the mapping alone, on a small hand-written source (tests/fixtures/ocds-source.ts) ----------------------------

describe('OCDS mapping (pure, small fixture)', () => {
  const opts: OcdsOptions = { ocidPrefix: 'ocds-unit01', baseUrl: 'https://lpse.uji.go.id' };
  const ocid = 'ocds-unit01-pkt-unittender0001';
  const releases = buildReleases(packageSource(), opts);
  const byId = (suffix: string) => releases.find((r) => r.id === `${ocid}-${suffix}`)!;

  test('one release per public change, with its tags, in date order; all valid with the configured prefix', () => {
    assert.deepEqual(
      releases.map((r) => [r.id.slice(ocid.length + 1), r.tag]),
      [
        ['1', ['planning']],
        ['3', ['tender']],
        ['7', ['tenderUpdate']],
        ['9', ['tenderAmendment']],
        ['11', ['tenderUpdate']],
        ['15', ['tenderUpdate']],
        ['20', ['tenderUpdate']],
        ['22', ['tenderUpdate', 'award']],
        ['24', ['awardUpdate']],
        ['26', ['awardUpdate']],
        ['28', ['awardUpdate']],
        ['k1-8', ['contract']],
        ['30', ['tenderUpdate']],
        ['k1-11', ['contractUpdate']],
        ['k1-13', ['contractUpdate']],
        ['k1-16', ['implementation']],
        ['k1-17', ['implementation']],
        ['k1-18', ['contractAmendment']],
      ],
      'reminders, registrations, sealed bids and service bookkeeping publish nothing; the contract starts at its signature',
    );
    for (const r of releases) assertOcds(r, 'release', opts.ocidPrefix, r.id);
    const record = buildPackageRecord(packageSource(), opts);
    assertOcds(record, 'record', opts.ocidPrefix, 'record');
    assert.ok(!checkBeyondSchema(record, { ocidPrefix: 'ocds-pgdn01' }).valid, 'another publisher prefix is refused');
  });

  test('planning and tender: pagu, HPS from the announcement, periods, the addendum moving nothing it should not', () => {
    const planning = byId('1');
    assert.equal((planning.tender as JsonObject).status, 'planned');
    assert.equal((planning.tender as JsonObject).value, undefined, 'the HPS is published with the announcement');
    assert.deepEqual((planning.planning as JsonObject).budget, {
      id: 'pagu-pkt-unittender0001',
      description: 'Pagu anggaran Bidang Sarana, Dinas Pendidikan Kota Uji, Tahun Anggaran 2033',
      amount: { amount: 1_000_000_000, currency: 'IDR' },
    });
    const tender = byId('20').tender as JsonObject;
    assert.deepEqual([tender.status, tender.procurementMethod, tender.mainProcurementCategory], ['active', 'open', 'goods']);
    assert.deepEqual(tender.value, { amount: 950_000_000, currency: 'IDR' });
    assert.deepEqual(tender.enquiryPeriod, { startDate: iso(100), endDate: iso(200) });
    assert.deepEqual(tender.tenderPeriod, { startDate: iso(200), endDate: iso(400) });
    assert.equal(tender.hasEnquiries, false);
    const amendment = ((byId('9').tender as JsonObject).amendments as JsonObject[])[0];
    assert.deepEqual(amendment, {
      id: 'adendum-1',
      date: iso(150),
      description: 'Adendum Dokumen Pemilihan ADD-1: Perubahan spesifikasi teknis.',
      rationale: 'Batas unggah dokumen penawaran diperpanjang 2 hari kerja.',
      releaseID: `${ocid}-9`,
      amendsReleaseID: `${ocid}-7`,
    });
  });

  test('tenderers only once the bids are unsealed; the award names the winner organisation with its price, then the contract value', () => {
    for (const id of ['1', '3', '7', '9', '11', '15']) {
      assert.equal((byId(id).tender as JsonObject).tenderers, undefined, id);
      assert.equal((byId(id).tender as JsonObject).numberOfTenderers, undefined, id);
    }
    const opened = byId('20').tender as JsonObject;
    assert.equal(opened.numberOfTenderers, 2);
    assert.deepEqual(opened.tenderers, [
      { id: 'pt-xenon', name: 'PT Xenon' },
      { id: 'cv-yakin', name: 'CV Yakin' },
    ]);
    const awardAt = (id: string) => (byId(id).awards as JsonObject[])[0]!;
    assert.deepEqual(awardAt('22'), {
      id: 'penetapan-22',
      status: 'pending',
      date: iso(500),
      value: { amount: 810_000_000, currency: 'IDR' },
      suppliers: [{ id: 'cv-yakin', name: 'CV Yakin' }],
    });
    assert.equal(awardAt('24').status, 'active', 'with the SPPBJ');
    assert.deepEqual(
      (awardAt('26').documents as JsonObject[]).map((d) => d.description),
      [`SHA-256: ${HASH.sppbj}`],
    );
    assert.deepEqual(awardAt('28').value, { amount: 800_000_000, currency: 'IDR' }, 'the agreed contract value');
    assert.deepEqual(
      (byId('22').parties as JsonObject[]).map((p) => [p.id, p.roles]),
      [
        ['opd-dinas-pendidikan-kota-uji', ['buyer']],
        ['ukpbj-uji', ['procuringEntity']],
        ['pt-xenon', ['tenderer']],
        ['cv-yakin', ['tenderer', 'supplier']],
      ],
    );
    assert.equal((byId('30').tender as JsonObject).status, 'complete');
  });

  test('the contract: signed document only, SPMK start, value and period with the addendum, transactions and progress', () => {
    const contract = (byId('k1-18').contracts as JsonObject[])[0]!;
    assert.equal(contract.id, CHILD_ID);
    assert.equal(contract.awardID, 'penetapan-22');
    assert.deepEqual([contract.status, contract.dateSigned, contract.title], ['active', iso(699), 'Kontrak KTR/1']);
    assert.deepEqual(contract.value, { amount: 840_000_000, currency: 'IDR' });
    const start = Date.parse('2033-03-01T00:00:00+07:00');
    assert.deepEqual(contract.period, { startDate: new Date(start).toISOString(), endDate: new Date(start + 65 * 86_400_000).toISOString() });
    assert.deepEqual(
      (contract.documents as JsonObject[]).map((d) => [d.documentType, d.description, d.url]),
      [
        // The public download (no token), on the procurement package's page: the contract has no public page of its own.
        ['contractSigned', `SHA-256: ${HASH.kontrak}`, `https://lpse.uji.go.id/api/public/packages/pkt-unittender0001/documents/${CHILD_ID}%3Akontrak%3A1`],
        ['contractNotice', `SHA-256: ${HASH.spmk}`, `https://lpse.uji.go.id/api/public/packages/pkt-unittender0001/documents/${CHILD_ID}%3Aspmk%3A1`],
      ],
    );
    const impl = contract.implementation as { transactions: JsonObject[]; milestones: JsonObject[] };
    assert.deepEqual(impl.transactions, [
      {
        id: 'pembayaran-1',
        date: iso(1000),
        value: { amount: 270_000_000, currency: 'IDR' },
        payer: { id: 'opd-dinas-pendidikan-kota-uji', name: 'Dinas Pendidikan Kota Uji' },
        payee: { id: 'cv-yakin', name: 'CV Yakin' },
      },
    ]);
    assert.deepEqual(
      impl.milestones.map((m) => [m.id, m.status, m.description]),
      [
        ['progres-periode-1', 'partiallyMet', 'Rencana 50%, realisasi 40% (laporan kemajuan diterima).'],
        ['progres-periode-2', 'scheduled', 'Rencana 100%.'],
      ],
    );
    assert.deepEqual((contract.amendments as JsonObject[])[0], {
      id: 'adendum-kontrak-1',
      date: iso(1100),
      rationale: 'Tambah volume pekerjaan.',
      description: 'Adendum kontrak ADD-K1: perubahan nilai Rp40.000.000, perpanjangan waktu 5 hari kalender.',
      releaseID: `${ocid}-k1-18`,
      amendsReleaseID: `${ocid}-k1-17`,
    });
  });

  test('immutable: a release built from the events up to any point is the one built from all of them', () => {
    const full = new Map(releases.map((r) => [r.id, r]));
    // The read model stores a step's events together (one batch, one transaction): cut where a change ends.
    const ends = (events: typeof parentEvents) => changesOf(events).map((c) => c.last);
    for (const cut of ends(parentEvents)) {
      const src = packageSource({ events: parentEvents.filter((e) => e.seq <= cut), contracts: cut >= 28 ? [contractSource()] : [] });
      for (const r of buildReleases(src, opts)) assert.deepEqual(r, full.get(r.id), `parent events up to ${cut}: ${r.id}`);
    }
    for (const cut of ends(childEvents)) {
      const child = contractSource({ events: childEvents.filter((e) => e.seq <= cut) });
      for (const r of buildReleases(packageSource({ contracts: [child] }), opts)) {
        assert.deepEqual(r, full.get(r.id), `contract events up to ${cut}: ${r.id}`);
      }
    }
  });

  test('a tender that failed without bids: unsuccessful, no tenderers; a re-tender points back to it', () => {
    const failed = [
      ...parentEvents.filter((e) => e.seq <= 12),
      { seq: 13, at: Date.parse(iso(400)), type: 'window_closed', stageId: 'bid_submission' },
      { seq: 14, at: Date.parse(iso(400)), type: 'stage_entered', stageId: 'failed_no_bids', details: { name: 'Tender Gagal: Tidak Ada Penawaran' } },
      { seq: 15, at: Date.parse(iso(400)), type: 'package_ended', stageId: 'failed_no_bids', details: { status: 'gagal', outcome: 'failed' } },
    ];
    const out = buildReleases(packageSource({ events: failed, contracts: [], awardData: undefined }), opts);
    const last = out.at(-1)!;
    assert.deepEqual(last.tag, ['tenderUpdate']);
    assert.deepEqual([(last.tender as JsonObject).status, (last.tender as JsonObject).numberOfTenderers], ['unsuccessful', 0]);
    assert.equal(last.awards, undefined);

    const retender = buildReleases(
      packageSource({ facts: { ...packageSource().facts, previousPackageId: 'pkt-unitgagal00001', followUpReason: 'tender_ulang' } }),
      opts,
    );
    for (const r of retender) assertOcds(r, 'release', opts.ocidPrefix, r.id);
    assert.deepEqual(retender[0]!.relatedProcesses, [
      {
        id: 'proses-sebelumnya',
        relationship: ['unsuccessfulProcess'],
        title: 'Paket sebelumnya (tender_ulang)',
        scheme: 'ocid',
        identifier: 'ocds-unit01-pkt-unitgagal00001',
      },
    ]);
  });

  test('no person is published; an account without an organisation becomes an opaque organisation', () => {
    const text = JSON.stringify(releases);
    for (const account of ['ppk-unit', 'pokja-unit', 'vendor-x', 'vendor-y']) assert.ok(!text.includes(account), account);
    const anonymous = buildReleases(packageSource({ orgs: {} }), opts);
    for (const r of anonymous) assertOcds(r, 'release', opts.ocidPrefix, r.id);
    const parties = anonymous.find((r) => r.id === `${ocid}-22`)!.parties as { id: string; name: string; roles: string[] }[];
    assert.deepEqual(parties[0]!.roles, ['buyer', 'procuringEntity'], 'without a known UKPBJ the buyer procures');
    assert.ok(parties.slice(1).every((p) => /^penyedia-[0-9a-f]{12}$/.test(p.id) && p.name === 'Penyedia (organisasi tidak tercatat)'));
    assert.ok(!JSON.stringify(anonymous).includes('vendor-'));
  });
});

const iso = (minute: number) => new Date(Date.parse('2033-02-01T01:00:00Z') + minute * 60_000).toISOString();

// ---- real packages on the time-skipping server -------------------------------------------------------------------

const FY = 2033;
const OPTS: OcdsOptions = { ocidPrefix: 'ocds-pgdn01', baseUrl: 'http://localhost:3000' };
const MAIN = 'pkt-ocdsmain0001';
const CANCELLED = 'pkt-ocdscancel01';

// Accounts of this test only, with their organisations: OCDS names organisations, never people.
const pokja: ActorRef = { id: 'pokja-ocds-1', name: 'Sari Wulandari', roles: ['pokja'], org: 'ukpbj-ocds' };
const vendor = (key: string, org: string): ActorRef => ({ id: `vendor-ocds-${key}`, name: `Direktur ${key.toUpperCase()}`, roles: ['penyedia'], org });
const vendorA = vendor('a', 'pt-ocds-alfa');
const vendorB = vendor('b', 'pt-ocds-beta');
const vendorC = vendor('c', 'cv-ocds-gama');
const ORGS = [
  { id: 'ukpbj-ocds', name: 'UKPBJ Kota Tangerang (uji OCDS)', kind: 'opd' },
  { id: 'pt-ocds-alfa', name: 'PT Alfa Sarana Uji', kind: 'penyedia' },
  { id: 'pt-ocds-beta', name: 'PT Beta Karya Uji', kind: 'penyedia' },
  { id: 'cv-ocds-gama', name: 'CV Gama Mandiri Uji', kind: 'penyedia' },
];

const input = (packageId: string): PackageInput => {
  const base = tenderInput(packageId);
  return {
    ...base,
    facts: { ...base.facts, title: 'Pengadaan Alat Laboratorium Puskesmas', category: 'barang', fiscalYear: FY },
    assignments: { ...base.assignments, pokja: [pokja.id, 'pokja-ocds-2', 'pokja-ocds-3'] },
  };
};

before(async () => {
  const db = createDb(testServices().databaseUrl);
  try {
    await db('organisations').insert(ORGS).onConflict('id').merge();
    await db('users')
      .insert([pokja, vendorA, vendorB, vendorC].map((u) => ({ id: u.id, name: u.name, roles: u.roles, org_id: u.org })))
      .onConflict('id')
      .merge();
  } finally {
    await db.destroy();
  }
});

/** Releases of the main package as built while its bids are still sealed, kept to compare with the final ones. */
let beforeOpening: OcdsRelease[] = [];
const report = (period: number, physicalPercent: number) => ({ period, physicalPercent, evidence });

runScenarios('OCDS: packages run to the end', [
  {
    name: 'goods tender: questions, addendum, two sealed bids, award, SPPBJ, contract signed, paid and handed over',
    input: input(MAIN),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'register', as: vendorB },
      { do: 'register', as: vendorC },
      { passDeadline: true },
      { expectStage: 'clarification' },
      { do: 'ask_question', as: vendorA, payload: { question: 'Apakah boleh menawarkan merek setara?' } },
      { do: 'answer_question', as: pokja, payload: { questionId: 'questions-1', answer: 'Boleh, dengan spesifikasi setara atau lebih tinggi.' } },
      { do: 'publish_addendum', as: pokja, payload: { number: 'ADD-01', summary: 'Perubahan jumlah unit mikroskop pada daftar kuantitas.', extensionDays: 1 } },
      { passDeadline: true },
      { expectStage: 'bid_submission' },
      { do: 'submit_bid', as: vendorA, payload: { price: 1_234_567_000 } },
      { do: 'submit_bid', as: vendorB, payload: { price: 1_345_678_000 } },
      {
        check: async (_v, { db }) => {
          beforeOpening = buildReleases((await ocdsSourceOf(db, MAIN))!, OPTS);
          const text = JSON.stringify(beforeOpening);
          assert.ok(!text.includes('1234567000') && !text.includes('1345678000'), 'no bid price before the opening');
          for (const r of beforeOpening) {
            const tender = r.tender as JsonObject;
            assert.equal(tender.tenderers, undefined, `${r.id}: no tenderers before the opening`);
            assert.equal(tender.numberOfTenderers, undefined, `${r.id}: no count before the opening`);
          }
          assertValid(validateReleasePackage(releasePackage(META, beforeOpening)), 'release package before the opening');
        },
      },
      { passDeadline: true },
      { do: 'open_bids', as: pokja },
      {
        do: 'evaluate',
        as: pokja,
        payload: { results: [vendorA, vendorB].map((v) => ({ vendorId: v.id, administrasi: true, kualifikasi: true, teknis: true })) },
      },
      // Through the service tasks to the award, passing the winner's pembuktian kualifikasi on the way.
      settlesAt('award_decision', undefined, { passVerificationAs: pokja }),
      { do: 'decide_award', as: pokja },
      { do: 'announce_award', as: pokja },
      { passDeadline: true },
      { expectStage: 'sppbj' },
      { do: 'issue_sppbj', as: ppk, payload: { number: '027/SPPBJ/DINKES/2033' } },
      { signContract: { ppk, provider: vendorA, draft: { number: 'KONTRAK/027/2033', durationDays: 90, plannedProgress: [30, 70, 100] } } },
      { in: 'contract' },
      { do: 'issue_spmk', as: ppk, payload: { number: 'SPMK/027/2033', startDate: '2033-03-01' } },
      { do: 'pay_advance', as: ppk, payload: { amount: 100 * JUTA, guaranteeNumber: 'JUM-1', guaranteeAmount: 100 * JUTA } },
      { do: 'submit_progress_report', as: vendorA, payload: report(1, 30) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-1', decision: 'terima' } },
      { do: 'pay_term', as: ppk, payload: { grossAmount: 300 * JUTA } },
      {
        do: 'sign_addendum',
        as: ppk,
        payload: { number: 'ADD-K1', valueChange: 50 * JUTA, extensionDays: 10, reason: 'Tambahan dua unit mikroskop sesuai kebutuhan puskesmas' },
      },
      { do: 'submit_progress_report', as: vendorA, payload: report(2, 70) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-2', decision: 'terima' } },
      { do: 'submit_progress_report', as: vendorA, payload: report(3, 100) },
      { do: 'review_progress_report', as: ppk, payload: { reportId: 'laporan-3', decision: 'terima' } },
      { do: 'request_handover', as: vendorA, payload: {} },
      { do: 'accept_handover', as: ppk, payload: { bastNumber: 'BAST/027/2033' } },
      { expectStage: 'final_payment' },
      { do: 'pay_final', as: ppk, payload: {} },
      { do: 'rate_provider', as: ppk, payload: { quality: 4, cost: 4, time: 4, service: 4 } },
    ],
    contractEndStatus: 'selesai',
  },
  {
    name: 'tender cancelled by the PPK after its announcement',
    input: input(CANCELLED),
    steps: [
      { do: 'announce', as: pokja },
      { do: 'register', as: vendorA },
      { do: 'cancel', as: ppk, payload: { reason: 'Anggaran dialihkan untuk penanganan bencana banjir.' } },
    ],
    endStatus: 'batal',
  },
]);

// ---------------------------------------------------------------------------------------------------------------

const META = { uri: 'http://localhost:3000/api/ocds/uji', publishedDate: '2033-01-01T00:00:00Z', publisher: { name: 'LPSE Uji' } };

function assertValid(r: ValidationResult, where: string) {
  assert.deepEqual(
    r.errors.map((e) => e.message),
    [],
    where,
  );
}

/** Schema and beyond-schema checks of a release, a release package, a record or a record package. */
function assertOcds(doc: unknown, kind: 'release' | 'releasePackage' | 'record' | 'recordPackage', prefix: string, where: string) {
  const schema = { release: validateRelease, releasePackage: validateReleasePackage, record: validateRecord, recordPackage: validateRecordPackage }[kind];
  assertValid(schema(doc), `${where}: schema`);
  assertValid(checkBeyondSchema(doc, { ocidPrefix: prefix }), `${where}: beyond the schema`);
}

const tagsOf = (releases: readonly OcdsRelease[]) => new Set(releases.flatMap((r) => r.tag ?? []));

describe('OCDS from the read model', () => {
  let db: Knex;
  let main: OcdsRelease[];
  let cancelled: OcdsRelease[];
  before(async () => {
    db = createDb(testServices().databaseUrl);
    main = buildReleases((await ocdsSourceOf(db, MAIN))!, OPTS);
    cancelled = buildReleases((await ocdsSourceOf(db, CANCELLED))!, OPTS);
  });
  after(async () => {
    await db?.destroy();
  });

  test('every release, release package, record and record package validates', async () => {
    for (const r of [...main, ...cancelled]) assertOcds(r, 'release', OPTS.ocidPrefix, r.id);
    assertOcds(releasePackage(META, [...main, ...cancelled]), 'releasePackage', OPTS.ocidPrefix, 'release package');
    const records = await Promise.all([MAIN, CANCELLED].map(async (id) => buildPackageRecord((await ocdsSourceOf(db, id))!, OPTS)));
    for (const rec of records) assertOcds(rec, 'record', OPTS.ocidPrefix, rec.ocid);
    assertOcds(recordPackage(META, records as unknown as JsonObject[]), 'recordPackage', OPTS.ocidPrefix, 'record package');
  });

  test('tags follow the process: planning to contract termination; the cancelled tender ends with tenderCancellation', () => {
    for (const t of [
      'planning',
      'tender',
      'tenderAmendment',
      'tenderUpdate',
      'award',
      'awardUpdate',
      'contract',
      'contractUpdate',
      'contractAmendment',
      'implementation',
      'contractTermination',
    ]) {
      assert.ok(tagsOf(main).has(t), `main has a ${t} release`);
    }
    assert.deepEqual(main[0]!.tag, ['planning']);
    assert.deepEqual(
      cancelled.map((r) => r.tag),
      [['planning'], ['tender'], ['tenderCancellation']],
    );
    const last = cancelled.at(-1)!.tender as JsonObject;
    assert.equal(last.status, 'cancelled');
    const end = (last.milestones as JsonObject[]).at(-1)!;
    assert.equal(end.description, 'Alasan pembatalan: Anggaran dialihkan untuk penanganan bencana banjir.');
    // One release per change, unique ids, date order.
    assert.equal(new Set(main.map((r) => r.id)).size, main.length);
    assert.deepEqual(
      main.map((r) => r.date),
      [...main.map((r) => r.date)].sort(),
    );
  });

  test('releases built before the opening are the same when built again at the end (immutable)', () => {
    assert.ok(beforeOpening.length >= 4);
    for (const r of beforeOpening)
      assert.deepEqual(
        main.find((x) => x.id === r.id),
        r,
        r.id,
      );
  });

  test('tenderers appear with the opening, without prices; the supplier is the winner organisation', async () => {
    const opening = main.find((r) => (r.tender as JsonObject).numberOfTenderers !== undefined)!;
    assert.deepEqual(opening.tag, ['tenderUpdate']);
    const tender = opening.tender as JsonObject;
    assert.equal(tender.numberOfTenderers, 2, 'A and B bid; C only registered');
    assert.deepEqual(tender.tenderers, [
      { id: 'pt-ocds-alfa', name: 'PT Alfa Sarana Uji' },
      { id: 'pt-ocds-beta', name: 'PT Beta Karya Uji' },
    ]);
    assert.ok(Date.parse(opening.date) > Date.parse(beforeOpening.at(-1)!.date));

    const awarded = main.find((r) => r.tag?.includes('award'))!;
    const award = (awarded.awards as JsonObject[])[0]!;
    assert.equal(award.status, 'pending', 'announced, SPPBJ not yet issued');
    assert.deepEqual(award.suppliers, [{ id: 'pt-ocds-alfa', name: 'PT Alfa Sarana Uji' }]);
    assert.deepEqual(award.value, { amount: 1_234_567_000, currency: 'IDR' }, 'the winning price, public after the opening');
    const parties = awarded.parties as { id: string; roles: string[] }[];
    assert.deepEqual(
      parties.map((p) => [p.id, p.roles]),
      [
        ['opd-dinas-pupr-kota-tangerang', ['buyer']],
        ['ukpbj-ocds', ['procuringEntity']],
        ['pt-ocds-alfa', ['tenderer', 'supplier']],
        ['pt-ocds-beta', ['tenderer']],
      ],
    );
    assert.equal((awarded.buyer as JsonObject).name, 'Dinas PUPR Kota Tangerang');
    assert.equal(((awarded.tender as JsonObject).procuringEntity as JsonObject).id, 'ukpbj-ocds');

    // Nobody by name or account: officers and vendor staff never appear.
    const text = JSON.stringify([...main, ...cancelled]);
    for (const who of [pokja, vendorA, vendorB, vendorC, ppk]) {
      assert.ok(!text.includes(who.id), `${who.id} is not published`);
      assert.ok(!text.includes(who.name), `${who.name} is not published`);
    }
  });

  test('documents carry their SHA-256; the award has its SPPBJ, the contract its signed document and SPMK, the BAST its implementation', async () => {
    const rows = await db('documents')
      .whereIn('package_id', [MAIN, ...(await childIds())])
      .select('id', 'kind', 'revision', 'sha256');
    const compiled = buildPackageRecord((await ocdsSourceOf(db, MAIN))!, OPTS).compiledRelease;
    const award = (compiled.awards as JsonObject[])[0]!;
    const contract = (compiled.contracts as JsonObject[])[0]!;
    const implementation = contract.implementation as JsonObject;
    const docs = [...(award.documents as JsonObject[]), ...(contract.documents as JsonObject[]), ...(implementation.documents as JsonObject[])];
    assert.deepEqual(
      docs.map((d) => d.documentType),
      ['awardNotice', 'contractSigned', 'contractNotice', 'completionCertificate'],
    );
    for (const d of docs) {
      const row = rows.find((r) => r.id === d.id);
      assert.ok(row, `${JSON.stringify(d.id)} is a stored document`);
      assert.equal(d.description, `SHA-256: ${row.sha256}`);
      assert.equal(d.url, `http://localhost:3000/api/public/packages/${MAIN}/documents/${encodeURIComponent(row.id)}`);
    }
  });

  test('the contract: value with its addendum, payments as transactions, progress and handover as milestones, terminated at its end', async () => {
    const [child] = await childIds();
    const compiled = buildPackageRecord((await ocdsSourceOf(db, MAIN))!, OPTS).compiledRelease;
    const award = (compiled.awards as JsonObject[])[0]!;
    const contract = (compiled.contracts as JsonObject[])[0]!;
    assert.equal(award.status, 'active', 'SPPBJ issued');
    assert.equal(contract.awardID, award.id);
    assert.equal(contract.status, 'terminated', 'completed (selesai)');
    assert.equal(contract.title, 'Kontrak KONTRAK/027/2033');
    assert.deepEqual(contract.value, { amount: 1_234_567_000 + 50 * JUTA, currency: 'IDR' });
    assert.deepEqual(contract.period, { startDate: '2033-02-28T17:00:00.000Z', endDate: '2033-06-08T17:00:00.000Z' }, '90 + 10 days from the SPMK date (WIB)');
    assert.equal((contract.amendments as JsonObject[])[0]!.rationale, 'Tambahan dua unit mikroskop sesuai kebutuhan puskesmas');
    const impl = contract.implementation as { transactions: JsonObject[]; milestones: JsonObject[] };
    const payments = await db('contract_payments').where({ package_id: child }).orderBy(['paid_at', 'payment_id']);
    assert.equal(payments.length, 3, 'advance, term, final');
    assert.deepEqual(
      impl.transactions.map((t) => [t.id, (t.value as JsonObject).amount, (t.payer as JsonObject).id, (t.payee as JsonObject).id]),
      payments.map((p) => [p.payment_id, Number(p.net), 'opd-dinas-pupr-kota-tangerang', 'pt-ocds-alfa']),
    );
    const paid = Number((await db('contracts').where({ package_id: child }).first('paid'))!.paid);
    assert.equal(
      impl.transactions.reduce((s, t) => s + Number((t.value as JsonObject).amount), 0),
      paid,
    );
    assert.deepEqual(
      impl.milestones.map((m) => [m.id, m.status]),
      [
        ['progres-periode-1', 'met'],
        ['progres-periode-2', 'met'],
        ['progres-periode-3', 'met'],
        ['serah-terima-1', 'met'],
      ],
    );
    assert.equal((compiled.tender as JsonObject).status, 'complete');
    assert.deepEqual((compiled.tender as JsonObject).value, { amount: 1_450_000_000, currency: 'IDR' });
    assert.deepEqual((compiled.planning as JsonObject).budget, {
      id: `pagu-${MAIN}`,
      description: `Pagu anggaran Bidang Sumber Daya Air, Dinas PUPR Kota Tangerang, Tahun Anggaran ${FY}`,
      amount: { amount: 1_500_000_000, currency: 'IDR' },
    });
  });

  test('the addendum to the selection document is a tender amendment that moved the bid deadline', () => {
    const release = main.find((r) => r.tag?.includes('tenderAmendment'))!;
    const amendment = ((release.tender as JsonObject).amendments as JsonObject[])[0]!;
    assert.equal(amendment.description, 'Adendum Dokumen Pemilihan ADD-01: Perubahan jumlah unit mikroskop pada daftar kuantitas.');
    assert.equal(amendment.releaseID, release.id);
    assert.equal(amendment.amendsReleaseID, main[main.indexOf(release) - 1]!.id);
    const compiled = lastTenderRelease(main);
    const tender = compiled.tender as JsonObject;
    assert.equal(tender.hasEnquiries, true);
    const period = tender.tenderPeriod as { startDate: string; endDate: string };
    assert.ok(Date.parse(period.endDate) > Date.parse(period.startDate));
  });

  async function childIds(): Promise<string[]> {
    return (await db('packages').where({ parent_package_id: MAIN }).orderBy('created_at').select('id')).map((r) => r.id);
  }
});

function lastTenderRelease(releases: OcdsRelease[]): JsonObject {
  // The last release of each section is the state after every change (releases are snapshots).
  return releases.filter((r) => r.tender).at(-1)!;
}

describe('public OCDS API', () => {
  let db: Knex;
  let api: TestApi;
  const PREFIX = 'ocds-tst123';
  const BASE = 'https://lpse.example.go.id';
  const saved = { prefix: process.env.OCID_PREFIX, base: process.env.PUBLIC_BASE_URL };
  before(async () => {
    db = createDb(testServices().databaseUrl);
    // The prefix and the public URL come from the configuration (environment) when the app is created.
    process.env.OCID_PREFIX = PREFIX;
    process.env.PUBLIC_BASE_URL = BASE;
    api = await startTestApi({ db });
  });
  after(async () => {
    for (const [k, v] of [
      ['OCID_PREFIX', saved.prefix],
      ['PUBLIC_BASE_URL', saved.base],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await api?.close();
    await db?.destroy();
  });

  /** No token: these endpoints are public. */
  const get = async (path: string) => {
    const res = await fetch(api.baseUrl + path);
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  test("a package's releases: paginated, with the configured prefix and public URLs", async () => {
    const all = await get(`/api/ocds/releases?packageId=${MAIN}`);
    assert.equal(all.status, 200);
    assertOcds(all.body, 'releasePackage', PREFIX, 'releases');
    const ocid = `${PREFIX}-${MAIN}`;
    assert.ok(all.body.releases.every((r: OcdsRelease) => r.ocid === ocid && r.id.startsWith(`${ocid}-`)));
    assert.equal(all.body.uri, `${BASE}/api/ocds/releases?packageId=${MAIN}&page=1&pageSize=100`);
    const total = all.body.releases.length;
    assert.equal(all.headers.get('x-total-count'), String(total));
    assert.ok(JSON.stringify(all.body).includes(`"url":"${BASE}/api/public/packages/${MAIN}/documents/`), 'document links on the public URL');
    assert.equal(all.body.license, 'https://creativecommons.org/licenses/by/4.0/', 'the licence (OCDS_LICENSE default)');

    const first = await get(`/api/ocds/releases?packageId=${MAIN}&pageSize=5`);
    assert.equal(first.body.releases.length, 5);
    assert.match(first.headers.get('link')!, /rel="next"/);
    const second = await get(`/api/ocds/releases?packageId=${MAIN}&pageSize=5&page=2`);
    assert.deepEqual(second.body.releases, all.body.releases.slice(5, 10));
    assert.match(second.headers.get('link')!, /page=1&pageSize=5>; rel="prev"/);

    const one = await get(`/api/ocds/releases/${encodeURIComponent(all.body.releases[3].id)}`);
    assert.equal(one.status, 200);
    assertOcds(one.body, 'releasePackage', PREFIX, 'one release');
    assert.deepEqual(one.body.releases, [all.body.releases[3]]);
  });

  test('a page past the end of a list is a 404, never an empty package; the last page is not', async () => {
    const all = await get(`/api/ocds/releases?packageId=${MAIN}&pageSize=500`);
    const total = all.body.releases.length;
    const lastPage = Math.ceil(total / 5);
    const last = await get(`/api/ocds/releases?packageId=${MAIN}&pageSize=5&page=${lastPage}`);
    assert.equal(last.status, 200);
    assert.equal(last.body.releases.length, total - (lastPage - 1) * 5);
    assertOcds(last.body, 'releasePackage', PREFIX, 'the last page');
    for (const path of [`/api/ocds/releases?packageId=${MAIN}&pageSize=5&page=${lastPage + 1}`, `/api/ocds/records?fiscalYear=${FY}&page=2&pageSize=50`]) {
      const past = await get(path);
      assert.equal(past.status, 404, path);
      assert.equal(past.body.error.code, 'no_ocds_data', path);
      assert.equal(past.body.releases, undefined, path);
    }
  });

  test('every OCDS document link downloads without a token, and its bytes have the published SHA-256', async () => {
    const rec = await get(`/api/ocds/records/${PREFIX}-${MAIN}`);
    const text = JSON.stringify(rec.body.records[0].compiledRelease);
    const links = [...text.matchAll(/"description":"SHA-256: ([0-9a-f]{64})","url":"([^"]+)"/g)].map((m) => ({ sha: m[1]!, url: m[2]! }));
    assert.ok(links.length >= 4, `SPPBJ, contract, SPMK, BAST (${links.length})`);
    for (const { sha, url } of links) {
      assert.ok(url.startsWith(`${BASE}/api/public/packages/${MAIN}/documents/`), url);
      const res = await fetch(api.baseUrl + url.slice(BASE.length)); // no Authorization header
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(createHash('sha256').update(bytes).digest('hex'), sha, url);
      assert.equal(res.headers.get('x-content-sha256'), sha);
    }
    // The public page lists exactly these documents, with the same hashes and links.
    const page = await get(`/api/public/packages/${MAIN}`);
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.body.documents.map((d: { sha256: string; downloadUrl: string }) => [d.sha256, BASE + d.downloadUrl]).sort(),
      links.map((l) => [l.sha, l.url]).sort(),
    );
    assert.deepEqual(page.body.documents.map((d: { kind: string }) => d.kind).sort(), ['bast', 'kontrak', 'spmk', 'sppbj']);
    // The package page links its open data, with the licence and the publisher.
    assert.deepEqual(page.body.openData.ocds, {
      releasePackage: `${BASE}/api/ocds/releases?packageId=${MAIN}`,
      recordPackage: `${BASE}/api/ocds/records/${PREFIX}-${MAIN}`,
      bulkExport: { releases: `${BASE}/api/ocds/export/${FY}`, records: `${BASE}/api/ocds/export/${FY}?kind=records` },
    });
    assert.equal(page.body.openData.license, 'https://creativecommons.org/licenses/by/4.0/');
    for (const l of Object.values(page.body.openData.ocds).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v as object)))) {
      const res = await fetch(api.baseUrl + String(l).slice(BASE.length));
      assert.equal(res.status, 200, String(l));
      await res.arrayBuffer();
    }
    // Events of the contract are on the package's timeline from its signature on, with no actor.
    const kinds = page.body.events.map((e: { kind: string }) => e.kind);
    for (const k of [
      'created',
      'announcement',
      'addendum',
      'opening',
      'award',
      'sppbj',
      'contract_signed',
      'spmk',
      'contract_addendum',
      'payment',
      'handover',
      'contract_ended',
    ]) {
      assert.ok(kinds.includes(k), `timeline has ${k}: ${kinds.join(', ')}`);
    }
    const timeline = JSON.stringify(page.body.events);
    assert.ok(!/actor/i.test(timeline), 'no actor on the public timeline');
    for (const who of [pokja, vendorA, vendorB, vendorC, ppk]) assert.ok(!JSON.stringify(page.body).includes(who.id), `${who.id} is not on the public page`);
  });

  test('the record of a package and the records of a fiscal year', async () => {
    const rec = await get(`/api/ocds/records/${PREFIX}-${MAIN}`);
    assert.equal(rec.status, 200);
    assertOcds(rec.body, 'recordPackage', PREFIX, 'record');
    const record = rec.body.records[0];
    assert.equal(record.compiledRelease.tag[0], 'compiled');
    assert.ok(record.versionedRelease.tender.status.length >= 3, 'planned → active → complete, versioned');

    const year = await get(`/api/ocds/records?fiscalYear=${FY}`);
    assert.equal(year.status, 200);
    assertOcds(year.body, 'recordPackage', PREFIX, 'records of the year');
    assert.deepEqual(
      year.body.records.map((r: { ocid: string }) => r.ocid),
      [`${PREFIX}-${CANCELLED}`, `${PREFIX}-${MAIN}`],
    );
  });

  test('the export of a fiscal year streams one valid package (releases or records) in several chunks', async () => {
    for (const kind of ['releases', 'records'] as const) {
      const res = await fetch(`${api.baseUrl}/api/ocds/export/${FY}${kind === 'records' ? '?kind=records' : ''}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^application\/json/);
      assert.equal(res.headers.get('transfer-encoding'), 'chunked', 'streamed, no length known up front');
      assert.equal(res.headers.get('content-length'), null);
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
      const text = Buffer.concat(chunks).toString('utf8');
      const doc = JSON.parse(text);
      if (kind === 'releases') {
        assertOcds(doc, 'releasePackage', PREFIX, 'export of releases');
        const byOcid = new Set(doc.releases.map((r: OcdsRelease) => r.ocid));
        assert.deepEqual([...byOcid].sort(), [`${PREFIX}-${CANCELLED}`, `${PREFIX}-${MAIN}`]);
        const one = await get(`/api/ocds/releases?packageId=${MAIN}&pageSize=500`);
        assert.deepEqual(
          doc.releases.filter((r: OcdsRelease) => r.ocid.endsWith(MAIN)),
          one.body.releases,
          'the same releases as the package endpoint',
        );
        assert.ok(chunks.length > 1, `several chunks (${chunks.length} reads of ${text.length} bytes)`);
      } else {
        assertOcds(doc, 'recordPackage', PREFIX, 'export of records');
        assert.equal(doc.records.length, 2);
      }
    }
    // OCDS packages hold at least one release or record: a year without packages has nothing to publish.
    for (const path of [
      '/api/ocds/export/2099',
      '/api/ocds/export/2099?kind=records',
      '/api/ocds/records?fiscalYear=2099',
      `/api/ocds/records?fiscalYear=${FY}&page=9`,
    ]) {
      const empty = await get(path);
      assert.equal(empty.status, 404, path);
      assert.equal(empty.body.error.code, 'no_ocds_data', path);
    }
  });

  test('refusals: unknown ids 404, another prefix 404, a contract child has no ocid of its own, bad input 422', async () => {
    const [child] = (await db('packages').where({ parent_package_id: MAIN }).select('id')).map((r) => r.id);
    const cases: [string, number, string][] = [
      [`/api/ocds/releases?packageId=${child}`, 404, 'package_not_found'],
      ['/api/ocds/releases?packageId=pkt-tidakada00001', 404, 'package_not_found'],
      [`/api/ocds/releases/ocds-lain99-${MAIN}-1`, 404, 'release_not_found'],
      [`/api/ocds/releases/${PREFIX}-${MAIN}-999999`, 404, 'release_not_found'],
      [`/api/ocds/records/ocds-pgdn01-${MAIN}`, 404, 'record_not_found'],
      [`/api/ocds/records/${PREFIX}-${child}`, 404, 'record_not_found'],
      ['/api/ocds/releases', 422, 'validation_failed'],
      [`/api/ocds/releases?packageId=${MAIN}&pageSize=501`, 422, 'validation_failed'],
      [`/api/ocds/releases?packageId=${MAIN}&x=1`, 422, 'validation_failed'],
      ['/api/ocds/releases/bukan-rilis', 422, 'validation_failed'],
      ['/api/ocds/records/ocds-XYZ-pkt-1', 422, 'validation_failed'],
      ['/api/ocds/records?fiscalYear=20x3', 422, 'validation_failed'],
      ['/api/ocds/export/0x7E9', 422, 'validation_failed'],
      ['/api/ocds/export/2033?kind=all', 422, 'validation_failed'],
      ['/api/ocds/tidak-ada', 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      assert.equal(res.status, status, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, path);
      assert.ok(res.body.error.message && res.body.error.details, path);
    }
  });
});
