/**
 * The real app (createApp) on a free port with an in-process worker on its own task queue, on the services
 * bin/test.ts started, for the authorisation tests: requests as any demo user, any actor, or nobody, and packages
 * created through the API (terminated at close, so they do not wait on the shared server).
 */
import './quiet-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type AppDeps, createApp } from '../../api/app';
import type { Actor } from '../../api/auth/actor';
import { loadOrCreateDevIssuer } from '../../api/auth/dev-issuer';
import { createVerifier } from '../../api/auth/verifier';
import { createDb } from '../../db/connection';
import { DEMO_USERS, seedDemo } from '../../db/seed-demo';
import { connectClient, connectWorker } from '../../runtime/temporal';
import { createWorker } from '../../runtime/worker';
import { pendingVote } from './collegial-vote';
import { testServices } from './services';
import { prepareCreated } from './preparation';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A demo user's id, any actor (claims no demo user has), or null for no Authorization header. */
export type Caller = string | Actor | null;

export interface AuthStack {
  db: Knex;
  client: Client;
  baseUrl: string;
  request(as: Caller, method: string, path: string, body?: unknown): Promise<Answer>;
  /** POST /api/packages as the PPK; fails the test unless 201. */
  createPackage(body: Record<string, unknown>, as?: Caller): Promise<string>;
  close(): Promise<void>;
}

export const demoActor = (id: string): Actor => {
  const u = DEMO_USERS.find((x) => x.id === id);
  if (!u) throw new Error(`unknown demo user '${id}'`);
  return { id: u.id, name: u.name, roles: u.roles, org: u.org };
};

export async function startAuthStack(opts: { timeScale?: number; security?: AppDeps['security'] } = {}): Promise<AuthStack> {
  const { temporalAddress, databaseUrl } = testServices();
  const db = createDb(databaseUrl);
  await seedDemo(db);
  const taskQueue = `tq-auth-${randomBytes(4).toString('hex')}`;
  const target = { address: temporalAddress, namespace: 'default' };
  const client = await connectClient(target);
  const { connection, namespace }: { connection: NativeConnection; namespace: string } = await connectWorker(target);
  const worker: Worker = await createWorker({ connection, namespace, taskQueue, db });
  const running = worker.run();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-auth-stack-'));
  const issuer = await loadOrCreateDevIssuer(keyDir);
  const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const app = createApp({
    db,
    client,
    verifier,
    logger: pino({ level: 'silent' }),
    taskQueue,
    timeScale: opts.timeScale ?? 1,
    security: opts.security,
    devIssuer: issuer,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (a: Actor) => {
    const key = JSON.stringify(a);
    if (!tokens.has(key)) tokens.set(key, issuer.sign(a));
    return tokens.get(key)!;
  };
  const created: string[] = [];

  const request = async (as: Caller, method: string, p: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (as !== null) headers.authorization = `Bearer ${await tokenOf(typeof as === 'string' ? demoActor(as) : as)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    const answer = { status: res.status, headers: res.headers, body: parsed };
    // A collegial Pokja step left a proposal: a second member agrees, so the decision takes effect (collegial-vote.ts).
    const vote = pendingVote(method, p, res.status, parsed, as === null ? undefined : typeof as === 'string' ? as : as.id);
    if (!vote) return answer;
    const voter = DEMO_USERS.some((u) => u.id === vote.voter) ? vote.voter : { id: vote.voter, name: vote.voter, roles: ['pokja' as const], org: 'ukpbj' };
    return request(voter, 'POST', vote.path, vote.body);
  };

  return {
    db,
    client,
    baseUrl,
    request,
    async createPackage(body, as = 'ppk.budi') {
      const res = await request(as, 'POST', '/api/packages', body);
      if (res.status !== 201) throw new Error(`create → ${res.status}: ${JSON.stringify(res.body)}`);
      created.push(res.body.id);
      // A tender-family package starts with the preparation (issue 13): done here so tests start at the announcement.
      await prepareCreated((who, path, b) => request(who, 'POST', path, b), res.body.id, res.body.live?.stage?.id);
      return res.body.id as string;
    },
    async close() {
      await Promise.all(
        created.map((id) =>
          client.workflow
            .getHandle(`paket-${id}`)
            .terminate('test selesai')
            .catch(() => {}),
        ),
      );
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // fetch keeps connections alive; close() alone would wait for them
      await closed;
      worker.shutdown();
      await running;
      await connection.close(); // an open native connection keeps the test process alive
      await client.connection.close();
      await db.destroy();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** A tender body for the demo officers (the head of the UKPBJ ratna assigns Pokja sari/agus/dewi, PA/KPA hendra). */
export function tenderBody(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title,
    opd: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Tangerang',
    workUnit: 'Bidang Sumber Daya Air',
    category: 'pekerjaan_konstruksi',
    method: 'tender',
    pagu: 1_500_000_000,
    hps: 1_450_000_000,
    fiscalYear: 2026,
    kepalaUkpbj: 'ukpbj.ratna',
    paKpa: 'kpa.hendra',
    ...extra,
  };
}
