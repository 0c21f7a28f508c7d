// Starts the real HTTP server on 127.0.0.1 (a free port) over a test database, for the HTTP
// integration tests and the browser tests.
//
//   const t = await startTestApp(backend, { demo: true });
//   const cookie = await t.signIn('secretariat@demo.gcm-review.org', 'demo-secretariat');
//   const res = await fetch(`${t.url}/api/cycles`, { headers: { cookie } });
//   await t.close();
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildApp, type BuildAppOptions } from '../../src/http/app.ts';
import type { Services } from '../../src/services/types.ts';
import type { Database } from '../../src/store/database.ts';
import { openTestDatabase, type Backend } from './db.ts';

export interface TestApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  app: FastifyInstance;
  services: Services;
  db: Database;
  config: Config;
  /** Signs in through the API; returns the Cookie header value ("gcm_session=…") to send. */
  signIn(email: string, password: string): Promise<string>;
  /** One JSON request with the cookie `signIn` gave: the status, the text and (for a JSON answer) the parsed body. */
  call(method: string, path: string, cookie: string, json?: unknown): Promise<{ status: number; text: string; body: Record<string, unknown> }>;
  /** Stops the server, closes the database if this app opened it, removes the data folder. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Use this open database instead of opening a new one (it is then left open by close()). */
  database?: { db: Database; services: Services };
  /** Seed the demonstration accounts, cycles and drafts first. */
  demo?: boolean;
  /** Where the built browser app is (default dist/web). */
  webRoot?: string;
  /** Sign-in rate limit; tests sign in often, so the default here is generous. */
  signInLimit?: { max: number; timeWindow: number };
  /** Settings to change, e.g. `{ trustProxy: { hops: 1 } }`. */
  config?: Partial<Config>;
  /** Import pool and per-user import limits (default: the server's). */
  imports?: BuildAppOptions['imports'];
}

export async function startTestApp(backend: Backend, opts: TestAppOptions = {}): Promise<TestApp> {
  const opened = opts.database ? undefined : await openTestDatabase(backend);
  const { db, services } = opts.database ?? opened!;
  const dataDir = await mkdtemp(join(tmpdir(), 'gcm-review-app-'));
  let app: FastifyInstance | undefined;
  try {
    if (opts.demo) await seedDemo(services);
    const config = loadConfig({}, { dataDir, sessionSecret: randomBytes(32).toString('hex'), logLevel: 'silent', port: 0, host: '127.0.0.1', ...opts.config });
    app = await buildApp({
      services,
      config,
      dbKind: db.kind,
      demo: opts.demo ?? false,
      signInLimit: opts.signInLimit ?? { max: 10_000, timeWindow: 60_000 },
      imports: opts.imports,
      ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('The test server has no TCP address.');
    const url = `http://127.0.0.1:${address.port}`;
    const running = app;
    return {
      url,
      app: running,
      services,
      db,
      config,
      signIn: async (email, password) => {
        const res = await fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        if (res.status !== 200) throw new Error(`Signing in as ${email} answered ${res.status}: ${await res.text()}`);
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gcm_session='));
        if (!cookie) throw new Error(`Signing in as ${email} set no session cookie.`);
        return cookie.split(';')[0]!;
      },
      call: async (method, path, cookie, json) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
        const text = await res.text();
        return { status: res.status, text, body: text && /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as Record<string, unknown>) : {} };
      },
      close: async () => {
        await running.close();
        await opened?.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.close();
    await opened?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
