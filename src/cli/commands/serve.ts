// `gcm-review serve`: opens the database (running migrations), optionally seeds the
// demonstration data, and serves the API and the browser app until SIGINT or SIGTERM.
// An embedded database is this server's alone while it runs: another `serve` or a command on the
// same data folder is refused, told where this server answers (the store's lock records it).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../config.ts';
import { demoAccounts } from '../../demo/accounts.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Services } from '../../services/types.ts';
import type { Database } from '../../store/database.ts';
import { StoreLocked } from '../../store/lock.ts';
import { pgliteDir } from '../../store/paths.ts';
import { CliError } from '../output.ts';

interface ServeOptions {
  port?: number;
  host?: string;
  demo?: boolean;
  dev?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  /** False (--no-jobs): leave the background jobs to `gcm-review worker` processes (PostgreSQL only). */
  jobs?: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web server: the API at /api (reference at /api/docs) and the browser app.')
    .option('--port <n>', 'port to listen on (default 3000, or PORT)', parsePort)
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or HOST; 0.0.0.0 for all)')
    .option('--demo', 'on an empty database, create demonstration accounts, cycles and draft responses')
    .option('--dev', 'also start the Vite development server for the browser app, with hot reload')
    .option('--data-dir <dir>', 'folder of the embedded database and the session key (default ./data, or DATA_DIR)')
    .option('--database-url <url>', 'use a PostgreSQL server instead of the embedded database (or DATABASE_URL)')
    .option('--no-jobs', 'on PostgreSQL, do not run the background jobs (scheduled reminders) here: `gcm-review worker` runs them')
    .action(async (options: ServeOptions) => serve(options));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not "${value}".`);
  return port;
}

async function serve(options: ServeOptions): Promise<void> {
  const overrides: Partial<Config> = {};
  if (options.port !== undefined) overrides.port = options.port;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.databaseUrl !== undefined) overrides.databaseUrl = options.databaseUrl;
  if (options.dataDir !== undefined) overrides.dataDir = resolve(options.dataDir);
  let config: Config;
  try {
    config = loadConfig(undefined, overrides);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (options.jobs === false && !config.databaseUrl) {
    throw new CliError('--no-jobs needs PostgreSQL: only this server can open the embedded store, so it runs the background jobs itself.');
  }

  // PGlite's start-up (its WebAssembly compiled, the data folder read, PostgreSQL started) is most
  // of the server's. Everything that does not need the database is done meanwhile: the server's
  // modules loaded and the app built, over a stand-in for the database that is used only once it
  // is open (the server listens after that). PGlite's module is loaded first, so that its files
  // are read and its WebAssembly compiled while the server's modules load.
  const opening = openStore(config);
  const ready = opening.then(async (db) => {
    try {
      return { db, seeded: options.demo ? await seedDemoIfUnused(db) : false };
    } catch (err) {
      await db.close();
      throw err;
    }
  });
  ready.catch(() => undefined); // awaited below, once the app is built
  let app: FastifyInstance;
  let services: Services;
  try {
    const pglite = config.databaseUrl ? undefined : import('@electric-sql/pglite').catch(() => undefined);
    const [{ buildApp }, { createServices }, { databaseKind, whenOpen }] = await Promise.resolve(pglite).then(() =>
      Promise.all([import('../../http/app.ts'), import('../../services/index.ts'), import('../../store/database.ts')]),
    );
    const dbKind = databaseKind(config);
    services = createServices(whenOpen(opening, dbKind), { sessionIdleMs: config.sessionIdleMs, mail: config });
    app = await buildApp({ services, config, dbKind, demo: options.demo ?? false });
  } catch (err) {
    // The database is closed once it has opened (at once if it has).
    await ready.then(({ db }) => db.close()).catch(() => undefined);
    throw err;
  }
  let db: Database;
  let seeded: boolean;
  try {
    ({ db, seeded } = await ready);
  } catch (err) {
    await app.close();
    throw err;
  }

  let stopDev: (() => Promise<void>) | undefined;
  let jobs: Promise<JobQueue | undefined> | undefined;
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // If closing hangs (a stuck connection), do not keep the terminal hostage.
    setTimeout(() => process.exit(1), 10_000).unref();
    await stopDev?.();
    await (await jobs)?.stop().catch((err: Error) => app.log.error({ err }, 'stopping the background jobs'));
    await app.close();
    await db.close();
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await db.close();
    throw new CliError(listenProblem(err, config));
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${displayHost(config.host)}:${port}`;
  db.lock?.announce({ url });
  // The background jobs (src/jobs) start once the server answers; a failure is logged, and the server serves on without them.
  if (options.jobs !== false) jobs = startBackgroundJobs(db, services, config.publicUrl ?? url, app);
  app.log.info({ url, database: db.kind, location: db.location }, 'GCM Review is listening');

  const lines = [`GCM Review is running at ${url} (API reference: ${url}/api/docs)`, `Database: ${db.kind} (${db.location})`];
  if (options.demo) {
    lines.push(seeded ? 'Demonstration data created. Demo accounts (demo passwords, never use them on a shared server):' : 'Demo accounts (the database already had data, so nothing new was seeded):');
    for (const a of demoAccounts) lines.push(`  ${a.email}  password: ${a.password}  (${a.purpose})`);
  }
  if (options.dev) {
    const dev = await startViteDevServer(port);
    stopDev = dev.close;
    lines.push(`Browser app with hot reload: ${dev.url}`);
  }
  lines.push('Press Ctrl+C to stop.');
  process.stderr.write(lines.join('\n') + '\n');
}

/** The job queue (scheduled reminders), run by this server; undefined, said on stderr, when it cannot start. */
async function startBackgroundJobs(db: Database, services: Services, baseUrl: string, app: FastifyInstance): Promise<JobQueue | undefined> {
  try {
    const { startJobs } = await import('../../jobs/index.ts');
    return await startJobs(db, services, { baseUrl }, { work: true, onError: (err) => app.log.error({ err }, 'background job') });
  } catch (err) {
    process.stderr.write(`The background jobs (scheduled reminders) could not start: ${(err as Error).message}\n`);
    return undefined;
  }
}

/** On an unused database (no account, no cycle), the demonstration data; whether it was seeded. */
async function seedDemoIfUnused(db: Database): Promise<boolean> {
  const { isUnused } = await import('../../store/database.ts');
  if (!(await isUnused(db.drizzle))) return false;
  const [{ seedDemo }, { createServices }] = await Promise.all([import('../../demo/seed.ts'), import('../../services/index.ts')]);
  await seedDemo(createServices(db));
  return true;
}

/** The configured database, opened; a store held by another process is refused naming it. */
async function openStore(config: Config): Promise<Database> {
  const { openDatabase, redactUrl } = await import('../../store/database.ts');
  try {
    return await openDatabase(config);
  } catch (err) {
    if (err instanceof StoreLocked) throw new CliError(err.message);
    throw new CliError(`Cannot open the database at ${config.databaseUrl ? redactUrl(config.databaseUrl) : pgliteDir(config.dataDir)}: ${(err as Error).message}`);
  }
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function listenProblem(err: unknown, config: Config): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `Port ${config.port} is already in use on ${config.host}; choose another with --port.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${config.port}; choose one above 1023 with --port.`;
  if (code === 'EADDRNOTAVAIL') return `This machine has no address ${config.host}; try --host 127.0.0.1.`;
  return `The server could not start: ${(err as Error).message}`;
}

/** Development only: Vite serves src/web with hot reload and passes /api to this server. */
async function startViteDevServer(apiPort: number): Promise<{ url: string; close: () => Promise<void> }> {
  const vite = await import('vite').catch(() => {
    throw new CliError('--dev needs the development dependencies (vite); run `npm install` first.');
  });
  const server = await vite.createServer({ server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } } });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
  return { url, close: () => server.close() };
}
