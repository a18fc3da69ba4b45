/**
 * The chaos run's load: N packages of every method the server knows (the demo's catalog, bin/demo/catalog.ts),
 * created and driven through the HTTP API by a bounded pool with the demo's own driver (bin/demo/drive.ts). Most go
 * as far as the time allows (to the contract, or its end); a seeded share stops after a few steps, so the run covers
 * every stage. The contract-execution stories of the demo are left out (they add many steps and nothing new here);
 * the failing tender (the engine starts its re-tender) and the cancelled package stay.
 */
import { DEMO_OFFICERS, packageSpecs, rng, type PackageSpec } from '../../bin/demo/catalog';
import { drivePackage, type DriveOptions, type DriveResult } from '../../bin/demo/drive';
import type { Api, LiveState } from '../support/tender-http-driver';

export interface PackageRun {
  spec: PackageSpec;
  id?: string;
  result?: DriveResult;
  error?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function chaosSpecs(n: number, seed: number, methods: string[], fiscalYear: number): PackageSpec[] {
  const r = rng(seed ^ 0x5eed);
  return packageSpecs(n, { seed, fiscalYear, methods }).map((s) => {
    const story = s.story === 'gagal' || s.story === 'batal' ? s.story : undefined;
    const budget = story === 'batal' ? s.budget : r() < 0.75 ? Infinity : [2, 5, 9][Math.floor(r() * 3)]!;
    return { ...s, story, budget };
  });
}

/** The package's first live state: the create answer's, or the read model's once it holds the package. */
async function firstLive(api: Api, id: string, created: LiveState | null | undefined, deadline: number): Promise<LiveState | null> {
  if (created) return created;
  while (Date.now() < deadline) {
    const d = await api.as(DEMO_OFFICERS.ppk).getPackage(id);
    if (d.status === 200 && d.body.live) return d.body.live;
    await sleep(500);
  }
  return null;
}

export async function drivePackages(api: Api, specs: PackageSpec[], o: { concurrency: number; drive: DriveOptions }): Promise<PackageRun[]> {
  const runs: PackageRun[] = specs.map((spec) => ({ spec }));
  let next = 0;
  const one = async (run: PackageRun) => {
    const created = await api.as(DEMO_OFFICERS.ppk).createPackage(run.spec.body);
    if (created.status !== 201) {
      run.error = `create: ${created.status} ${created.text.slice(0, 200)}`;
      return;
    }
    run.id = created.body.id;
    const live = await firstLive(api, run.id, created.body.live, Date.now() + 60_000);
    if (!live) {
      run.error = 'no live state within 60 s of the create';
      return;
    }
    run.result = await drivePackage(api, run.spec, run.id, live, o.drive);
  };
  await Promise.all(
    Array.from({ length: Math.min(o.concurrency, runs.length) }, async () => {
      while (next < runs.length) {
        const run = runs[next++]!;
        await one(run).catch((e: Error) => (run.error = `${e.message}`));
      }
    }),
  );
  return runs;
}
