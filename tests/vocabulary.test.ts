/**
 * One vocabulary in the public API (issue 16 point 5): payload and data keys are English camelCase, one name per
 * concept. Every current definition is walked for the retired names `catatan` (now `note`), `lulus` (now `passed`) and
 * `providerId` (now `vendorId`): its payload schemas' property names and required lists, and every data path it names
 * (effects, predicates, service results and args, windows, resets, stamps). The retired versions, which running
 * packages keep, still carry them: that is the negative control, so a walk that finds nothing cannot pass by accident.
 *
 * Also the readable keys an answer is stamped with: a patchItem effect names them (`stamp`); without one (versions
 * before issue 16) the engine keeps the keys it generated from the action id, so replay and old views are unchanged.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { wibDateTime } from '../domain/calendar/working-time';
import { actionsOf, type ActionDef, type ProcessDefinition } from '../domain/process/definition';
import { PackageProcess } from '../domain/process/engine';
import { DefinitionError, validateDefinition } from '../domain/process/validate-definition';
import { getDefinition, listDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';
import { preparedProcess } from './support/preparation';
import { pokja, tenderInput, vendorA, vendorB, vendorC } from './support/tender-fixture';

/** Keys no current definition may use as a payload field or a data key, with the name that replaced each. */
const RETIRED_KEYS: Record<string, string> = { catatan: 'note', lulus: 'passed', providerId: 'vendorId' };

/** Fields of a definition whose string value is a data path (or a payload field, for `field` and `matchField`). */
const PATH_FIELDS = new Set(['path', 'count', 'field', 'matchField', 'resultPath', 'inputFrom', 'sealedUntil', 'durationFrom', 'extendedBy', 'actorIs']);

type Found = { key: string; where: string };

/** Every data key and payload field a definition names, with where. */
function keysOf(def: ProcessDefinition): Found[] {
  const found: Found[] = [];
  const pathKeys = (path: string, where: string) => {
    for (const seg of path.split('.')) if (seg && !seg.startsWith('$')) found.push({ key: seg, where });
  };
  /** A JSON Schema: property names and required lists, at any depth (items, nested objects, additionalProperties). */
  const schema = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => schema(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') {
      for (const k of Object.keys(o.properties)) found.push({ key: k, where: `${where}.properties` });
    }
    if (Array.isArray(o.required)) for (const k of o.required) if (typeof k === 'string') found.push({ key: k, where: `${where}.required` });
    for (const [k, v] of Object.entries(o)) schema(v, `${where}.${k}`);
  };
  /** Anything else: path-valued fields, service args that hold paths, result mappings, resets, stamps. */
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const here = `${where}.${k}`;
      if (k === 'payload' || k === 'sealedContent') schema(v, here);
      else if (PATH_FIELDS.has(k) && typeof v === 'string') pathKeys(v, here);
      else if ((k === 'resets' || k === 'fields') && Array.isArray(v)) v.forEach((p) => typeof p === 'string' && pathKeys(p, here));
      else if (k === 'resultPaths' && v && typeof v === 'object') Object.values(v).forEach((p) => typeof p === 'string' && pathKeys(p, here));
      else if (k === 'stamp' && v && typeof v === 'object') Object.values(v).forEach((p) => typeof p === 'string' && pathKeys(p, here));
      else if (k === 'args' && v && typeof v === 'object') {
        for (const [ak, av] of Object.entries(v)) if (typeof av === 'string' && /^[A-Za-z][\w.]*$/.test(av)) pathKeys(av, `${here}.${ak}`);
        walk(v, here);
      } else walk(v, here);
    }
  };
  walk(def, `${def.id}@v${def.version}`);
  return found;
}

const retiredIn = (def: ProcessDefinition) => keysOf(def).filter((f) => f.key in RETIRED_KEYS);

/**
 * The version new packages start with, per definition id. The registry also lists every earlier contract version
 * (awarding packages of earlier versions pick theirs; workflows/definitions/contract/index.ts): those are kept, not current.
 */
const CURRENT: ProcessDefinition[] = [...new Set(listDefinitions().map((d) => d.id))].map((id) => getDefinition(id)!);
/** Every kept earlier version: the frozen JSON and the earlier contract versions. */
const EARLIER: ProcessDefinition[] = [...RETIRED, ...listDefinitions().filter((d) => !CURRENT.includes(d))];

describe('one vocabulary: payload and data keys', () => {
  test('no current definition uses catatan, lulus or providerId as a payload field or data key', () => {
    const hits = CURRENT.flatMap((d) => retiredIn(d).map((f) => `${f.where}: '${f.key}' (use '${RETIRED_KEYS[f.key]}')`));
    assert.deepEqual(hits, []);
  });

  test('negative control: the retired versions that running packages keep do carry them, and the walk finds them', () => {
    const found = (id: string, version: number) => new Set(retiredIn(getDefinition(id, version)!).map((f) => f.key));
    // The tender of issue 16's time: notes as `catatan`, the verification as `lulus` (payload and the gateway's path).
    assert.deepEqual([...found('tender-pasca-1file', 5)].sort(), ['catatan', 'lulus']);
    const v5 = retiredIn(getDefinition('tender-pasca-1file', 5)!).map((f) => f.where);
    assert.ok(
      v5.some((w) => w.includes('branches')),
      'a predicate path is walked too (qualificationCheck.lulus)',
    );
    const everyRetired = new Set(EARLIER.flatMap((d) => retiredIn(d).map((f) => f.key)));
    for (const k of Object.keys(RETIRED_KEYS)) assert.ok(everyRetired.has(k), `some retired version names '${k}'`);
  });

  test('one name for the passers: seleksi, the 2-file tenders and the prequalification all list them as `passed`', () => {
    for (const id of ['seleksi', 'tender-pasca-2file', 'tender-prakualifikasi']) {
      const keys = keysOf(getDefinition(id)!).map((f) => f.key);
      assert.ok(keys.includes('passed'), `${id} names 'passed'`);
      assert.ok(!keys.includes('passing'), `${id} has no 'passing'`);
    }
    assert.ok(
      keysOf(getDefinition('seleksi', 4)!).some((f) => f.key === 'passing'),
      'seleksi v4 (kept by its packages) still reads technicalResult.passing',
    );
  });
});

// ---- stamps ------------------------------------------------------------------------------------------------------

const HOUR = 3_600_000;
const MON = wibDateTime(2026, 12, 7, 9, 0);

const patchItems = (def: ProcessDefinition): ActionDef[] => def.nodes.flatMap((n) => actionsOf(n)).filter((a) => a.effect.kind === 'patchItem');

/** A tender of `definition` through the clarification: a question asked and answered. */
function answered(definition: ProcessDefinition): Record<string, unknown> {
  const p = preparedProcess(PackageProcess, tenderInput(`pkg-vocab-${randomBytes(4).toString('hex')}`, { definition }), MON);
  p.perform({ action: 'announce', actor: pokja, payload: {} }, MON);
  for (const v of [vendorA, vendorB, vendorC]) p.perform({ action: 'register', actor: v, payload: {} }, MON + HOUR);
  const d = p.nextDeadline()!;
  p.onTimer(d.at);
  assert.equal(p.currentNode.id, 'clarification');
  p.perform({ action: 'ask_question', actor: vendorA, payload: { question: 'Apakah boleh subkontrak?' } }, d.at + HOUR);
  p.perform({ action: 'answer_question', actor: pokja, payload: { questionId: 'questions-1', answer: 'Tidak.' } }, d.at + 2 * HOUR);
  return (p.state.data.questions as Record<string, unknown>[])[0]!;
}

describe('readable stamps on a patched item', () => {
  test('declared: the answer carries answeredBy and answeredAt, and nothing generated from the action id', () => {
    const current = getDefinition('tender-pasca-1file')!;
    assert.deepEqual(patchItems(current)[0]!.effect, {
      kind: 'patchItem',
      path: 'questions',
      matchField: 'questionId',
      stamp: { by: 'answeredBy', at: 'answeredAt' },
    });
    const q = answered(current);
    assert.equal(q.answeredBy, pokja.id);
    assert.equal(typeof q.answeredAt, 'number');
    assert.deepEqual(Object.keys(q).sort(), ['answer', 'answeredAt', 'answeredBy', 'at', 'by', 'id', 'question']);
  });

  test('absent (a retired version, its running packages): the keys stay answer_questionBy and answer_questionAt', () => {
    const v5 = getDefinition('tender-pasca-1file', 5)!;
    assert.equal((patchItems(v5)[0]!.effect as { stamp?: unknown }).stamp, undefined);
    const q = answered(v5);
    assert.equal(q.answer_questionBy, pokja.id);
    assert.equal(typeof q.answer_questionAt, 'number');
    assert.equal(q.answeredBy, undefined);
  });

  test('every patchItem of a current definition names its stamp; none of a retired one does', () => {
    const current = CURRENT.flatMap((d) => patchItems(d).map((a) => [`${d.id}@v${d.version}:${a.id}`, a] as const));
    assert.ok(current.length >= 2, 'the tenders answer questions');
    for (const [where, a] of current) assert.ok(a.effect.kind === 'patchItem' && a.effect.stamp, `${where} names no stamp`);
    for (const d of RETIRED) for (const a of patchItems(d)) assert.equal((a.effect as { stamp?: unknown }).stamp, undefined);
  });

  test('the validator refuses a stamp that is not camelCase or that overwrites a payload field', () => {
    const def = (stamp: unknown) => {
      const d = structuredClone(getDefinition('tender-pasca-1file')!);
      const answer = patchItems(d)[0]!;
      (answer.effect as { stamp?: unknown }).stamp = stamp;
      return d;
    };
    const problems = (stamp: unknown) => {
      try {
        validateDefinition(def(stamp));
        return [];
      } catch (e) {
        assert.ok(e instanceof DefinitionError, String(e));
        return e.problems.map((p) => p.message);
      }
    };
    assert.deepEqual(problems({ by: 'answeredBy', at: 'answeredAt' }), []);
    assert.ok(problems({ by: 'answer_questionBy', at: 'answeredAt' }).some((m) => /camelCase/.test(m)));
    assert.ok(problems({ by: 'answer', at: 'answeredAt' }).some((m) => /'answer'/.test(m)));
    assert.ok(problems({ by: 'answeredAt', at: 'answeredAt' }).some((m) => /same key/.test(m)));
  });
});
