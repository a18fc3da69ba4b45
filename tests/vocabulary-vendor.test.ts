/**
 * One vocabulary (issue 16 point 5), the vendor: every current definition names the penyedia `vendorId`, never
 * `providerId` (e-purchasing v5's cart, invited list and order; penunjukan-langsung v4's justification; kontrak v4,
 * surat-pesanan v3 and pelaksanaan-swakelola v3's `contract`). The versions running packages keep still say
 * `providerId` (the negative control), and each version must agree with itself: the key a step or service writes is
 * the key its performers and hand-off read. A contract started from now on, by an awarding package of any version,
 * runs the newest contract version with `vendorId`; readers take either key (domain/vendor-id.ts).
 * tests/vocabulary.test.ts walks the same names for every retired key (catatan, lulus, providerId) in depth.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { DEFAULT_CALENDAR, wibDateTime } from '../domain/calendar/working-time';
import type { ContractBasis } from '../domain/contract/ledger';
import { contractReducers } from '../domain/contract/rules';
import { composeOrder } from '../domain/evaluation/e-purchasing-order';
import { actionsOf, findNode, type ProcessDefinition } from '../domain/process/definition';
import { PackageProcess } from '../domain/process/engine';
import { StepRefused } from '../domain/process/errors';
import { getPath } from '../domain/process/predicate';
import type { RuleContext } from '../domain/process/rulebook';
import type { ActorRef, PackageInput } from '../domain/process/state';
import { vendorIdOf, vendorKeyOf } from '../domain/vendor-id';
import { vendorContractData, type VendorDataContext } from '../domain/views/vendor-data';
import { getDefinition, listDefinitions } from '../workflows/definitions';
import { RETIRED } from '../workflows/definitions/retired';
import { assertContractHandOff, completeServiceTask } from './support/pure-services';
import { paKpa, ppk, vendorA, vendorB } from './support/tender-fixture';

/** Where a definition names `providerId`: an object key (schema property) or a segment of a string (a data path, a required field). */
function providerIdIn(def: unknown, where = ''): string[] {
  if (Array.isArray(def)) return def.flatMap((x, i) => providerIdIn(x, `${where}[${i}]`));
  if (typeof def === 'string') return def.split('.').includes('providerId') ? [`${where}: '${def}'`] : [];
  if (!def || typeof def !== 'object') return [];
  return Object.entries(def).flatMap(([k, v]) => [...(k === 'providerId' ? [`${where}.${k}`] : []), ...providerIdIn(v, `${where}.${k}`)]);
}

const ids = [...new Set(listDefinitions().map((d) => d.id))];
const CURRENT = ids.map((id) => getDefinition(id)!);
const CONTRACT_IDS = ['kontrak', 'surat-pesanan', 'pelaksanaan-swakelola'];
/** Every registered version of a definition id: the current one, the earlier contract versions, the frozen JSON. */
const versionsOf = (id: string): ProcessDefinition[] => [...listDefinitions(), ...RETIRED].filter((d) => d.id === id);

describe('one vocabulary: vendorId', () => {
  test('no current definition names providerId (payload fields, required lists, performers, predicates, paths)', () => {
    assert.deepEqual(
      CURRENT.flatMap((d) => providerIdIn(d, `${d.id}@v${d.version}`)),
      [],
    );
  });

  test('negative control: the versions running packages keep still name providerId, and the walk finds it', () => {
    for (const [id, version] of [
      ['e-purchasing', 4],
      ['penunjukan-langsung', 3],
      ['kontrak', 3],
      ['surat-pesanan', 2],
      ['pelaksanaan-swakelola', 2],
    ] as const) {
      const d = getDefinition(id, version);
      assert.ok(d, `${id} v${version} is still registered`);
      assert.ok(getDefinition(id)!.version > version, `${id} v${version} is no longer the current version`);
      assert.ok(providerIdIn(d).length > 0, `${id} v${version} names providerId`);
    }
    // Where the walk looks: a schema property, a required list, a performer's actorIs, a predicate's item field.
    const found = providerIdIn(getDefinition('e-purchasing', 4)!).join('\n');
    for (const where of ['.properties.providerId', '.required[0]', '.actorIs', '.field']) assert.ok(found.includes(where), `found at ${where}`);
  });

  test('every contract version: the draft writes the vendor under the key its performers read, whichever key the basis has', () => {
    for (const id of CONTRACT_IDS) {
      for (const def of versionsOf(id)) {
        const actions = [...def.nodes.flatMap((n) => actionsOf(n)), ...(def.interrupts ?? []).map((i) => i.action)];
        const paths = new Set(actions.flatMap((a) => a.performers.flatMap((p) => (p.actorIs ? [p.actorIs] : []))));
        assert.equal(paths.size, 1, `${id} v${def.version}: one party path`);
        const [path] = [...paths] as [string];
        assert.equal(path, def === getDefinition(id) ? 'contract.vendorId' : 'contract.providerId', `${id} v${def.version}`);
        const draft = actions.find((a) => a.id === 'draft_contract')!;
        assert.equal(draft.effect.kind, 'apply');
        const reducer = contractReducers[(draft.effect as { reducer: string }).reducer]!;
        // A contract started before the change carries its basis in the old words; one started after, in the new.
        for (const basisKey of ['vendorId', 'providerId'] as const) {
          const data = drafted(reducer, def, basisKey);
          assert.equal(getPath(data, path), vendorA.id, `${id} v${def.version}, basis with ${basisKey}: ${path}`);
          const other: string = path === 'contract.vendorId' ? 'contract.providerId' : 'contract.vendorId';
          assert.equal(getPath(data, other), undefined, `${id} v${def.version} writes one key`);
        }
      }
    }
  });

  test("every contract version's blacklist proposal: the new ones record sanction.vendorId, the earlier ones providerId", () => {
    for (const id of ['kontrak', 'surat-pesanan']) {
      for (const def of versionsOf(id)) {
        const node = findNode(def, 'termination');
        assert.ok(node?.type === 'serviceTask' && node.service === 'flagProviderForSanction', `${id} v${def.version}`);
        assert.equal(vendorKeyOf(node.args ?? {}), def === getDefinition(id) ? 'vendorId' : 'providerId', `${id} v${def.version}`);
      }
    }
  });

  test('every e-purchasing version: the order names its vendor where the cart performers, the invitation check and the hand-off look', () => {
    const versions = versionsOf('e-purchasing');
    assert.deepEqual(versions.map((d) => d.version).sort(), [3, 4, 5]);
    for (const def of versions) {
      const compose = findNode(def, 'compose_order');
      const prepare = findNode(def, 'prepare_contract');
      assert.ok(compose?.type === 'serviceTask' && prepare?.type === 'serviceTask');
      const key = vendorKeyOf(compose.args ?? {});
      assert.equal(key, def.version >= 5 ? 'vendorId' : 'providerId', `e-purchasing v${def.version}`);
      assert.equal(prepare.args?.providerPath, `order.${key}`, `v${def.version}: the hand-off reads the order's key`);
      const submit = actionsOf(findNode(def, 'product_selection')!).find((a) => a.id === 'submit_cart')!;
      const schema = submit.payload as { properties: Record<string, { items?: { properties: Record<string, unknown> } }> };
      assert.ok(key in schema.properties, `v${def.version}: the cart names '${key}'`);
      assert.ok(key in schema.properties.invited!.items!.properties, `v${def.version}: the invited list names '${key}'`);
      const performers = actionsOf(findNode(def, 'negotiation_response')!).flatMap((a) => a.performers.map((p) => p.actorIs));
      assert.deepEqual([...new Set(performers)], [`cart.${key}`]);
    }
    const cart = { mode: 'langsung' as const, items: [{ productId: 'p', quantity: 1, unitPrice: 10 }], by: 'pp' };
    const check = { total: 10, problems: [] };
    assert.deepEqual(composeOrder({ ...cart, vendorId: 'v' }, check, undefined, undefined, 'vendorId').vendorId, 'v');
    // A v4 order running on: its cart said providerId, and so does its order.
    const old = composeOrder({ ...cart, providerId: 'v' }, check, undefined, undefined, 'providerId');
    assert.deepEqual([old.providerId, old.vendorId], ['v', undefined]);
  });

  test('vendorIdOf reads either key, the new one first, and nothing else', () => {
    assert.equal(vendorIdOf({ vendorId: 'a' }), 'a');
    assert.equal(vendorIdOf({ providerId: 'b' }), 'b');
    assert.equal(vendorIdOf({ vendorId: 'a', providerId: 'b' }), 'a');
    for (const x of [undefined, null, 'a', {}, { vendorId: '' }, { vendorId: 7 }]) assert.equal(vendorIdOf(x), undefined);
  });

  test("a contract's vendor reads it whole, whichever key its basis has; another vendor and a missing basis read the facts only", () => {
    const ctx = (viewerId: string): VendorDataContext => ({ viewerId, vendorName: () => undefined, officers: new Map() });
    for (const key of ['vendorId', 'providerId'] as const) {
      const basis = { kind: 'kontrak', parentPackageId: 'p', [key]: vendorA.id, value: 10, bidPrice: 10 };
      const data = { package: { title: 'Kontrak', contractBasis: basis }, terms: { performanceSecurity: { amount: 5 } } };
      assert.deepEqual(vendorContractData(data, ctx(vendorA.id)).terms, data.terms, `basis with ${key}`);
      assert.equal(vendorContractData(data, ctx(vendorB.id)).terms, undefined, `basis with ${key}`);
      assert.equal((vendorContractData(data, ctx(vendorB.id)).package as { contractBasis: Record<string, unknown> }).contractBasis[key], vendorA.id);
    }
    assert.equal(vendorContractData({ package: { title: 'x' }, terms: {} }, ctx('')).terms, undefined);
  });
});

// ---- the hand-off, on the state machine ------------------------------------------------------------------------------

const HOUR = 3_600_000;
const FRI = wibDateTime(2026, 12, 11, 9, 0);
const pp: ActorRef = { id: 'pp-1', name: 'Rina (Pejabat Pengadaan)', roles: ['pejabat_pengadaan'], org: 'dinas-pupr' };
const items = [{ productId: 'kat-laptop-14', name: 'Laptop 14 inci', quantity: 10, unitPrice: 9_500_000 }];

function epurchasing(definition: ProcessDefinition): PackageInput {
  return {
    packageId: `pkt-${randomBytes(6).toString('hex')}`,
    definition,
    facts: { title: 'Laptop', opd: 'Dinas PUPR', workUnit: 'Sekretariat', category: 'barang', pagu: 150_000_000, hps: 150_000_000, fiscalYear: 2026 },
    assignments: { ppk: [ppk.id], pa_kpa: [paKpa.id], pejabat_pengadaan: [pp.id] },
    schedule: {},
    calendar: DEFAULT_CALENDAR,
    timeScale: 1,
    createdBy: ppk,
  };
}

async function settle(p: PackageProcess, now: number) {
  while (p.pendingService()) await completeServiceTask(p, now);
}

async function step(p: PackageProcess, now: number, action: string, actor: ActorRef, payload: Record<string, unknown> = {}) {
  p.perform({ action, actor, payload }, now);
  await settle(p, now);
}

describe('the hand-off to E-Kontrak, for an awarding package of any version', () => {
  for (const [version, key] of [
    [4, 'providerId'],
    [5, 'vendorId'],
  ] as const) {
    test(`e-purchasing v${version} (cart with ${key}) starts the newest surat-pesanan, which names the vendor contract.vendorId`, async () => {
      let now = FRI;
      const p = new PackageProcess(epurchasing(getDefinition('e-purchasing', version)!), now);
      now += HOUR;
      await step(p, now, 'submit_cart', pp, { mode: 'langsung', [key]: vendorA.id, items });
      assert.equal(p.currentNode.id, 'ppk_approval');
      assert.equal(getPath(p.state.data, `order.${key}`), vendorA.id, `the order keeps its version's ${key}`);
      now += HOUR;
      await step(p, now, 'approve_order', ppk, { orderNumber: 'SP/1' });
      // The newest contract version, and a basis in the new words (assertContractHandOff checks both).
      const child = assertContractHandOff(p, { definitionId: 'surat-pesanan', providerId: vendorA.id, value: 95_000_000 });
      assert.equal(child.facts.contractBasis!.vendorId, vendorA.id);

      const c = new PackageProcess(child, now);
      now += HOUR;
      await step(c, now, 'draft_contract', ppk, { number: 'SP/1', durationDays: 7, plannedProgress: [100] });
      assert.equal(c.currentNode.id, 'contract_signing');
      assert.deepEqual([getPath(c.state.data, 'contract.vendorId'), getPath(c.state.data, 'contract.providerId')], [vendorA.id, undefined]);
      const documentHash = getPath(c.state.data, 'documents.surat_pesanan.sha256');
      // Only the named vendor signs: the performer reads the key the draft wrote.
      assert.throws(() => c.perform({ action: 'sign_contract_penyedia', actor: vendorB, payload: { documentHash } }, now), StepRefused);
      c.perform({ action: 'sign_contract_penyedia', actor: vendorA, payload: { documentHash } }, now);
    });
  }
});

/** The data after the draft of `def` by `reducer`, from a basis naming vendor A under `basisKey`. */
function drafted(reducer: (ctx: RuleContext) => void, def: ProcessDefinition, basisKey: 'vendorId' | 'providerId'): Record<string, unknown> {
  const basis = { kind: 'kontrak', parentPackageId: 'pkt-x', [basisKey]: vendorA.id, value: 100, bidPrice: 100 } as unknown as ContractBasis;
  const data: Record<string, unknown> = { package: { category: 'barang', pagu: 120, hps: 110, contractBasis: basis } };
  reducer({
    data,
    payload: { number: 'K/1', durationDays: 30, plannedProgress: [100] },
    actor: ppk,
    now: 0,
    stage: { id: 'draft_contract', enteredAt: 0 },
    timeScale: 1,
    def,
    schedule: {},
  });
  return data;
}
