/**
 * The real app on the services bin/test.ts started, for the sealed-bid and rate-limit tests: an in-process worker on
 * its own task queue, the run's key ring (ENCRYPTION_KEYS) for the app, the worker and the idempotency store alike,
 * and requests with any headers (Idempotency-Key, a forged or expired token) as any demo user. `app(security)` starts
 * another app process-alike on the same services, with its own rate-limit counters. `stopWorker`/`startWorker` take the
 * worker away and bring a new one (what the API does while no worker runs).
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
import { type DevIssuer, loadOrCreateDevIssuer } from '../../api/auth/dev-issuer';
import { createVerifier } from '../../api/auth/verifier';
import { createDb } from '../../db/connection';
import { seedDemo } from '../../db/seed-demo';
import { defaultKeyProvider } from '../../runtime/crypto/key-provider';
import { EncryptionCodec } from '../../runtime/crypto/payload-codec';
import { connectClient, connectWorker } from '../../runtime/temporal';
import { createWorker } from '../../runtime/worker';
import { demoActor } from './auth-stack';
import { pendingVote } from './collegial-vote';
import { testServices } from './services';
import { prepareCreated } from './preparation';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The raw bearer token instead of the demo user's own (a forged or expired one). */
  token?: string;
}

export interface BidStack {
  db: Knex;
  issuer: DevIssuer;
  baseUrl: string;
  /** A valid development token of a demo user. */
  tokenOf(userId: string, opts?: { expiresIn?: string }): Promise<string>;
  /** A request to `base` (default the first app) as a demo user, or with `opts.token`, or with no token (null). */
  call(as: string | null, method: string, p: string, opts?: CallOptions, base?: string): Promise<Reply>;
  /** Another app on the same services with these limits; its base URL. */
  app(security: AppDeps['security']): Promise<string>;
  /** Creates a package as the PPK (201 or the test fails) and remembers it for termination at close. */
  createPackage(body: Record<string, unknown>): Promise<string>;
  waitForStage(packageId: string, stage: string, timeoutMs?: number): Promise<any>;
  /** Shuts the worker down (its workflows wait, their tasks queue); `startWorker` runs a new one on the same queue. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** `codec`: the worker and the client encrypt every payload as the start command's do (runtime/crypto/payload-codec.ts). */
export async function startBidStack(opts: { timeScale?: number; security?: AppDeps['security']; codec?: boolean } = {}): Promise<BidStack> {
  const { temporalAddress, databaseUrl } = testServices();
  const db = createDb(databaseUrl);
  await seedDemo(db);
  const keys = defaultKeyProvider(); // the run's ENCRYPTION_KEYS, which the idempotency store uses too
  const taskQueue = `tq-bids-${randomBytes(4).toString('hex')}`;
  const target = { address: temporalAddress, namespace: 'default' };
  const codec = opts.codec ? await EncryptionCodec.create(keys) : undefined;
  const client: Client = await connectClient(target, { codec });
  const { connection, namespace }: { connection: NativeConnection; namespace: string } = await connectWorker(target);
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    if (worker) throw new Error('a worker already runs on this stack: stopWorker() first');
    worker = await createWorker({ connection, namespace, taskQueue, db, keys, codec });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await running;
    worker = running = undefined;
  };
  await startWorker();
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-bid-stack-'));
  const issuer = await loadOrCreateDevIssuer(keyDir);
  const verifier = createVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks });
  const servers: Server[] = [];

  const app = async (security: AppDeps['security']) => {
    const a = createApp({ db, client, verifier, logger: pino({ level: 'silent' }), taskQueue, timeScale: opts.timeScale ?? 1, keys, security, console: false });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = a.listen(0, '127.0.0.1', () => resolve(s)).on('error', reject);
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const baseUrl = await app(opts.security);
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (id: string, o?: { expiresIn?: string }) => {
    if (o) return issuer.sign(demoActor(id), o);
    if (!tokens.has(id)) tokens.set(id, issuer.sign(demoActor(id)));
    return tokens.get(id)!;
  };

  const call = async (as: string | null, method: string, p: string, o: CallOptions = {}, base = baseUrl): Promise<Reply> => {
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    const token = o.token ?? (as === null ? undefined : await tokenOf(as));
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + p, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const reply = { status: res.status, headers: res.headers, text, body };
    // A collegial Pokja step left a proposal: a second member agrees, so the decision takes effect (collegial-vote.ts).
    const vote = o.token === undefined ? pendingVote(method, p, res.status, body, as ?? undefined) : undefined;
    return vote ? call(vote.voter, 'POST', vote.path, { body: vote.body }, base) : reply;
  };

  const created: string[] = [];
  return {
    db,
    issuer,
    baseUrl,
    tokenOf,
    call,
    app,
    async createPackage(body) {
      const res = await call('ppk.budi', 'POST', '/api/packages', { body });
      if (res.status !== 201) throw new Error(`create → ${res.status}: ${res.text}`);
      created.push(res.body.id);
      // A tender-family package starts with the preparation (issue 13): done here so tests start at the announcement.
      await prepareCreated((who, path, b) => call(who, 'POST', path, { body: b }), res.body.id, res.body.live?.stage?.id);
      return res.body.id as string;
    },
    async waitForStage(packageId, stage, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const live = (await call('ppk.budi', 'GET', `/api/packages/${packageId}`)).body?.live;
        if (live?.stage.id === stage) return live;
        if (live && live.status !== 'active') throw new Error(`package ended in ${live.stage.id} while waiting for ${stage}`);
        if (Date.now() > until) throw new Error(`not in ${stage} after ${timeoutMs} ms (at ${live?.stage.id})`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    stopWorker,
    startWorker,
    async close() {
      await Promise.all(
        created.map((id) =>
          client.workflow
            .getHandle(`paket-${id}`)
            .terminate('test selesai')
            .catch(() => {}),
        ),
      );
      await Promise.all(
        servers.map((s) => {
          const closed = new Promise<void>((r) => s.close(() => r()));
          s.closeAllConnections(); // fetch keeps connections alive; close() alone would wait for them
          return closed;
        }),
      );
      await stopWorker();
      await connection.close(); // an open native connection keeps the test process alive
      await client.connection.close();
      await db.destroy();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
