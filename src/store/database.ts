// Opens the database: embedded PGlite in the data folder by default, or a PostgreSQL 13+ server
// when DATABASE_URL is set. Either way the migrations run and the States are seeded on open,
// so a database handed out is always ready to use.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config.ts';
import * as schema from './schema.ts';
import type { Executor } from './executor.ts';
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
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database the configuration points at. */
export function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(pgliteDir(config.dataDir));
}

export { pgliteDir } from './paths.ts';

/** PGlite persisted in `dir`, or held in memory when `dir` is undefined. */
export function openPglite(dir?: string): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  return usePglite(dir ? new PGlite(dir) : new PGlite(), dir ?? 'memory');
}

/** A PGlite instance made by the caller (e.g. loaded from a snapshot), migrated; closing the Database closes it. */
export async function usePglite(client: PGlite, location: string): Promise<Database> {
  try {
    const db = drizzlePglite(client, { schema });
    return await ready('pglite', location, db as unknown as Executor, () => migratePglite(db, { migrationsFolder }), () => client.close());
  } catch (err) {
    await client.close();
    throw err;
  }
}

/** A pool of connections to a PostgreSQL server (13 or later). */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    const db = drizzlePg(pool, { schema });
    // Two servers starting at once must not both migrate: hold a lock on a connection of its own.
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock(7401)');
      return await ready('postgres', redactUrl(url), db as unknown as Executor, () => migratePg(db, { migrationsFolder }), () => pool.end());
    } finally {
      await lock.query('select pg_advisory_unlock(7401)').catch(() => undefined);
      lock.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
}

async function ready(
  kind: Database['kind'],
  location: string,
  db: Executor,
  migrate: () => Promise<void>,
  close: () => Promise<void>,
): Promise<Database> {
  const appliedMigrations = await runMigrations(db, migrate);
  await seedStates(db);
  let closed = false;
  return {
    kind,
    location,
    drizzle: db,
    appliedMigrations,
    transaction: (fn) => db.transaction((tx) => fn(tx)),
    close: async () => {
      if (closed) return;
      closed = true;
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
