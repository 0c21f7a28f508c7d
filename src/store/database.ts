// Opens the database: embedded PGlite in the data folder by default, or a PostgreSQL 13+ server
// when DATABASE_URL is set. Either way pending migrations run and the States are brought up to date
// on open, so a database handed out is always ready to use; when nothing changed, that costs three
// small queries. An embedded store is held by one process at a time (lock.ts), and a new one is
// unpacked from the pre-built image (image.ts) when there is one. Each driver is loaded only when
// it is used: a server on PGlite does not load node-postgres, nor one on PostgreSQL PGlite.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pgModule from 'pg';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { AccessCache, accessChannel, attachAccessCache, type Listen } from './access-cache.ts';
import * as schema from './schema.ts';
import { queryRows, type Executor } from './executor.ts';
import { defaultImageFolder, findImage, unpackImage, writeImage, type ImageManifest } from './image.ts';
import { acquireStoreLock, type StoreLock } from './lock.ts';
import { migrationsFolder, runMigrations } from './migrate.ts';
import { seedStates } from './organisations.ts';
import { pgliteDir } from './paths.ts';

export type { Executor } from './executor.ts';

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Where the data is: a folder, "memory", or the server URL without its password. */
  location: string;
  /** The drizzle handle. Only code in src/store should use it. */
  drizzle: Executor;
  /** Tags of the migrations applied when this handle was opened (empty when up to date). */
  appliedMigrations: string[];
  /** Whether opening it had to write the States of the reference data (false when they were up to date). */
  seededStates: boolean;
  /** How a new embedded store was made: unpacked from the pre-built image, or step by step; undefined when it existed. */
  created?: 'image' | 'step-by-step';
  /** The embedded store's lock (none in memory or on PostgreSQL): `serve` records its address there. */
  lock?: StoreLock;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database the configuration points at. */
export function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(pgliteDir(config.dataDir));
}

/** Which kind of database `openDatabase(config)` opens. */
export function databaseKind(config: Pick<Config, 'databaseUrl'>): Database['kind'] {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

/**
 * A stand-in for the database `opening` gives, for building what holds on to one (the services,
 * the HTTP server) while it opens: PGlite's start-up is most of the server's. Each use goes to the
 * database once it is open; a use before then throws, so wait for `opening` before serving.
 */
export function whenOpen(opening: Promise<Database>, kind: Database['kind']): Database {
  let open: Database | undefined;
  opening.then(
    (db) => (open = db),
    () => undefined,
  );
  const db = (): Database => {
    if (!open) throw new Error('The database is not open yet.');
    return open;
  };
  const standIn = { kind, transaction: (fn) => db().transaction(fn), close: () => db().close() } as Database;
  for (const key of ['location', 'drizzle', 'appliedMigrations', 'seededStates', 'created', 'lock'] as const) {
    Object.defineProperty(standIn, key, { get: () => db()[key], enumerable: true });
  }
  return standIn;
}

/** Whether nothing has been made in the database yet: no account and no review cycle (the States are reference data). One small query. */
export async function isUnused(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ used: boolean }>(
    db,
    sql`select exists (select 1 from ${schema.users}) or exists (select 1 from ${schema.reviewCycles}) as used`,
  );
  return row?.used === false;
}

export { pgliteDir } from './paths.ts';

/**
 * A new PGlite in `dir` (in memory when undefined). PostgreSQL's default 128 MB of shared buffers
 * is sized for a server with many clients; PGlite has one, and zeroing those buffers was half of its
 * start-up time and most of its memory. Pages not in the buffers come from the operating system's cache.
 */
async function newPglite(dir?: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const settings = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };
  return dir ? new PGlite(dir, settings) : new PGlite(settings);
}

export interface PgliteFolderOptions {
  /** The pre-built image a new store is unpacked from (default: dist/pglite-image); false to create it step by step. */
  image?: string | false;
}

/**
 * PGlite persisted in `dir`, or held in memory when `dir` is undefined. A folder is locked for
 * this process until the database is closed: another process, or a second open in this one, gets
 * StoreLocked naming the holder.
 */
export async function openPglite(dir?: string, options: PgliteFolderOptions = {}): Promise<Database> {
  if (!dir) return usePglite(await newPglite(), 'memory');
  const lock = acquireStoreLock(dir);
  try {
    const created = prepareFolder(dir, options.image ?? defaultImageFolder);
    return await usePglite(await newPglite(dir), dir, { lock, created });
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Makes a new store in `dir` from the image when it can, or leaves it for PGlite to create step by step. */
function prepareFolder(dir: string, image: string | false): Database['created'] {
  if (existsSync(join(dir, 'PG_VERSION'))) return undefined;
  const found = image === false ? undefined : findImage(image);
  if (found && 'tarball' in found && isEmptyOrMissing(dir)) {
    try {
      unpackImage(found.tarball, dir);
      return 'image';
    } catch {
      // A damaged image only costs speed: the store is made step by step instead.
    }
  }
  mkdirSync(dir, { recursive: true });
  return 'step-by-step';
}

function isEmptyOrMissing(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * A PGlite instance made by the caller (e.g. loaded from a snapshot), migrated; closing the
 * Database closes it (and then releases the folder's lock, when there is one).
 */
export async function usePglite(client: PGlite, location: string, folder: { lock?: StoreLock; created?: Database['created'] } = {}): Promise<Database> {
  try {
    // Waiting for PGlite to be ready (while the ORM loads): nothing below talks to one still starting.
    const [, { drizzle }, { migrate }, { withPreparedStatements }] = await Promise.all([
      client.waitReady,
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
      import('./pglite-statements.ts'),
    ]);
    // Repeated queries are planned once, not on every request (see pglite-statements.ts).
    const db = drizzle(withPreparedStatements(client), { schema });
    const close = async () => {
      try {
        await client.close();
      } finally {
        folder.lock?.release();
      }
    };
    // No listener: an embedded store is this process's alone, and every change to it is made here.
    return { ...(await ready('pglite', location, db as unknown as Executor, () => migrate(db, { migrationsFolder }), close, new AccessCache())), ...folder };
  } catch (err) {
    await client.close();
    throw err;
  }
}

/**
 * Builds the image new embedded stores are unpacked from (scripts/build-pglite-image.js runs it
 * in `npm run build`): a store created, migrated and holding the States, as a gzipped tarball.
 */
export async function createPgliteImage(folder: string = defaultImageFolder): Promise<ImageManifest> {
  const client = await newPglite();
  const db = await usePglite(client, 'memory (image)');
  try {
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('gzip');
    return writeImage(folder, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** A pool of connections to a PostgreSQL server (13 or later). */
export async function openPostgres(url: string): Promise<Database> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The server may end an idle connection (a restart, an administrator, a dropped test database):
  // the pool opens another when one is needed, but an 'error' nobody listens to would end the process.
  pool.on('error', (err) => process.stderr.write(`PostgreSQL closed an idle connection (${err.message}); a new one opens when needed.\n`));
  try {
    const db = drizzle(pool, { schema });
    // Two servers starting at once must not both migrate: hold a lock on a connection of its own.
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock(7401)');
      return await ready('postgres', redactUrl(url), db as unknown as Executor, () => migrate(db, { migrationsFolder }), () => pool.end(), new AccessCache(listener(pg, url)));
    } finally {
      await lock.query('select pg_advisory_unlock(7401)').catch(() => undefined);
      lock.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
}

/**
 * Listening for changes of access made by other processes on the same PostgreSQL (access-cache.ts),
 * on a connection of its own, outside the pool: a connection that listens must stay open.
 */
function listener(pg: typeof pgModule, url: string): Listen {
  return async (heard, lost) => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      lost();
    };
    // An error ends the connection (a restart, a dropped database): the cache is left until a new one listens.
    client.on('error', () => {
      end();
      client.end().catch(() => undefined);
    });
    client.on('end', end);
    client.on('notification', (n) => n.channel === accessChannel && n.payload !== undefined && heard(n.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${accessChannel}`);
    } catch (err) {
      ended = true;
      await client.end().catch(() => undefined);
      throw err;
    }
    return async () => {
      ended = true;
      await client.end();
    };
  };
}

async function ready(
  kind: Database['kind'],
  location: string,
  db: Executor,
  migrate: () => Promise<void>,
  close: () => Promise<void>,
  cache: AccessCache,
): Promise<Database> {
  const appliedMigrations = await runMigrations(db, migrate);
  const seededStates = await seedStates(db);
  attachAccessCache(db, cache);
  let closed = false;
  return {
    kind,
    location,
    drizzle: db,
    appliedMigrations,
    seededStates,
    transaction: (fn) => db.transaction((tx) => fn(tx)),
    close: async () => {
      if (closed) return;
      closed = true;
      await cache.close();
      await close();
    },
  };
}

/** postgres://user:secret@host/db → postgres://user@host/db: safe to print and log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
