/**
 * The real app on a Temporal dev server of its own, started with tiny limits (dynamic config), for the limit tests
 * (tests/temporal-limits.test.ts): the run's PostgreSQL, an in-process worker (optional: a limit the frontend enforces
 * needs none; it can be taken away and brought back), and two apps on it — `baseUrl` whose Temporal client does not retry (so a refusal the SDK would retry
 * for ~35 s reaches the API at once) and `retryingUrl` with the SDK's default retries, as production runs it.
 */
import './quiet-runtime';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { Actor } from '../../api/auth/actor';
import type { DevIssuer } from '../../api/auth/dev-issuer';
import { createVerifier } from '../../api/auth/verifier';
import { defaultKeyProvider } from '../../runtime/crypto/key-provider';
import { freePort } from '../../runtime/free-port';
import { startTemporalDevServer } from '../../runtime/services/temporal-dev-server';
import { connectWorker } from '../../runtime/temporal';
import { createWorker } from '../../runtime/worker';
import { demoActor } from './auth-stack';
import { pendingVote } from './collegial-vote';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export interface LimitStack {
  /** The app whose Temporal client does not retry. */
  baseUrl: string;
  /** The app with the SDK's default retries. */
  retryingUrl: string;
  client: Client;
  /** A request as a demo user (by id) or any actor; a collegial proposal gets its second vote as in auth-stack. */
  call(as: string | Actor, method: string, p: string, body?: unknown, o?: { base?: string; headers?: Record<string, string> }): Promise<Reply>;
  /** Takes the worker away: updates sent meanwhile are admitted and stay in flight until `startWorker`. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startLimitStack(o: {
  db: Knex;
  issuer: DevIssuer;
  dynamicConfig: Record<string, string | number | boolean>;
  /** Workflow code for the worker; without it no worker runs. */
  bundle?: WorkflowBundleOption;
}): Promise<LimitStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pengadaan-limits-'));
  const server = await startTemporalDevServer({ dataDir, port: await freePort(), headless: true, dynamicConfig: o.dynamicConfig });
  const keys = defaultKeyProvider();
  const taskQueue = `tq-limits-${randomBytes(4).toString('hex')}`;
  const client = new Client({ connection: await Connection.connect({ address: server.address, interceptors: [] }) });
  const retrying = new Client({ connection: await Connection.connect({ address: server.address }) });
  const native: NativeConnection | undefined = o.bundle ? (await connectWorker({ address: server.address, namespace: 'default' })).connection : undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    if (!native || worker) return;
    worker = await createWorker({ connection: native, namespace: 'default', taskQueue, db: o.db, keys, workflowBundle: o.bundle });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await running;
    worker = running = undefined;
  };
  await startWorker();
  const verifier = createVerifier({ issuer: o.issuer.issuer, audience: o.issuer.audience, jwks: o.issuer.jwks });
  const servers: Server[] = [];
  const listen = async (c: Client) => {
    const logger = pino({ level: 'silent' });
    const app = createApp({ db: o.db, client: c, verifier, logger, taskQueue, timeScale: 1, keys, console: false });
    const s = await new Promise<Server>((resolve, reject) => {
      const x = app.listen(0, '127.0.0.1', () => resolve(x)).on('error', reject);
    });
    servers.push(s);
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };
  const baseUrl = await listen(client);
  const retryingUrl = await listen(retrying);
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (a: Actor) => {
    const key = JSON.stringify(a);
    if (!tokens.has(key)) tokens.set(key, o.issuer.sign(a));
    return tokens.get(key)!;
  };

  const call: LimitStack['call'] = async (as, method, p, body, opts = {}) => {
    const actor = typeof as === 'string' ? demoActor(as) : as;
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await tokenOf(actor)}`, ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch((opts.base ?? baseUrl) + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    const vote = pendingVote(method, p, res.status, parsed, actor.id);
    if (vote) return call(vote.voter, 'POST', vote.path, vote.body, opts);
    return { status: res.status, headers: res.headers, body: parsed };
  };

  return {
    baseUrl,
    retryingUrl,
    client,
    call,
    stopWorker,
    startWorker,
    async close() {
      await Promise.all(
        servers.map((s) => {
          const closed = new Promise<void>((r) => s.close(() => r()));
          s.closeAllConnections(); // fetch keeps connections alive; close() alone would wait for them
          return closed;
        }),
      );
      await stopWorker();
      await native?.close();
      await client.connection.close();
      await retrying.connection.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
