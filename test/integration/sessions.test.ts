// Server-side sessions over real HTTP, on PGlite and PostgreSQL: signing out ends the session
// (a replayed cookie gets 401), a password change ends the user's other sessions, "sign out
// everywhere", an administrator's revocation, the idle and absolute timeouts (with a clock the
// test moves), at most one last-seen write a minute, clean-up of ended rows, and the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createServices } from '../../src/services/index.ts';
import { systemActor } from '../../src/services/actors.ts';
import type { SessionInfo } from '../../src/services/types.ts';
import { sessions } from '../../src/store/schema.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

async function call(app: TestApp, method: string, path: string, options: { cookie?: string; json?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${app.url}${path}`, { method, headers, ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined };
}

/** The status of a request that needs a session: 200 while it is open, 401 once it has ended. */
async function cyclesStatus(app: TestApp, cookie: string): Promise<number> {
  return (await call(app, 'GET', '/api/cycles', { cookie })).status;
}

/** What the API answers for a session. */
type SessionBody = SessionInfo;

await describeEachBackend('Sessions over HTTP', (t) => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp(t.backend, { database: t });
  });
  after(async () => {
    await app?.close();
  });

  it('ends the session on sign-out: a copy of the cookie replayed afterwards gets 401', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const cookie = await app.signIn(user.email, password);
    const other = await app.signIn(user.email, password);
    assert.equal(await cyclesStatus(app, cookie), 200);
    const out = await call(app, 'DELETE', '/api/session', { cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /gcm_session=;/);
    // The browser forgot the cookie; someone who copied it replays it.
    assert.equal(await cyclesStatus(app, cookie), 401);
    assert.deepEqual((await call(app, 'GET', '/api/session', { cookie })).body, { user: null });
    // Signing out ends that session only.
    assert.equal(await cyclesStatus(app, other), 200);
    // Signing out again, or with no session, is harmless.
    assert.equal((await call(app, 'DELETE', '/api/session', { cookie })).status, 204);
  });

  it('changes the password: the other sessions end, the current one stays, and only the new password signs in', async () => {
    const { user, password } = await addUser(t.services, 'state-coordinator', 'XAA');
    const here = await app.signIn(user.email, password);
    const laptop = await app.signIn(user.email, password);
    const phone = await app.signIn(user.email, password);
    const newPassword = 'a much better passphrase';

    const wrong = await call(app, 'POST', '/api/account/password', { cookie: here, json: { currentPassword: 'not-it-at-all', newPassword } });
    assert.equal(wrong.status, 400, wrong.text);
    assert.deepEqual((wrong.body as { errors: { path: string }[] }).errors.map((e) => e.path), ['currentPassword']);
    const short = await call(app, 'POST', '/api/account/password', { cookie: here, json: { currentPassword: password, newPassword: 'short' } });
    assert.equal(short.status, 400, short.text);
    assert.deepEqual((short.body as { errors: { path: string }[] }).errors.map((e) => e.path), ['newPassword']);
    assert.equal(await cyclesStatus(app, laptop), 200, 'a refused change ends nothing');

    const changed = await call(app, 'POST', '/api/account/password', { cookie: here, json: { currentPassword: password, newPassword } });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.body, { endedSessions: 2 });
    assert.equal(await cyclesStatus(app, laptop), 401);
    assert.equal(await cyclesStatus(app, phone), 401);
    assert.equal(await cyclesStatus(app, here), 200);
    await assert.rejects(app.signIn(user.email, password), /answered 401/);
    assert.match(await app.signIn(user.email, newPassword), /^gcm_session=/);
    assert.equal((await call(app, 'POST', '/api/account/password', { json: { currentPassword: newPassword, newPassword: 'whatever else 1' } })).status, 401);
  });

  it('signs out everywhere: every session of the user ends, this one included', async () => {
    const { user, password } = await addUser(t.services, 'state-contributor', 'XAB');
    // Signed in through `call`, which names a browser.
    const signedIn = await call(app, 'POST', '/api/session', { json: { email: user.email, password } });
    const a = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const b = await app.signIn(user.email, password);
    const mine = await call(app, 'GET', '/api/sessions', { cookie: a });
    assert.equal(mine.status, 200);
    const list = mine.body as SessionBody[];
    assert.equal(list.length, 2);
    assert.deepEqual(list.map((s) => s.current).sort(), [false, true]);
    const current = list.find((s) => s.current)!;
    assert.equal(current.userAgent, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
    assert.equal(current.ip, '127.0.0.1');
    assert.match(current.id, /^[0-9a-f]{64}$/);
    assert.equal(Date.parse(current.expiresAt) - Date.parse(current.createdAt), 8 * 60 * 60 * 1000);
    assert.ok(!list.some((s) => a.includes(s.id) || b.includes(s.id)), 'the list never holds a token');

    const everywhere = await call(app, 'DELETE', '/api/sessions', { cookie: a });
    assert.equal(everywhere.status, 200, everywhere.text);
    assert.deepEqual(everywhere.body, { endedSessions: 2 });
    assert.match(everywhere.headers.get('set-cookie') ?? '', /gcm_session=;/);
    assert.equal(await cyclesStatus(app, a), 401);
    assert.equal(await cyclesStatus(app, b), 401);
    assert.equal((await call(app, 'DELETE', '/api/sessions')).status, 401);
  });

  it('lets an administrator list and end a user’s sessions, one or all; others get 403, anonymous visitors 401', async () => {
    const admin = await addUser(t.services, 'secretariat-admin');
    const adminCookie = await app.signIn(admin.user.email, admin.password);
    const target = await addUser(t.services, 'state-coordinator', 'XAC');
    const first = await app.signIn(target.user.email, target.password);
    const second = await app.signIn(target.user.email, target.password);
    const analyst = await addUser(t.services, 'secretariat-analyst');
    const analystCookie = await app.signIn(analyst.user.email, analyst.password);
    const path = `/api/users/${target.user.id}/sessions`;

    // Nobody but an administrator (or the user themself) sees or ends them.
    assert.equal((await call(app, 'GET', path, { cookie: analystCookie })).status, 403);
    assert.equal((await call(app, 'DELETE', path, { cookie: analystCookie })).status, 403);
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAC');
    const colleague = await app.signIn(coordinator.user.email, coordinator.password);
    assert.equal((await call(app, 'DELETE', path, { cookie: colleague })).status, 403, 'a colleague of the same State cannot either');
    assert.equal((await call(app, 'GET', path)).status, 401);
    assert.equal((await call(app, 'DELETE', path)).status, 401);
    assert.equal(await cyclesStatus(app, first), 200, 'the refused attempts ended nothing');
    assert.equal((await call(app, 'GET', path, { cookie: first })).status, 200, 'the user may see their own');

    const listed = await call(app, 'GET', path, { cookie: adminCookie });
    assert.equal(listed.status, 200, listed.text);
    const list = listed.body as SessionBody[];
    assert.equal(list.length, 2);
    assert.ok(list.every((s) => !s.current), "none is the administrator's own");

    // One session (say, a lost laptop's): that one ends, the other stays.
    const one = await call(app, 'DELETE', `${path}/${list[0]!.id}`, { cookie: adminCookie });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body, { endedSessions: 1 });
    assert.deepEqual([await cyclesStatus(app, first), await cyclesStatus(app, second)].sort(), [200, 401]);
    assert.deepEqual(((await call(app, 'GET', path, { cookie: adminCookie })).body as SessionBody[]).map((s) => s.id), [list[1]!.id]);
    assert.equal((await call(app, 'DELETE', `${path}/${list[0]!.id}`, { cookie: adminCookie })).status, 404, 'an ended session is not found again');

    // Then every session.
    const again = await app.signIn(target.user.email, target.password);
    const all = await call(app, 'DELETE', path, { cookie: adminCookie });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.body, { endedSessions: 2 });
    for (const cookie of [first, second, again]) assert.equal(await cyclesStatus(app, cookie), 401);
    assert.equal(await cyclesStatus(app, adminCookie), 200, "the administrator's own session stays");
    assert.match(await app.signIn(target.user.email, target.password), /^gcm_session=/, 'the user can sign in again');

    assert.equal((await call(app, 'GET', '/api/users/00000000-0000-4000-8000-000000000000/sessions', { cookie: adminCookie })).status, 404);
    assert.equal((await call(app, 'GET', '/api/users/not-a-uuid/sessions', { cookie: adminCookie })).status, 404);

    const events = await t.services.audit.list(systemActor, { limit: 50 });
    const revocations = events.filter((e) => e.action === 'session.revoke' && e.subject === `user:${target.user.id}`);
    assert.deepEqual(revocations.map((e) => e.details.sessions).sort(), [1, 2]);
    assert.ok(revocations.every((e) => e.actor === admin.user.email));
  });

  it('records sign-in, sign-out and a password change in the audit trail', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const cookie = await app.signIn(user.email, password);
    const other = await app.signIn(user.email, password);
    await call(app, 'POST', '/api/account/password', { cookie, json: { currentPassword: password, newPassword: 'another long password' } });
    await call(app, 'DELETE', '/api/session', { cookie });
    const events = (await t.services.audit.list(systemActor, { limit: 50 })).filter((e) => e.subject === `user:${user.id}`);
    const actions = events.map((e) => e.action).reverse();
    assert.deepEqual(actions, ['user.create', 'user.login', 'user.login', 'user.password-change', 'user.logout']);
    assert.deepEqual(events.find((e) => e.action === 'user.password-change')?.details, { endedSessions: 1 });
    assert.equal(await cyclesStatus(app, other), 401);
  });

  it('documents the session routes in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> };
    for (const [path, method] of [
      ['/api/account/password', 'post'],
      ['/api/sessions', 'get'],
      ['/api/sessions', 'delete'],
      ['/api/users/{id}/sessions', 'get'],
      ['/api/users/{id}/sessions', 'delete'],
      ['/api/users/{id}/sessions/{sessionId}', 'delete'],
      ['/api/demo-accounts', 'get'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      assert.ok(op?.tags?.length && op.summary, `${method.toUpperCase()} ${path} is documented`);
    }
  });
});

await describeEachBackend('Session timeouts (a clock the test moves)', (t) => {
  let app: TestApp;
  let now = Date.UTC(2030, 0, 7, 9, 0, 0);
  const minutes = (n: number) => n * 60_000;
  before(async () => {
    // The same database, with services whose clock this test sets.
    const services = createServices(t.db, { clock: () => new Date(now), sessionIdleMs: minutes(30) });
    app = await startTestApp(t.backend, { database: { db: t.db, services } });
  });
  after(async () => {
    await app?.close();
  });

  const lastSeen = async (userId: string) =>
    (await t.db.drizzle.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.userId, userId))).map((r) => r.at.getTime());

  it('ends a session unused for the idle timeout, and keeps one in use', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const idle = await app.signIn(user.email, password);
    const busy = await app.signIn(user.email, password);
    for (let step = 0; step < 3; step++) {
      now += minutes(20);
      assert.equal(await cyclesStatus(app, busy), 200, `used every 20 minutes (step ${step})`);
    }
    // 60 minutes without a request.
    assert.equal(await cyclesStatus(app, idle), 401);
    assert.equal(await cyclesStatus(app, busy), 200);
    now += minutes(29);
    assert.equal(await cyclesStatus(app, busy), 200, 'idle 29 minutes');
    now += minutes(31);
    assert.equal(await cyclesStatus(app, busy), 401, 'idle 31 minutes');
  });

  it('ends a session 8 hours after sign-in however much it is used', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const cookie = await app.signIn(user.email, password);
    const start = now;
    while (now < start + minutes(8 * 60 - 20)) {
      now += minutes(20);
      assert.equal(await cyclesStatus(app, cookie), 200, `${(now - start) / 60_000} minutes after sign-in`);
    }
    now = start + minutes(8 * 60);
    assert.equal(await cyclesStatus(app, cookie), 401);
  });

  it('writes the time of last use at most once a minute, not on every request', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const signedInAt = now;
    const cookie = await app.signIn(user.email, password);
    assert.deepEqual(await lastSeen(user.id), [signedInAt]);
    for (const seconds of [10, 30, 59]) {
      now = signedInAt + seconds * 1000;
      assert.equal(await cyclesStatus(app, cookie), 200);
    }
    assert.deepEqual(await lastSeen(user.id), [signedInAt], 'no write within the first minute');
    now = signedInAt + 61_000;
    assert.equal(await cyclesStatus(app, cookie), 200);
    assert.deepEqual(await lastSeen(user.id), [signedInAt + 61_000]);
  });

  it('deletes the user’s ended sessions (signed out, idle, past their end) when they sign in again', async () => {
    const { user, password } = await addUser(t.services, 'secretariat-analyst');
    const signedOut = await app.signIn(user.email, password);
    await call(app, 'DELETE', '/api/session', { cookie: signedOut });
    await app.signIn(user.email, password); // left idle
    now += minutes(45);
    const open = await app.signIn(user.email, password);
    assert.equal((await lastSeen(user.id)).length, 1, 'only the new session is left');
    assert.equal(await cyclesStatus(app, open), 200);
  });
});

describe('Session cookies', () => {
  it('are refused when the token inside is not one this server made', async () => {
    const app = await startTestApp({ name: 'pglite' });
    try {
      const { user, password } = await addUser(app.services, 'secretariat-analyst');
      const cookie = await app.signIn(user.email, password);
      assert.match(cookie, /^gcm_session=[A-Za-z0-9_-]{43}\./, 'a 256-bit random token, signed');
      const unsigned = cookie.slice(0, cookie.indexOf('.'));
      assert.equal(await cyclesStatus(app, unsigned), 401, 'the token without its signature');
    } finally {
      await app.close();
    }
  });
});
