// Users of a database filled by the release before memberships (test/fixtures/release-v1: the
// demonstration data, dumped by pg_dump) keep what they could do once the current code has run
// its migrations, on PGlite and on PostgreSQL: migration 0002 gives each a membership from their
// role and State. What changes is what the workflow and issue 7 ask: the draft training cycle is
// no longer shown to a State's coordinator.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { testEnv } from '../../src/config.ts';
import { demoAccounts } from '../../src/demo/accounts.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { createServices } from '../../src/services/index.ts';
import { queryRows } from '../../src/store/executor.ts';
import { openPglite, openPostgres, type Database } from '../../src/store/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { backends, type Backend } from '../support/db.ts';

const dump = gunzipSync(readFileSync(new URL('../fixtures/release-v1/database.sql.gz', import.meta.url))).toString('utf8');

/** The release's database restored on `backend`, opened with the current code (which migrates it); `remove` drops it. */
async function restoreAndOpen(backend: Backend): Promise<{ db: Database; remove(): Promise<void> }> {
  if (backend.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'gcm-memberships-'));
    const client = new PGlite(join(dir, 'pglite'));
    await client.exec(dump);
    await client.close();
    return { db: await openPglite(join(dir, 'pglite'), { image: false }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `gcm_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: backend.url });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(backend.url);
  target.pathname = `/${name}`;
  const c = new pg.Client({ connectionString: target.toString() });
  await c.connect();
  await c.query(dump).finally(() => c.end());
  return { db: await openPostgres(target.toString()), remove: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

for (const { backend, unavailable } of await backends()) {
  describe(`memberships for the users of a release-v1 database (${backend.name})`, { skip: unavailable && !testEnv.requireAll ? unavailable : false }, () => {
    let restored: { db: Database; remove(): Promise<void> } | undefined;
    let app: TestApp;
    before(async () => {
      restored = await restoreAndOpen(backend);
      app = await startTestApp(backend, { database: { db: restored.db, services: createServices(restored.db) } });
    });
    after(async () => {
      await app?.close();
      await restored?.db.close();
      await restored?.remove();
    });

    it('gives every user the membership their role and State meant', async () => {
      const rows = await queryRows<{ email: string; role: string; scope: string; state: string | null }>(
        restored!.db.drizzle,
        sql`select u.email, m.role, m.scope, m.state_iso3 as state from memberships m join users u on u.id = m.user_id order by u.email`,
      );
      assert.deepEqual(
        rows.map((r) => [r.email, r.role, r.scope, r.state]),
        [
          ['analyst@demo.gcm-review.org', 'secretariat-analyst', 'secretariat', null],
          ['arvenia@demo.gcm-review.org', 'state-coordinator', 'state', 'XAA'],
          ['belmora@demo.gcm-review.org', 'state-coordinator', 'state', 'XAB'],
          ['secretariat@demo.gcm-review.org', 'secretariat-admin', 'secretariat', null],
        ],
      );
    });

    it("lets each demonstration account do what it did, and hides the draft cycle from States", async () => {
      const cookie = async (email: string) => app.signIn(email, demoAccounts.find((a) => a.email === email)!.password);
      const get = async (path: string, who: string) => {
        const res = await fetch(`${app.url}${path}`, { headers: { cookie: await cookie(who) } });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      const arvenia = 'arvenia@demo.gcm-review.org';
      const cycles = (await get('/api/cycles', arvenia)).body as { id: string; title: string }[];
      assert.deepEqual(cycles.map((c) => c.title), [demoCycleTitles.regional]);
      const regional = cycles[0]!.id;
      const own = await get(`/api/cycles/${regional}/submissions/XAA`, arvenia);
      assert.equal(own.status, 200);
      assert.deepEqual((own.body as { allowedActions: string[] }).allowedActions, ['save', 'submit']);
      assert.equal((await get(`/api/cycles/${regional}/submissions/XAB`, arvenia)).status, 403);

      const secretariat = (await get('/api/cycles', 'secretariat@demo.gcm-review.org')).body as { title: string }[];
      assert.deepEqual(secretariat.map((c) => c.title).sort(), [demoCycleTitles.regional, demoCycleTitles.training].sort());
      const analyst = await get(`/api/cycles/${regional}/submissions/XAB`, 'analyst@demo.gcm-review.org');
      assert.equal(analyst.status, 200);
      assert.deepEqual((analyst.body as { allowedActions: string[] }).allowedActions, []);
    });
  });
}
