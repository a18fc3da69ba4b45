/**
 * Tender gagal (Perpres 16/2018 jo. 12/2021 Pasal 51; LKPP 12/2021 §4.2.14–4.2.15): the causes as data, the rule
 * book's follow-up check and the record, and the declaration in the definitions' state machines (tender cepat, the
 * 1-file tender's "no bidder passes" announced and open to sanggah first), with its publication.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import type { ProcessDefinition } from '../domain/process/definition';
import { refusal } from './support/refusal';
import type { RuleContext } from '../domain/process/rulebook';
import {
  allowedFollowUps,
  FAILURE_CAUSES,
  failureChecks,
  failureReducers,
  failureSummary,
  PA_LETTERS,
  POKJA_LETTERS,
  type FailureLetter,
} from '../domain/selection/failure';
import { packageEvents } from '../domain/views/public-events';
import { getDefinition, listProcurementDefinitions } from '../workflows/definitions';
import { SealingPackageProcess as PackageProcess } from './support/pure-sealing';
import { completeServiceTask, type RecordedFollowUp } from './support/pure-services';
import { pokja, ppk, tenderInput, vendorA, vendorB } from './support/tender-fixture';

const HOUR = 3_600_000;
const MON = wibDateTime(2052, 3, 4, 9, 0); // a Monday, 09:00 WIB

const ctx = (payload: Record<string, unknown>, data: Record<string, unknown> = {}, roles: string[] = ['pokja']): RuleContext =>
  ({
    data: { package: { hps: 1_000_000_000 }, ...data },
    payload,
    actor: { id: 'x', name: 'x', roles, org: 'o' },
    now: MON,
    stage: { id: 'failure_follow_up', enteredAt: MON },
    timeScale: 1,
  }) as RuleContext;

/** The definition as it stands after its preparation (assignment, Reviu DPP): these tests start at the announcement. */
const fromAnnouncement = (id: string): ProcessDefinition => ({ ...getDefinition(id)!, start: 'announcement' });

describe('failure causes as data', () => {
  test('Pasal 51 ayat (2) huruf a–i are declared by the Pokja, LKPP 12/2021 §4.2.14 huruf j–l by the PA/KPA', () => {
    assert.deepEqual(
      POKJA_LETTERS.filter((l) => l.length === 1),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
    );
    assert.deepEqual(PA_LETTERS, ['j', 'k', 'l']);
    for (const l of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as FailureLetter[]) {
      assert.match(FAILURE_CAUSES[l].citation, new RegExp(`Pasal 51 ayat \\(2\\) huruf ${l}`));
      assert.ok(FAILURE_CAUSES[l].text.length > 10);
    }
    for (const l of PA_LETTERS) assert.match(FAILURE_CAUSES[l].citation, new RegExp(`§4\\.2\\.14 huruf ${l}`));
  });

  test('Pasal 51 ayat (6)–(9): a → evaluasi ulang; d, h → penawaran ulang; b, c, e, f, g, i → tender ulang', () => {
    const plain = { retender: false, tenderCepat: false };
    assert.deepEqual(allowedFollowUps('a', plain), ['evaluasi_ulang']);
    for (const l of ['d', 'h'] as FailureLetter[]) assert.deepEqual(allowedFollowUps(l, plain), ['penawaran_ulang'], l);
    for (const l of ['b', 'c', 'e', 'f', 'g', 'i'] as FailureLetter[]) assert.deepEqual(allowedFollowUps(l, plain), ['tender_ulang'], l);
  });

  test('Pasal 51 ayat (10) jo. Pasal 38 ayat (5) huruf h: Penunjukan Langsung only after a failed re-tender', () => {
    assert.ok(!allowedFollowUps('c', { retender: false, tenderCepat: false }).includes('penunjukan_langsung'));
    assert.deepEqual(allowedFollowUps('c', { retender: true, tenderCepat: false }), ['tender_ulang', 'penunjukan_langsung']);
    // Not for a cause whose follow-up stays in the package.
    assert.deepEqual(allowedFollowUps('a', { retender: true, tenderCepat: false }), ['evaluasi_ulang']);
  });

  test('tender cepat (docs/regulation.md §2.6, LKPP 12/2021 §5.4.4): ulang, ulang by a replacement Pokja, or cancel, whatever the cause', () => {
    for (const l of ['b', 'g'] as FailureLetter[]) {
      assert.deepEqual(allowedFollowUps(l, { retender: false, tenderCepat: true }), ['tender_cepat_ulang', 'tender_cepat_pokja_pengganti', 'batal']);
    }
  });

  test('Pasal 51 ayat (2) huruf c: the rule book refuses evaluasi ulang and names the Pasal', () => {
    const r = failureChecks.failureFollowUpAllowed!(ctx({ cause: 'c', followUp: 'evaluasi_ulang', reason: 'Tidak ada yang lulus.' }));
    assert.equal(r?.status, 422);
    assert.equal(r?.code, 'follow_up_not_allowed');
    assert.match(String(r?.details?.rule), /Pasal 51 ayat \(2\) huruf c, ayat \(9\)/);
    assert.deepEqual(r?.details?.allowed, ['tender_ulang']);
    assert.equal(failureChecks.failureFollowUpAllowed!(ctx({ cause: 'c', followUp: 'tender_ulang', reason: 'x' })), undefined);
  });

  test('Pasal 51 ayat (10): Penunjukan Langsung is refused in a first tender with the article', () => {
    const r = failureChecks.failureFollowUpAllowed!(ctx({ cause: 'b', followUp: 'penunjukan_langsung', reason: 'x' }));
    assert.match(String(r?.details?.rule), /Pasal 51 ayat \(10\) jo\. Pasal 38 ayat \(5\) huruf h/);
    const retender = ctx({ cause: 'b', followUp: 'penunjukan_langsung', reason: 'x' }, { package: { previousPackageId: 'pkt-sebelumnya' } });
    assert.equal(failureChecks.failureFollowUpAllowed!(retender), undefined);
  });

  test('LKPP 12/2021 §4.2.14: the Pokja may not declare j–l, nor the PA/KPA a–i', () => {
    const byPokja = failureChecks.failureFollowUpAllowed!(ctx({ cause: 'k', followUp: 'tender_ulang', reason: 'x' }));
    assert.deepEqual([byPokja?.status, byPokja?.code], [403, 'failure_cause_not_yours']);
    const byPa = failureChecks.failureFollowUpAllowed!(ctx({ cause: 'c', followUp: 'tender_ulang', reason: 'x' }, {}, ['pa_kpa']));
    assert.deepEqual([byPa?.status, byPa?.code], [403, 'failure_cause_not_yours']);
    assert.equal(failureChecks.failureFollowUpAllowed!(ctx({ cause: 'j', followUp: 'evaluasi_ulang', reason: 'x' }, {}, ['pa_kpa'])), undefined);
  });

  test('the declaration is recorded with its cause, citation and follow-up, and kept in the history', () => {
    const c = ctx({ cause: 'g', followUp: 'tender_ulang', reason: 'Semua harga di atas HPS.' });
    failureReducers.declareFailure!(c);
    const f = c.data.failure as Record<string, unknown>;
    assert.equal(f.letter, 'g');
    assert.equal(f.cause, FAILURE_CAUSES.g.text);
    assert.match(String(f.citation), /huruf g/);
    assert.equal(f.followUp, 'tender_ulang');
    assert.equal(f.declaredBy, 'pokja');
    assert.equal((c.data.failureHistory as unknown[]).length, 1);
    assert.equal(failureSummary('g', 'tender_ulang'), `Gagal: ${FAILURE_CAUSES.g.text} (${FAILURE_CAUSES.g.citation}); tindak lanjut: Tender/seleksi ulang`);
  });

  test('every tender-family definition declares gagal collegially through the rule book (no failure ends without a declaration)', () => {
    for (const id of ['tender-pasca-1file', 'tender-pasca-2file', 'tender-prakualifikasi', 'seleksi', 'tender-cepat']) {
      const def = listProcurementDefinitions().find((d) => d.id === id)!;
      const declarations = def.nodes.filter((n) => n.type === 'userTask' && n.actions.some((a) => a.id === 'declare_failure'));
      assert.ok(declarations.length >= 1, id);
      for (const n of declarations) {
        if (n.type !== 'userTask') continue;
        const a = n.actions.find((x) => x.id === 'declare_failure')!;
        assert.equal(a.collegial, true, `${id}/${n.id}`);
        assert.ok(
          n.actions.some((x) => x.id === 'vote_decision'),
          `${id}/${n.id} offers the vote`,
        );
        assert.ok(
          a.requires?.some((r) => 'rule' in r && /ailureFollowUpAllowed/.test(String(r.rule))),
          `${id}/${n.id}`,
        );
      }
      // Every failed end is reached through a declaration (or the automatic prequalification rules of Pasal 51(5)).
      const failedEnds = def.nodes.filter((n) => n.type === 'endEvent' && n.outcome === 'failed').map((n) => n.id);
      for (const end of failedEnds) {
        const before = def.nodes.filter(
          (n) =>
            (n.type === 'serviceTask' && n.next === end) ||
            (n.id === 'follow_up_choice' && n.type === 'exclusiveGateway' && n.branches.some((b) => b.to === end)),
        );
        assert.ok(
          before.length > 0 || end === 'contract_not_signed',
          `${id}: failed end '${end}' is reached only after a declaration or through its follow-up (a new package)`,
        );
      }
    }
  });
});

describe('declaring gagal in the state machine', () => {
  test('Pasal 51 ayat (2) huruf b: tender cepat without bids is declared gagal (cause b) and continued by a replacement Pokja', async () => {
    const input = tenderInput('pkt-gagalcepat01', { definition: fromAnnouncement('tender-cepat') });
    const p = new PackageProcess({ ...input, facts: { ...input.facts, fiscalYear: 2052 } }, MON);
    p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    let t = MON + HOUR;
    for (const stage of ['registration', 'bid_submission']) {
      assert.equal(p.currentNode.id, stage);
      const d = p.nextDeadline()!;
      p.onTimer(d.at);
      t = d.at;
    }
    assert.equal(p.currentNode.id, 'failure_no_bids');
    // Tender cepat offers its own follow-ups only (§2.6): a re-evaluation is not one of them.
    const wrong = refusal(() =>
      p.check({ action: 'declare_failure', actor: pokja, payload: { cause: 'b', followUp: 'evaluasi_ulang', reason: 'Tidak ada penawaran masuk.' } }, t),
    );
    assert.equal(wrong.status, 422);
    p.perform(
      { action: 'declare_failure', actor: pokja, payload: { cause: 'b', followUp: 'tender_cepat_pokja_pengganti', reason: 'Tidak ada penawaran masuk.' } },
      t,
    );
    assert.equal(p.currentNode.id, 'start_retender_new_pokja');
    assert.equal((p.state.data.failure as { letter: string }).letter, 'b');
    const followUps: RecordedFollowUp[] = [];
    await completeServiceTask(p, t, followUps);
    assert.deepEqual(
      followUps.map((f) => [f.method, f.reason]),
      [['tender-cepat', 'tender_cepat_ulang_pokja_pengganti']],
    );
    assert.equal(p.state.status, 'gagal');
    assert.equal(p.currentNode.id, 'failed_retender_new_pokja');
  });

  test('Pasal 51 ayat (2) huruf c (§3.2): "no bidder passes" is announced and open to sanggah before it becomes gagal', async () => {
    const input = tenderInput('pkt-gagaltidak01', { definition: fromAnnouncement('tender-pasca-1file') });
    const p = new PackageProcess({ ...input, facts: { ...input.facts, fiscalYear: 2052 } }, MON);
    const pass = () => {
      const d = p.nextDeadline()!;
      p.onTimer(d.at);
      return d.at;
    };
    p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
    for (const v of [vendorA, vendorB]) p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
    let t = pass(); // registration
    t = pass(); // clarification
    p.perform({ action: 'submit_bid', actor: vendorA, payload: { price: 1_200_000_000 } }, t + HOUR);
    p.perform({ action: 'submit_bid', actor: vendorB, payload: { price: 1_300_000_000 } }, t + HOUR);
    t = pass();
    p.perform({ action: 'open_bids', actor: pokja, payload: {} }, t);
    const failAll = { results: [vendorA, vendorB].map((v) => ({ vendorId: v.id, administrasi: true, kualifikasi: false, teknis: true })) };
    p.perform({ action: 'evaluate', actor: pokja, payload: failAll }, t);
    await completeServiceTask(p, t); // ranking: nobody left
    assert.equal(p.currentNode.id, 'no_passer_announcement', 'announced first, not declared at once');
    p.perform({ action: 'announce_no_passer', actor: pokja, payload: {} }, t);
    assert.equal(p.currentNode.id, 'no_passer_objection_period');
    // A bidder objects: an upheld sanggah on the evaluation sends it back to the evaluation (evaluasi ulang).
    p.perform({ action: 'file_objection', actor: vendorA, payload: { cause: 'evaluation_error', reason: 'Dokumen kualifikasi kami lengkap.' } }, t + HOUR);
    t = pass();
    assert.equal(p.currentNode.id, 'no_passer_objection_answer');
    const objectionId = (p.state.data.objections as { id: string }[])[0]!.id;
    p.perform({ action: 'answer_objections', actor: pokja, payload: { answers: [{ objectionId, upheld: true, answer: 'Benar, dokumen SBU terlewat.' }] } }, t);
    assert.equal(p.currentNode.id, 'evaluation');
    // Evaluated again, still nobody: announced again; without sanggah it becomes the Pokja's declaration.
    p.perform({ action: 'evaluate', actor: pokja, payload: failAll }, t);
    await completeServiceTask(p, t);
    p.perform({ action: 'announce_no_passer', actor: pokja, payload: {} }, t);
    t = pass();
    assert.equal(p.currentNode.id, 'failure_follow_up');
    const reEvaluate = refusal(() =>
      p.check({ action: 'declare_failure', actor: pokja, payload: { cause: 'c', followUp: 'evaluasi_ulang', reason: 'Tidak ada yang lulus.' } }, t),
    );
    assert.deepEqual([reEvaluate.status, reEvaluate.code], [422, 'follow_up_not_allowed']);
    assert.match(String(reEvaluate.details.rule), /Pasal 51 ayat \(2\) huruf c/);
    const pl = refusal(() =>
      p.check({ action: 'declare_failure', actor: pokja, payload: { cause: 'c', followUp: 'penunjukan_langsung', reason: 'Tidak ada yang lulus.' } }, t),
    );
    assert.match(String(pl.details.rule), /Pasal 38 ayat \(5\) huruf h/);
    // The PA/KPA does not declare a Pokja cause, nor the PPK.
    assert.equal(
      refusal(() => p.check({ action: 'declare_failure', actor: ppk, payload: { cause: 'c', followUp: 'tender_ulang', reason: 'Tidak ada yang lulus.' } }, t))
        .status,
      403,
    );
    p.perform(
      { action: 'declare_failure', actor: pokja, payload: { cause: 'c', followUp: 'tender_ulang', reason: 'Tidak ada peserta yang lulus evaluasi.' } },
      t,
    );
    assert.equal(p.currentNode.id, 'start_retender');
    assert.equal((p.state.data.failure as { letter: string }).letter, 'c');

    // Published: the cause (never the Pokja's own words) as a public event.
    const events = p.drainEvents().map((e) => ({ ...e, stageId: e.node, action: e.action ?? null, details: e.details ?? null }));
    const pub = packageEvents(events, p.input.definition);
    const failure = pub.filter((e) => e.kind === 'failure');
    assert.equal(failure.length, 1);
    assert.match(failure[0]!.title, /tidak ada peserta yang lulus evaluasi penawaran .*Pasal 51 ayat \(2\) huruf c/);
    assert.ok(!failure[0]!.title.includes('Tidak ada peserta yang lulus evaluasi.'), 'not the free-text reason');
    assert.ok(pub.some((e) => e.kind === 'announcement' && /tidak ada peserta yang lulus/.test(e.title)));
  });
});
