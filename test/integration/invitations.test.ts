// Accounts by invitation and password resets over HTTP, on PGlite and on PostgreSQL: the
// secretariat invites a State's coordinator, who sets a password through the e-mailed link (read
// here from the outbox) and is signed in, then invites a contributor; a link works once and until
// it expires; whoever may not give the membership may not invite (403); a reset link sets a new
// password and ends every other session; asking for a reset answers the same for any address.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createServices, systemActor } from '../../src/services/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

await describeEachBackend('HTTP: accounts by invitation, password reset', (t) => {
  let app: TestApp;
  let now = new Date();
  let admin = '';
  let cycleId = '';

  async function call(method: string, path: string, cookie: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, cookie: setCookie.split(';')[0] ?? '' };
  }

  /** The link in the newest message to `to`, from the outbox, as an administrator reads it. */
  async function linkFor(to: string, path: 'invitation' | 'reset-password'): Promise<string> {
    const page = (await call('GET', '/api/outbox?limit=20', admin)).body as { messages: { to: string[]; text: string }[] };
    const message = page.messages.find((m) => m.to.includes(to));
    assert.ok(message, `no message to ${to} in the outbox`);
    const match = new RegExp(`https?://\\S+/${path}/([A-Za-z0-9_-]{43})`).exec(message.text);
    assert.ok(match, `no ${path} link in: ${message.text}`);
    return match[1]!;
  }

  before(async () => {
    // Services of their own, on a clock the test moves to see links expire.
    const services = createServices(t.db, { clock: () => now });
    app = await startTestApp(t.backend, { database: { db: t.db, services }, config: { publicUrl: 'https://review.example.test/' } });
    const a = await addUser(services, 'secretariat-admin', null, 'Ada Admin');
    admin = await app.signIn(a.user.email, a.password);
    cycleId = (
      await services.cycles.create(systemActor, { title: 'Invitations', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'], status: 'open' })
    ).id;
  });
  after(() => app?.close());

  it('lets the secretariat invite a coordinator, who sets a password, is signed in and invites a contributor; the link works once', async () => {
    const email = `coord.${Date.now()}@arvenia.example.test`;
    const sent = await call('POST', '/api/invitations', admin, { email, name: 'Ama Arvenian', organisation: 'Ministry of the Interior', role: 'state-coordinator', scope: 'state', stateIso3: 'xaa' });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.body!.stateIso3, 'XAA');
    assert.equal(sent.body!.organisation, 'Ministry of the Interior');
    const pending = (await call('GET', '/api/invitations?state=XAA', admin)).body as unknown as { email: string }[];
    assert.ok(pending.some((p) => p.email === email));

    const token = await linkFor(email, 'invitation');
    // Only the hash is stored.
    const stored = JSON.stringify(await t.db.drizzle.execute(`select * from account_tokens` as never));
    assert.ok(!stored.includes(token), 'the token itself is in the database');

    const opened = await call('GET', `/api/invitation-links/${token}`, '');
    assert.equal(opened.status, 200, opened.text);
    assert.deepEqual([opened.body!.name, opened.body!.existingAccount], ['Ama Arvenian', false]);

    assert.equal((await call('POST', `/api/invitation-links/${token}`, '', { password: 'short' })).status, 400);
    const accepted = await call('POST', `/api/invitation-links/${token}`, '', { password: 'a long enough password' });
    assert.equal(accepted.status, 200, accepted.text);
    const coordinator = accepted.cookie;
    assert.match(coordinator, /^gcm_session=/);
    const me = (await call('GET', '/api/session', coordinator)).body as { user: { email: string } };
    assert.equal(me.user.email, email);
    // The membership it gave: the State's coordinator sees the submission.
    assert.equal((await call('GET', `/api/cycles/${cycleId}/submissions/XAA`, coordinator)).status, 200);

    const again = await call('POST', `/api/invitation-links/${token}`, '', { password: 'another long password' });
    assert.equal(again.status, 404, again.text);
    assert.equal((await call('GET', `/api/invitation-links/${token}`, '')).status, 404);
    assert.equal((await call('GET', '/api/invitations?state=XAA', admin)).text.includes(email), false);

    // The coordinator invites a contributor to their submission, who accepts.
    const helper = `helper.${Date.now()}@arvenia.example.test`;
    const invited = await call('POST', '/api/invitations', coordinator, { email: helper, name: 'Hal Helper', organisation: 'Statistics Office', role: 'state-contributor', scope: 'submission', cycleId, stateIso3: 'XAA' });
    assert.equal(invited.status, 201, invited.text);
    const joined = await call('POST', `/api/invitation-links/${await linkFor(helper, 'invitation')}`, '', { password: 'helper password 1' });
    assert.equal(joined.status, 200, joined.text);
    assert.equal((await call('GET', `/api/cycles/${cycleId}/submissions/XAA`, joined.cookie)).status, 200);
    // A contributor may not invite, nor may a coordinator invite a coordinator.
    const refused = await call('POST', '/api/invitations', joined.cookie, { email: 'x@example.test', name: 'X', role: 'state-contributor', scope: 'submission', cycleId, stateIso3: 'XAA' });
    assert.equal(refused.status, 403, refused.text);
    assert.equal((await call('POST', '/api/invitations', coordinator, { email: 'y@example.test', name: 'Y', role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' })).status, 403);
    assert.equal((await call('POST', '/api/invitations', '', { email: 'y@example.test', name: 'Y', role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' })).status, 401);

    // Administrators see every user and their roles; a coordinator may not.
    const users = (await call('GET', '/api/users', admin)).body as unknown as { email: string; memberships: { role: string; scope: string; stateIso3?: string }[] }[];
    assert.deepEqual(users.find((u) => u.email === email)?.memberships, [{ role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' }]);
    assert.equal((await call('GET', '/api/users', coordinator)).status, 403);
  });

  it('refuses an expired or withdrawn link, and names each bad field', async () => {
    const bad = await call('POST', '/api/invitations', admin, { email: 'not-an-address', name: '', role: 'state-coordinator', scope: 'state' });
    assert.equal(bad.status, 400);
    assert.deepEqual(((bad.body!.errors as { path: string }[]) ?? []).map((e) => e.path).sort(), ['email', 'name', 'stateIso3']);

    const email = `late.${Date.now()}@example.test`;
    assert.equal((await call('POST', '/api/invitations', admin, { email, name: 'Lee Late', role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' })).status, 201);
    const token = await linkFor(email, 'invitation');
    const saved = now;
    now = new Date(saved.getTime() + 8 * 24 * 60 * 60 * 1000);
    try {
      assert.equal((await call('POST', `/api/invitation-links/${token}`, '', { password: 'a long enough password' })).status, 404);
    } finally {
      now = saved;
    }
    const withdrawn = `gone.${Date.now()}@example.test`;
    const sent = await call('POST', '/api/invitations', admin, { email: withdrawn, name: 'Gus Gone', role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' });
    assert.equal((await call('DELETE', `/api/invitations/${String(sent.body!.id)}`, admin)).status, 200);
    assert.equal((await call('POST', `/api/invitation-links/${await linkFor(withdrawn, 'invitation')}`, '', { password: 'a long enough password' })).status, 404);
  });

  it('accepts an invitation to an address that has an account with that account\'s password, and gives the membership', async () => {
    const person = await addUser(app.services, 'state-contributor', 'XAB', 'Eve Existing');
    const sent = await call('POST', '/api/invitations', admin, { email: person.user.email, name: 'Eve Existing', role: 'state-contributor', scope: 'submission', cycleId, stateIso3: 'XAA' });
    assert.equal(sent.status, 201, sent.text);
    const token = await linkFor(person.user.email, 'invitation');
    assert.equal((await call('GET', `/api/invitation-links/${token}`, '')).body!.existingAccount, true);
    const wrong = await call('POST', `/api/invitation-links/${token}`, '', { password: 'not the password at all' });
    assert.equal(wrong.status, 400, wrong.text);
    const accepted = await call('POST', `/api/invitation-links/${token}`, '', { password: person.password });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal((await call('GET', `/api/cycles/${cycleId}/submissions/XAA`, accepted.cookie)).status, 200);
  });

  it('resets a password by e-mailed link, once, ending every session, and answers the same for an unknown address', async () => {
    const person = await addUser(app.services, 'state-contributor', 'XAA', 'Rita Reset');
    const before = await app.signIn(person.user.email, person.password);
    const known = await call('POST', '/api/password-reset', '', { email: person.user.email.toUpperCase() });
    const unknown = await call('POST', '/api/password-reset', '', { email: 'nobody.here@example.test' });
    assert.deepEqual([known.status, known.text], [unknown.status, unknown.text]);
    assert.equal(known.status, 202);
    const token = await linkFor(person.user.email, 'reset-password');
    assert.equal((await call('POST', `/api/password-reset/${token}`, '', { password: 'short' })).status, 400);
    const reset = await call('POST', `/api/password-reset/${token}`, '', { password: 'a brand new password' });
    assert.equal(reset.status, 200, reset.text);
    assert.equal((await call('GET', '/api/session', before)).body!.user, null, 'the old session still works');
    assert.equal((await call('POST', `/api/password-reset/${token}`, '', { password: 'yet another password' })).status, 404);
    assert.equal((await call('POST', '/api/session', '', { email: person.user.email, password: person.password })).status, 401);
    assert.equal((await call('POST', '/api/session', '', { email: person.user.email, password: 'a brand new password' })).status, 200);
  });
});
