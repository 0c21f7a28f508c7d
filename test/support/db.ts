// The database harness for integration tests: the SAME suite runs on embedded PGlite and on a
// real PostgreSQL server, each test file on a database of its own.
//
//   import { describeEachBackend, addUser } from '../support/db.ts';
//   await describeEachBackend('cycles', (t) => {
//     it('lists nothing at first', async () => {
//       assert.deepEqual(await t.services.cycles.list(systemActor), []);
//     });
//   });
//
// - PGlite: a fresh in-memory instance per file (per describeEachBackend call), loaded from a
//   migrated snapshot cached in the OS temp folder (about 0.9 s instead of 3 s for a new instance).
// - PostgreSQL: TEST_DATABASE_URL (CI: postgres://postgres@127.0.0.1:5432/test) is only used to
//   CREATE DATABASE gcm_test_<random>, which the file uses and drops at the end. When the variable
//   is unset or the server unreachable the postgres suite is skipped with the reason, unless
//   REQUIRE_ALL=1, where it fails.
// Tests in one file share its database: make the rows you need (addUser, a new cycle) rather
// than expecting an empty table.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { testEnv } from '../../src/config.ts';
import { createServices } from '../../src/services/index.ts';
import { actorFor } from '../../src/services/actors.ts';
import type { Actor, Role, Services, User } from '../../src/services/types.ts';
import { openPostgres, redactUrl, usePglite, type Database } from '../../src/store/database.ts';
import { migrationsFolder } from '../../src/store/migrate.ts';

export type Backend = { name: 'pglite' } | { name: 'postgres'; url: string };

/** A backend to run on, or the reason it cannot run here. */
export type BackendCase = { backend: Backend; unavailable?: string };

export interface TestDatabase {
  backend: Backend;
  db: Database;
  services: Services;
  /** On PostgreSQL, the URL of this test's own database (for a second handle or a child process). */
  databaseUrl: string | undefined;
  /** Closes the database and, on PostgreSQL, drops it. */
  close(): Promise<void>;
}

let cases: Promise<BackendCase[]> | undefined;

/** PGlite always; PostgreSQL when TEST_DATABASE_URL is set and the server answers. */
export function backends(): Promise<BackendCase[]> {
  cases ??= (async () => {
    const url = testEnv.testDatabaseUrl;
    const postgres: BackendCase = url
      ? { backend: { name: 'postgres', url }, ...(await probe(url)) }
      : { backend: { name: 'postgres', url: '' }, unavailable: 'TEST_DATABASE_URL is not set' };
    return [{ backend: { name: 'pglite' } }, postgres];
  })();
  return cases;
}

async function probe(url: string): Promise<{ unavailable?: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return {};
  } catch (err) {
    return { unavailable: `PostgreSQL at ${redactUrl(url)} is not reachable (${(err as Error).message || String(err)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, migrated database on `backend`, with services over it. Close it when done. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  const { db, url, drop } =
    backend.name === 'pglite' ? { db: await pgliteFromSnapshot(), url: undefined, drop: async () => {} } : await freshPostgres(backend.url);
  return {
    backend,
    db,
    databaseUrl: url,
    services: createServices(db),
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

/** What a suite receives: the file's database, open from the suite's `before` until its `after`. */
export interface SuiteContext {
  readonly backend: Backend;
  readonly db: Database;
  readonly services: Services;
  readonly databaseUrl: string | undefined;
}

/**
 * Declares `suite` once per backend, as `name (pglite)` and `name (postgres)`, each on a database
 * of its own opened before the first test and closed after the last. Await it at the top level.
 */
export async function describeEachBackend(name: string, suite: (t: SuiteContext) => void): Promise<void> {
  for (const { backend, unavailable } of await backends()) {
    const title = `${name} (${backend.name})`;
    if (unavailable) {
      // Skipped as a test, not as a describe: the runner counts skipped tests in its summary, not skipped suites.
      describe(title, () => {
        it(`needs ${backend.name}`, { skip: testEnv.requireAll ? false : unavailable }, () => {
          throw new Error(`${unavailable}; REQUIRE_ALL=1 forbids skipping.`);
        });
      });
      continue;
    }
    describe(title, () => {
      let open: TestDatabase | undefined;
      const ready = () => open ?? raise(`The ${backend.name} test database is not open yet: use it inside a test or hook.`);
      before(async () => {
        open = await openTestDatabase(backend);
      });
      after(async () => {
        await open?.close();
      });
      suite({
        backend,
        get db() {
          return ready().db;
        },
        get services() {
          return ready().services;
        },
        get databaseUrl() {
          return ready().databaseUrl;
        },
      });
    });
  }
}

function raise(message: string): never {
  throw new Error(message);
}

// ---- PGlite: a migrated snapshot, made once per version of the migrations ----

async function pgliteFromSnapshot(): Promise<Database> {
  const file = snapshotFile();
  if (existsSync(file)) return usePglite(new PGlite({ loadDataDir: new Blob([readFileSync(file)]) }), 'memory (test)');
  const client = new PGlite();
  const db = await usePglite(client, 'memory (test)');
  const dump = await client.dumpDataDir('none');
  mkdirSync(join(file, '..'), { recursive: true });
  // Another test process may be writing the same snapshot: write aside, then rename (atomic).
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  // Snapshots of older migrations are of no further use.
  for (const old of readdirSync(join(file, '..'))) {
    if (/^pglite-[0-9a-f]+\.tar$/.test(old) && join(file, '..', old) !== file) rmSync(join(file, '..', old), { force: true });
  }
  return db;
}

/** Named after the migrations and the PGlite version, so that a change makes a new snapshot. */
function snapshotFile(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const path = join(migrationsFolder, name);
    if (name.endsWith('.sql') || name.endsWith('.json')) hash.update(name).update(readFileSync(path));
  }
  hash.update(JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version);
  return join(tmpdir(), 'gcm-review-tests', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

// ---- PostgreSQL: a database per test file ----

async function freshPostgres(url: string): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const name = `gcm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    const db = await openPostgres(target.toString());
    return { db, url: target.toString(), drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  } catch (err) {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// ---- Factories ----

let counter = 0;

/**
 * A user with `role` (of State `stateIso3` for state roles), stored through the services as the
 * command line would, and the Actor to act as them. E-mail addresses are unique per call.
 */
export async function addUser(
  services: Services,
  role: Role,
  stateIso3: string | null = null,
  name = `${role} ${stateIso3 ?? ''} ${++counter}`.replace(/\s+/g, ' '),
): Promise<{ user: User; actor: Actor; password: string }> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const email = `${role}.${stateIso3 ?? 'sec'}.${randomBytes(4).toString('hex')}@example.test`.toLowerCase();
  const user = await services.users.create({ kind: 'system' }, { email, name, password, role, stateIso3 });
  return { user, actor: actorFor(user), password };
}

// ---- Assertions ----

/**
 * Asserts that `promise` rejects with an `ErrorClass`; with `paths`, that its field problems name
 * exactly those fields (in any order). Returns the error for further checks.
 */
export async function rejectsWith<E extends Error>(
  promise: Promise<unknown>,
  ErrorClass: new (...args: never[]) => E,
  paths?: string[],
): Promise<E> {
  let caught: unknown;
  await assert.rejects(promise, (err) => {
    caught = err;
    return true;
  });
  if (!(caught instanceof ErrorClass)) {
    throw new assert.AssertionError({ message: `expected ${ErrorClass.name}, got ${String(caught)}`, actual: caught, expected: ErrorClass });
  }
  if (paths) {
    const problems = (caught as { problems?: { path: string }[] }).problems ?? [];
    assert.deepEqual(problems.map((p) => p.path).sort(), [...paths].sort(), `field problems of: ${caught.message}`);
  }
  return caught;
}
