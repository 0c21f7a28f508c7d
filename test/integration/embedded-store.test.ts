// One writer per embedded store, through real processes: a second server or a store command on a
// data folder a server holds is refused at once, naming the server, and nothing the server saved
// is lost; a lock left by a killed process is taken over; a PostgreSQL server stays shared by
// several processes. And the fast start: an existing store opens without migrating or rewriting
// the States, and a new one unpacked from the pre-built image is the same as one made step by step.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoAccounts } from '../../src/demo/accounts.ts';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import { createPgliteImage, openDatabase, openPglite, type Database } from '../../src/store/database.ts';
import { queryRows } from '../../src/store/executor.ts';
import { findImage } from '../../src/store/image.ts';
import { lockFileOf } from '../../src/store/lock.ts';
import { knownMigrations } from '../../src/store/migrate.ts';
import { listStates } from '../../src/store/organisations.ts';
import { pgliteDir } from '../../src/store/paths.ts';
import { sql } from 'drizzle-orm';
import { testEnv } from '../../src/config.ts';
import { fromSources, type CliRun } from '../support/cli-process.ts';
import { openTestDatabase } from '../support/db.ts';
import { packageRoot } from '../../src/package-root.ts';
import { startServeProcess, type ServeProcess } from '../support/serve-process.ts';

const work = mkdtempSync(join(tmpdir(), 'gcm-embedded-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** `gcm-review ...args` from the sources; killed after `timeoutMs` (a refused command must not start serving). */
function cli(args: string[], timeoutMs = 120_000): CliRun {
  const r = spawnSync(process.execPath, fromSources(...args), { cwd: packageRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A store made once (the slow part) and copied for each test that needs a data folder of its own. */
const template = join(work, 'template');
before(async () => {
  const db = await openDatabase({ dataDir: template, databaseUrl: undefined });
  await db.close();
});
let folders = 0;
function dataFolder(): string {
  const dataDir = join(work, `data-${++folders}`);
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

async function signIn(server: ServeProcess): Promise<string> {
  const admin = demoAccounts.find((a) => a.role === 'secretariat-admin')!;
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function openCycle(server: ServeProcess, cookie: string, title: string): Promise<string> {
  const res = await fetch(`${server.url}/api/cycles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title, templateId: 'apac-2020', region: 'escap', deadline: '2030-08-31', returnAddresses: [], invitedStates: ['XAA'] }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** The titles of the cycles the test opened (the demonstration data has cycles of its own). */
async function savedCycles(db: Database): Promise<string[]> {
  return (await createServices(db).cycles.list(systemActor))
    .map((c) => c.title)
    .filter((t) => t.startsWith('Saved '))
    .sort();
}

describe('one process per embedded store', () => {
  it('refuses a second server and store commands while a server runs, naming it; the server keeps serving and loses nothing', async () => {
    const dataDir = dataFolder();
    const server = await startServeProcess(['--demo', '--data-dir', dataDir]);
    let stopped = false;
    try {
      const cookie = await signIn(server);
      await openCycle(server, cookie, 'Saved before the second server');

      const second = cli(['serve', '--port', '0', '--data-dir', dataDir]);
      assert.equal(second.code, 1, second.stderr);
      assert.match(second.stderr, new RegExp(`in use by another process, PID ${server.pid} \\(\`gcm-review serve --port 0 --demo --data-dir \\S+\`, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)`));
      assert.match(second.stderr, new RegExp(`serves it at ${server.shownUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(second.stderr, /DATABASE_URL/);

      const userAdd = cli(['user', 'add', '--email', 'late@example.test', '--name', 'Added While Served', '--role', 'secretariat-analyst', '--password', 'a long enough secret', '--data-dir', dataDir]);
      assert.equal(userAdd.code, 1, userAdd.stderr);
      assert.match(userAdd.stderr, new RegExp(`^gcm-review: The embedded database ${pgliteDir(dataDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another process, PID ${server.pid} `));
      assert.doesNotMatch(userAdd.stderr, /a long enough secret/);
      const cycleId = await openCycle(server, cookie, 'Saved for the refused import');
      const importInto = cli(['import', 'test/browser/fixtures/belmora-2020.txt', '--into', cycleId, '--state', 'XAA', '--data-dir', dataDir]);
      assert.equal(importInto.code, 1, importInto.stderr);
      assert.match(importInto.stderr, new RegExp(`in use by another process, PID ${server.pid} `));
      const list = cli(['cycle', 'list', '--data-dir', dataDir]);
      assert.equal(list.code, 1, list.stderr);
      assert.match(list.stderr, new RegExp(`in use by another process, PID ${server.pid} .*, which serves it at `));

      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
      await openCycle(server, cookie, 'Saved after the refusals');
      const lock = JSON.parse(readFileSync(lockFileOf(pgliteDir(dataDir)), 'utf8')) as { pid: number; url: string };
      assert.deepEqual([lock.pid, lock.url], [server.pid, server.shownUrl]);

      assert.deepEqual(await server.stop(), { code: 0, signal: null });
      stopped = true;
      assert.equal(existsSync(lockFileOf(pgliteDir(dataDir))), false, 'the lock goes with the server');

      const db = await openDatabase({ dataDir, databaseUrl: undefined });
      try {
        assert.deepEqual(await savedCycles(db), ['Saved after the refusals', 'Saved before the second server', 'Saved for the refused import']);
        const [imported] = await queryRows<{ n: number }>(db.drizzle, sql`select count(*)::int as n from submission_versions where source = 'import'`);
        assert.equal(imported!.n, 0, 'the refused import stored nothing');
        const [late] = await queryRows<{ n: number }>(db.drizzle, sql`select count(*)::int as n from users where email = 'late@example.test'`);
        assert.equal(late!.n, 0, 'the refused `user add` created nobody');
      } finally {
        await db.close();
      }
      const added = cli(['user', 'add', '--email', 'late@example.test', '--name', 'Added Once Stopped', '--role', 'secretariat-analyst', '--data-dir', dataDir]);
      assert.equal(added.code, 0, added.stderr);
    } finally {
      if (!stopped) await server.stop();
    }
  });

  it('takes over the lock of a server that was killed, and finds what it saved', async () => {
    const dataDir = dataFolder();
    const server = await startServeProcess(['--demo', '--data-dir', dataDir]);
    try {
      await openCycle(server, await signIn(server), 'Saved before the kill');
    } finally {
      assert.deepEqual(await server.stop('SIGKILL'), { code: null, signal: 'SIGKILL' });
    }
    const left = JSON.parse(readFileSync(lockFileOf(pgliteDir(dataDir)), 'utf8')) as { pid: number };
    assert.equal(left.pid, server.pid, 'a killed process cannot remove its lock');

    const list = cli(['cycle', 'list', '--json', '--data-dir', dataDir]);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { title: string }[]).map((c) => c.title).filter((t) => t === 'Saved before the kill'),
      ['Saved before the kill'],
    );
    assert.equal(existsSync(lockFileOf(pgliteDir(dataDir))), false, 'the command released the lock it took over');
  });

  it('refuses a lock held on another host, saying how to clear it', async () => {
    const dataDir = dataFolder();
    const file = lockFileOf(pgliteDir(dataDir));
    writeFileSync(file, JSON.stringify({ pid: process.pid, command: 'gcm-review serve', startedAt: '2030-01-02T03:04:05.000Z', host: `not-${hostname()}` }));
    const list = cli(['cycle', 'list', '--data-dir', dataDir]);
    assert.equal(list.code, 1, list.stderr);
    assert.match(list.stderr, new RegExp(`on host not-${hostname()}.*if it does not, delete ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('a PostgreSQL server', () => {
  const url = testEnv.testDatabaseUrl;
  it('is shared by a server and store commands at once', { skip: url ? false : 'TEST_DATABASE_URL is not set' }, async () => {
    const database = await openTestDatabase({ name: 'postgres', url: url! });
    try {
      const databaseUrl = database.databaseUrl!;
      const server = await startServeProcess(['--demo', '--database-url', databaseUrl]);
      try {
        await openCycle(server, await signIn(server), 'Saved while a command runs');
        const list = cli(['cycle', 'list', '--json', '--database-url', databaseUrl]);
        assert.equal(list.code, 0, list.stderr);
        assert.ok((JSON.parse(list.stdout) as { title: string }[]).some((c) => c.title === 'Saved while a command runs'));
      } finally {
        await server.stop();
      }
    } finally {
      await database.close();
    }
  });
});

describe('a fast embedded start', () => {
  it('reopens an existing store without running the migrator or writing the States', async () => {
    const dataDir = dataFolder();
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      assert.deepEqual([db.appliedMigrations, db.seededStates, db.created], [[], false, undefined]);
    } finally {
      await db.close();
    }
    const migrate = cli(['db', 'migrate', '--data-dir', dataDir]);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.match(migrate.stdout, /^Up to date/m);
  });

  it('writes the States again when the stored ones differ from the reference data', async () => {
    const dataDir = dataFolder();
    let db = await openDatabase({ dataDir, databaseUrl: undefined });
    const before = await listStates(db.drizzle);
    await db.drizzle.execute(sql`update organisations set name = 'Renamed by hand' where iso3 = 'XAA'`);
    await db.close();
    db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      assert.equal(db.seededStates, true);
      assert.deepEqual(await listStates(db.drizzle), before);
    } finally {
      await db.close();
    }
  });

  it('makes a new store from the image with the same schema, migrations and States as one made step by step (as a damaged image makes it)', async () => {
    const image = join(work, 'image');
    await createPgliteImage(image);
    assert.ok('tarball' in findImage(image));
    const damaged = join(work, 'damaged-image');
    cpSync(image, damaged, { recursive: true });
    const tarball = readFileSync(join(damaged, 'pgdata.tar.gz'));
    writeFileSync(join(damaged, 'pgdata.tar.gz'), tarball.subarray(0, tarball.length / 2));
    const fromImage = await openPglite(join(work, 'from-image', 'pglite'), { image });
    const stepByStep = await openPglite(join(work, 'step-by-step', 'pglite'), { image: damaged });
    try {
      assert.deepEqual([fromImage.created, fromImage.appliedMigrations, fromImage.seededStates], ['image', [], false]);
      assert.deepEqual([stepByStep.created, stepByStep.appliedMigrations, stepByStep.seededStates], ['step-by-step', knownMigrations().map((m) => m.tag), true]);
      for (const query of [
        sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema in ('public', 'drizzle') order by 1, 2`,
        sql`select conrelid::regclass::text as on, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
        sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`,
        sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at`,
      ]) {
        assert.deepEqual(await queryRows(fromImage.drizzle, query), await queryRows(stepByStep.drizzle, query));
      }
      const states = await listStates(fromImage.drizzle);
      assert.equal(states.length, 205);
      assert.deepEqual(states, await listStates(stepByStep.drizzle));
      // The store made from the image is a store like any other: it keeps what is saved in it.
      await createServices(fromImage).users.create(systemActor, { email: 'kept@example.test', name: 'Kept', password: 'a long password', role: 'secretariat-admin' });
    } finally {
      await fromImage.close();
      await stepByStep.close();
    }
    assert.deepEqual(readdirSync(join(work, 'step-by-step')), ['pglite'], 'no half-unpacked folder is left beside the store, nor a lock once closed');
    const reopened = await openPglite(join(work, 'from-image', 'pglite'), { image });
    try {
      assert.deepEqual([reopened.created, reopened.appliedMigrations, reopened.seededStates], [undefined, [], false]);
      const [kept] = await queryRows<{ n: number }>(reopened.drizzle, sql`select count(*)::int as n from users where email = 'kept@example.test'`);
      assert.equal(kept!.n, 1);
    } finally {
      await reopened.close();
    }
  });

  it('does not use an image made for other migrations', () => {
    const image = join(work, 'stale-image');
    cpSync(join(work, 'image'), image, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(image, 'manifest.json'), 'utf8')) as Record<string, string>;
    writeFileSync(join(image, 'manifest.json'), JSON.stringify({ ...manifest, migrations: 'made-for-other-migrations' }));
    assert.deepEqual(findImage(image), { unusable: 'the image was made for other migrations' });
  });
});
