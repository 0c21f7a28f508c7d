// The audit log over HTTP, on PGlite and on PostgreSQL: the secretariat reads every change of a
// cycle, a submission, a membership or a publication (who, when, what), filtered by subject, actor,
// action and dates, a page at a time, and downloads it as CSV; a State's users are refused.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

interface Event {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}
interface Page {
  total: number;
  limit: number;
  offset: number;
  events: Event[];
}

await describeEachBackend('HTTP: the audit log, its filters and its CSV', (t) => {
  let app: TestApp;
  let cycleId = '';
  let adminEmail = '';
  let granteeId = '';
  const cookies: Record<string, string> = {};

  async function get(path: string, who?: string) {
    const res = await fetch(`${app.url}${path}`, { headers: who ? { cookie: cookies[who]! } : {} });
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Decoded as fetch's text() does: without the byte-order mark.
    const text = new TextDecoder().decode(bytes);
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes, text };
  }
  async function page(query: string, who = 'admin'): Promise<Page> {
    const res = await get(`/api/audit?${query}`, who);
    assert.equal(res.status, 200, res.text);
    return JSON.parse(res.text) as Page;
  }
  async function post(path: string, json: unknown) {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie: cookies.admin!, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.text()}`);
  }
  const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const admin = await addUser(t.services, 'secretariat-admin', null, 'Ada Admin');
    const analyst = await addUser(t.services, 'secretariat-analyst');
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAA');
    const grantee = await addUser(t.services, 'state-contributor', 'XAA', 'Gil Grantee');
    adminEmail = admin.user.email;
    granteeId = grantee.user.id;
    cookies.admin = await app.signIn(admin.user.email, admin.password);
    cookies.analyst = await app.signIn(analyst.user.email, analyst.password);
    cookies.coordinator = await app.signIn(coordinator.user.email, coordinator.password);

    // Changes made by the administrator through the API: a cycle, its status, a membership given and taken back, a publication.
    const created = await fetch(`${app.url}/api/cycles`, {
      method: 'POST',
      headers: { cookie: cookies.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Audited review', templateId: 'apac-2020', region: 'escap', deadline: '2031-03-31', returnAddresses: [], invitedStates: ['XAA', 'XAB'], status: 'draft' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    cycleId = ((await created.json()) as { id: string }).id;
    const opened = await fetch(`${app.url}/api/cycles/${cycleId}/status`, {
      method: 'PUT',
      headers: { cookie: cookies.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'open' }),
    });
    assert.ok(opened.ok, await opened.text());
    await post('/api/memberships', { user: grantee.user.email, role: 'state-contributor', scope: 'submission', cycleId, stateIso3: 'XAA' });
    const [membership] = await t.services.memberships.list(systemActor, { userId: grantee.user.id });
    const revoked = await fetch(`${app.url}/api/memberships/${membership!.id}`, { method: 'DELETE', headers: { cookie: cookies.admin } });
    assert.ok(revoked.ok, await revoked.text());
    // The State's submission, by the operator (system), up to publication by the administrator.
    const empty = await t.services.submissions.get(systemActor, cycleId, 'XAA');
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAA', { ...empty.response, consent: 'yes' }, { baseVersion: 0 });
    await t.services.submissions.transition(systemActor, cycleId, 'XAA', { action: 'submit', baseVersion: 1 });
    await post(`/api/cycles/${cycleId}/submissions/XAA/transitions`, { action: 'accept', baseVersion: 1 });
    await post(`/api/cycles/${cycleId}/submissions/XAA/transitions`, { action: 'publish', baseVersion: 1 });
  });
  after(() => app?.close());

  it('is for the secretariat: administrators and analysts read it, a State\'s users get 403, anonymous visitors 401', async () => {
    assert.equal((await get('/api/audit', 'analyst')).status, 200);
    assert.equal((await get('/api/audit.csv', 'analyst')).status, 200);
    for (const path of ['/api/audit', '/api/audit.csv']) {
      assert.equal((await get(path, 'coordinator')).status, 403);
      assert.equal((await get(path)).status, 401);
    }
  });

  it('holds every change of the cycle, its submission, the membership and the publication: who, when, what', async () => {
    const cycle = await page(q({ subject: `cycle:${cycleId}` }));
    assert.deepEqual(cycle.events.map((e) => [e.action, e.actor]).reverse(), [
      ['cycle.create', adminEmail],
      ['cycle.status', adminEmail],
      ['cycle.open', adminEmail],
    ]);
    assert.deepEqual(cycle.events.find((e) => e.action === 'cycle.status')?.details, { from: 'draft', to: 'open' });

    const memberships = await page(q({ subject: `user:${granteeId}`, action: 'membership' }));
    assert.deepEqual(memberships.events.map((e) => e.action), ['membership.revoke', 'membership.grant']);
    assert.equal(memberships.events[1]!.details.scope, 'submission');

    // "submission:<cycle>/*" takes every State's submission to it; without the star, a subject is exact.
    assert.equal((await page(q({ subject: `submission:${cycleId}` }))).total, 0);
    const submissions = await page(q({ subject: `submission:${cycleId}/*` }));
    assert.deepEqual(submissions.events.map((e) => [e.action, e.actor]).reverse(), [
      ['submission.save-draft', 'system'],
      ['submission.submit', 'system'],
      ['submission.accept', adminEmail],
      ['submission.publish', adminEmail],
    ]);
    const published = await page(q({ action: 'publication.publish', subject: `publication:${(await t.services.publications.list())[0]!.id}` }));
    assert.equal(published.total, 1);
    assert.deepEqual(published.events[0]!.details, { submission: `${cycleId}/XAA`, version: 1 });
    for (const e of [...cycle.events, ...submissions.events]) assert.ok(Math.abs(Date.parse(e.at) - Date.now()) < 5 * 60_000, e.at);
  });

  it('filters by actor (part of it, any case), action and dates, together', async () => {
    const byAdmin = await page(q({ actor: adminEmail.toUpperCase().slice(0, 20), subject: `submission:${cycleId}/XAA` }));
    assert.deepEqual(byAdmin.events.map((e) => e.action), ['submission.publish', 'submission.accept']);
    const bySystem = await page(q({ actor: 'system', subject: `submission:${cycleId}/XAA` }));
    assert.deepEqual(bySystem.events.map((e) => e.action), ['submission.submit', 'submission.save-draft']);
    // An exact action, or a kind of action; "submission" does not take "submissions…".
    assert.equal((await page(q({ action: 'submission.accept', subject: `submission:${cycleId}/*` }))).total, 1);
    assert.equal((await page(q({ action: 'submission', subject: `submission:${cycleId}/*` }))).total, 4);
    assert.equal((await page(q({ action: 'submiss', subject: `submission:${cycleId}/*` }))).total, 0);

    const today = new Date().toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const subject = `submission:${cycleId}/*`;
    assert.equal((await page(q({ subject, from: today, to: today }))).total, 4, 'a day given as "to" is included');
    assert.equal((await page(q({ subject, from: day(1) }))).total, 0);
    assert.equal((await page(q({ subject, to: day(-1) }))).total, 0);
    const accept = (await page(q({ subject, action: 'submission.accept' }))).events[0]!;
    assert.deepEqual((await page(q({ subject, from: accept.at }))).events.map((e) => e.action), ['submission.publish', 'submission.accept'], 'from a moment on');

    // Bad filters are named.
    const bad = await get(`/api/audit?${q({ from: '31/12/2026', to: today })}`, 'admin');
    assert.equal(bad.status, 400);
    assert.match(bad.type, /^application\/problem\+json/);
    assert.deepEqual((JSON.parse(bad.text) as { errors: { path: string }[] }).errors.map((e) => e.path), ['from']);
    const backwards = await get(`/api/audit?${q({ from: today, to: day(-2) })}`, 'admin');
    assert.equal(backwards.status, 400);
    assert.match(backwards.text, /to: must not be before `from`/);
    assert.equal((await get('/api/audit?limit=0', 'admin')).status, 400);
  });

  it('pages newest first, each page in its place, with the total', async () => {
    const all = await page(q({ limit: 500 }));
    assert.ok(all.total >= 10, String(all.total));
    const ids = all.events.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    const first = await page(q({ limit: 3, offset: 0 }));
    const second = await page(q({ limit: 3, offset: 3 }));
    assert.deepEqual([first.total, first.limit, second.offset], [all.total, 3, 3]);
    assert.deepEqual([...first.events, ...second.events].map((e) => e.id), all.events.slice(0, 6).map((e) => e.id));
    assert.deepEqual((await page(q({ offset: all.total }))).events, []);
  });

  it('downloads what the filters select as CSV: every event, one a row, details as JSON', async () => {
    const filters = { subject: `submission:${cycleId}/*` };
    const res = await get(`/api/audit.csv?${q(filters)}`, 'admin');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for spreadsheets');
    assert.match(res.type, /^text\/csv; charset=utf-8/);
    assert.match(res.disposition, /^attachment; filename="audit-log\.csv"$/);
    assert.ok(res.text.startsWith('Time,Actor,Action,Subject,Details\r\n'), res.text.slice(0, 80));
    const rows = res.text.trimEnd().split('\r\n').slice(1);
    const listed = await page(q(filters));
    assert.equal(rows.length, listed.total);
    assert.deepEqual(
      rows.map((r) => r.split(',').slice(0, 4)),
      listed.events.map((e) => [e.at, e.actor, e.action, e.subject]),
    );
    // Details are JSON in one quoted cell.
    const publish = rows.find((r) => r.includes(',submission.publish,'))!;
    const cell = /,"(\{.*\})"$/.exec(publish)?.[1];
    assert.ok(cell, publish);
    assert.deepEqual(JSON.parse(cell.replaceAll('""', '"')), { from: 'accepted', to: 'published', version: 1 });
    // A bad filter is refused the same way.
    assert.equal((await get('/api/audit.csv?from=yesterday', 'admin')).status, 400);
  });
});
