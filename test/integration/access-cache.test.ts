// Sessions and memberships are remembered in memory between requests (src/store/access-cache.ts).
// These tests show that the memory is used, that every change made through the store reaches it at
// once, that on PostgreSQL a change made by another process (the command line) reaches a running
// server through a notification, and that a server whose listening connection is lost reads the
// database again until it listens anew.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { accessCacheOf, accessChanged } from '../../src/store/access-cache.ts';
import { findMemberships } from '../../src/store/memberships.ts';
import { memberships, sessions } from '../../src/store/schema.ts';
import { queryRows } from '../../src/store/executor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fromSources } from '../support/cli-process.ts';
import { addUser, describeEachBackend, type SuiteContext } from '../support/db.ts';

/** Waits until the database's cache is in use (on PostgreSQL, once its listener listens). */
async function cacheInUse(t: SuiteContext): Promise<void> {
  for (let i = 0; i < 200 && !accessCacheOf(t.db.drizzle); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(accessCacheOf(t.db.drizzle), 'the cache is in use');
}

await describeEachBackend('Sessions and memberships in memory', (t) => {
  it('answers from memory, and forgets a user the moment accessChanged names them', async () => {
    const { user } = await addUser(t.services, 'secretariat-analyst');
    const { token } = await t.services.sessions.start(user, { ip: null, userAgent: null });
    await cacheInUse(t);
    assert.equal((await t.services.sessions.resume(token))?.user.id, user.id);
    assert.deepEqual(await findMemberships(t.db.drizzle, user.id), [{ role: 'secretariat-analyst', scope: 'secretariat' }]);

    // Changed behind the store's back (no accessChanged): the memory still answers, which shows it is used.
    await t.db.drizzle.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, user.id));
    await t.db.drizzle.delete(memberships).where(eq(memberships.userId, user.id));
    assert.equal((await t.services.sessions.resume(token))?.user.id, user.id);
    assert.equal((await findMemberships(t.db.drizzle, user.id)).length, 1);

    await accessChanged(t.db.drizzle, [user.id]);
    assert.equal(await t.services.sessions.resume(token), null);
    assert.deepEqual(await findMemberships(t.db.drizzle, user.id), []);
  });

  it('a membership given or taken back through the services applies to the very next look-up', async () => {
    const { user, actor } = await addUser(t.services, 'state-coordinator', 'XAA');
    await cacheInUse(t);
    assert.equal((await t.services.access.abilities(actor)).manageMemberships, true);
    const [own] = await t.services.memberships.list({ kind: 'system' }, { userId: user.id });
    await t.services.memberships.revoke({ kind: 'system' }, own!.id);
    assert.equal((await t.services.access.abilities(actor)).manageMemberships, false);
    await t.services.memberships.grant({ kind: 'system' }, { user: user.email, role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' });
    assert.equal((await t.services.access.abilities(actor)).manageMemberships, true);
  });
});

const exec = promisify(execFile);

await describeEachBackend('Changes made by another process', (t) => {
  if (t.backend.name === 'pglite') {
    it('do not exist on an embedded store (one process holds it)', () => undefined);
    return;
  }
  let app: TestApp;
  before(async () => {
    app = await startTestApp(t.backend, { database: t });
  });
  after(async () => {
    await app?.close();
  });
  const status = async (cookie: string, path = '/api/cycles') => (await fetch(`${app.url}${path}`, { headers: { cookie } })).status;
  /** `gcm-review ...args` in a process of its own on this test's database; the event loop runs meanwhile, so notifications arrive. */
  const cli = (...args: string[]) => exec(process.execPath, fromSources(...args, '--database-url', t.databaseUrl!), { env: { ...process.env, LOG_LEVEL: 'silent' } });

  it('reach a running server at once: sessions ended and a membership taken back from the command line', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const cookie = await app.signIn(user.email, password);
    assert.equal(await status(cookie), 200);
    await cacheInUse(t);
    assert.equal(await status(cookie), 200);
    assert.equal((await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()).abilities.readAll, true);

    await cli('user', 'revoke', user.email, '--role', 'secretariat-analyst', '--organisation', 'secretariat');
    assert.equal((await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()).abilities.readAll, false);

    await cli('user', 'revoke-sessions', '--email', user.email);
    assert.equal(await status(cookie), 401);
  });

  it('are read from the database while the listening connection is lost', async () => {
    const { user } = await addUser(t.services, 'secretariat-analyst');
    const { token } = await t.services.sessions.start(user, { ip: null, userAgent: null });
    await cacheInUse(t);
    assert.ok(await t.services.sessions.resume(token));
    // The server ends the listening connection (a restart, an administrator).
    const ended = await queryRows<{ ended: boolean }>(
      t.db.drizzle,
      sql`select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and query ilike 'LISTEN %'`,
    );
    assert.deepEqual(ended, [{ ended: true }]);
    for (let i = 0; i < 200 && accessCacheOf(t.db.drizzle); i++) await new Promise((r) => setTimeout(r, 10));
    // Revoked without a notification: only the database knows.
    await t.db.drizzle.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, user.id));
    assert.equal(await t.services.sessions.resume(token), null);
  });
});
