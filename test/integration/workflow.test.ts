// The submission workflow over HTTP, on PGlite and on PostgreSQL: every status change goes through
// the domain's state machine, is audited, and is refused with the machine's reason; a draft cycle
// is invisible to States; a closed cycle locks its drafts; memberships scope what a user may do.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

await describeEachBackend('HTTP: the submission workflow, cycle statuses and memberships', (t) => {
  let app: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function call(method: string, path: string, cookie: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async function openCycle(title: string, status: 'draft' | 'open' | 'closed', invitedStates = ['XAA', 'XAB']) {
    const cycle = await t.services.cycles.create(systemActor, { title, templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates, status });
    return cycle.id;
  }

  const submission = (cycle: string, iso3 = 'XAA') => `/api/cycles/${ids[cycle]}/submissions/${iso3}`;

  async function read(cycle: string, who: string, iso3 = 'XAA') {
    const res = await call('GET', submission(cycle, iso3), cookies[who]!);
    assert.equal(res.status, 200, res.text);
    return res.body as { status: string; version: number; allowedActions: string[]; response: Record<string, unknown> };
  }

  async function save(cycle: string, who: string, consent: 'yes' | 'no' = 'no') {
    const current = await read(cycle, 'admin');
    return call('PUT', submission(cycle), cookies[who]!, { response: { ...current.response, consent }, baseVersion: current.version });
  }

  const move = async (cycle: string, who: string, action: string, note?: string) =>
    call('POST', `${submission(cycle)}/transitions`, cookies[who]!, { action, baseVersion: (await read(cycle, 'admin')).version, ...(note ? { note } : {}) });

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      contributor: await addUser(t.services, 'state-contributor', 'XAA'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    ids.open = await openCycle('Workflow: open', 'open');
    ids.draft = await openCycle('Workflow: still a draft', 'draft');
    ids.closed = await openCycle('Workflow: closed', 'closed');
    ids.other = await openCycle('Workflow: another open cycle', 'open');
    ids.people = JSON.stringify(Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.user.id])));
  });
  after(() => app?.close());

  it('takes a submission from draft to publication, each step by whom the workflow names, audited', async () => {
    assert.deepEqual((await read('open', 'arvenia')).allowedActions, ['save']);
    assert.equal((await save('open', 'contributor')).status, 200);
    assert.deepEqual((await read('open', 'arvenia')).allowedActions, ['save', 'submit']);
    assert.deepEqual((await read('open', 'contributor')).allowedActions, ['save']);
    assert.deepEqual((await read('open', 'analyst')).allowedActions, []);

    // A contributor drafts; submitting is the coordinator's.
    const contributorSubmits = await move('open', 'contributor', 'submit');
    assert.equal(contributorSubmits.status, 403);
    assert.match(contributorSubmits.type, /^application\/problem\+json/);
    assert.equal(contributorSubmits.body.detail, 'A state contributor may not submit the answers.');

    const submitted = await move('open', 'arvenia', 'submit');
    assert.equal(submitted.status, 200, submitted.text);
    assert.deepEqual({ from: submitted.body.from, status: submitted.body.status, allowedActions: submitted.body.allowedActions }, { from: 'draft', status: 'submitted', allowedActions: ['withdraw'] });

    // Submitted answers are locked: the refusal is the machine's reason, and nothing is stored.
    const lateSave = await save('open', 'arvenia');
    assert.equal(lateSave.status, 409);
    assert.equal(lateSave.body.detail, 'You cannot save a draft: the submission is submitted.');
    assert.deepEqual((await read('open', 'admin')).allowedActions, ['return', 'accept']);

    // A return says why.
    const silentReturn = await move('open', 'admin', 'return');
    assert.equal(silentReturn.status, 400);
    assert.deepEqual((silentReturn.body.errors as { path: string }[]).map((e) => e.path), ['message']);
    assert.equal((await move('open', 'admin', 'return', 'Please answer question 2b.')).body.status, 'returned');

    // Saving a returned submission keeps it returned until it is submitted again.
    const resaved = await save('open', 'arvenia', 'yes');
    assert.equal(resaved.status, 200, resaved.text);
    assert.equal(resaved.body.status, 'returned');
    assert.equal((await move('open', 'arvenia', 'submit')).body.status, 'submitted');
    assert.equal((await move('open', 'analyst', 'accept')).status, 403);
    assert.equal((await move('open', 'admin', 'accept')).body.status, 'accepted');
    const published = await move('open', 'admin', 'publish');
    assert.equal(published.status, 200, published.text);
    assert.deepEqual(published.body.allowedActions, ['unpublish']);
    assert.equal((await move('open', 'admin', 'unpublish', 'Published by mistake.')).body.status, 'unpublished');

    // A stale version is refused like a stale save.
    const stale = await call('POST', `${submission('open')}/transitions`, cookies.admin!, { action: 'publish', baseVersion: 0 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.currentVersion, 2);

    const events = (await t.services.audit.list(systemActor, { limit: 50 })).filter((e) => e.subject === `submission:${ids.open}/XAA`).map((e) => e.action);
    assert.deepEqual(events.reverse().filter((a) => a !== 'submission.save-draft'), [
      'submission.submit',
      'submission.return',
      'submission.submit',
      'submission.accept',
      'submission.publish',
      'submission.unpublish',
    ]);
    const returned = (await t.services.audit.list(systemActor, { limit: 50 })).find((e) => e.action === 'submission.return');
    assert.deepEqual(returned?.details, { from: 'submitted', to: 'returned', version: 1, message: 'Please answer question 2b.' });
    // The cycle's progress counts the new statuses.
    const cycle = await call('GET', `/api/cycles/${ids.open}`, cookies.admin!);
    assert.deepEqual(cycle.body.progress, { unpublished: 1, 'not-started': 1 });
  });

  it('refuses publication without the State\'s consent, with the reason', async () => {
    assert.equal((await save('other', 'arvenia', 'no')).status, 200);
    await move('other', 'arvenia', 'submit');
    await move('other', 'admin', 'accept');
    assert.deepEqual((await read('other', 'admin')).allowedActions, ['return']);
    const publish = await move('other', 'admin', 'publish');
    assert.equal(publish.status, 409);
    assert.equal(publish.body.detail, 'You cannot publish the report: the State answered No to sharing it.');
  });

  it('hides a draft cycle from States (404 everywhere), while the secretariat sees it', async () => {
    const listed = await call('GET', '/api/cycles', cookies.arvenia!);
    assert.equal(listed.status, 200);
    const titles = (listed.body as unknown as { title: string }[]).map((c) => c.title);
    assert.ok(!titles.includes('Workflow: still a draft'), titles.join(', '));
    assert.ok(titles.includes('Workflow: open'));
    for (const path of [`/api/cycles/${ids.draft}`, `/api/cycles/${ids.draft}/submissions`, submission('draft')]) {
      assert.equal((await call('GET', path, cookies.arvenia!)).status, 404, path);
    }
    const saveIntoDraft = await call('PUT', submission('draft'), cookies.arvenia!, { response: (await read('draft', 'admin')).response, baseVersion: 0 });
    assert.equal(saveIntoDraft.status, 404);
    assert.ok(((await call('GET', '/api/cycles', cookies.admin!)).body as unknown as { title: string }[]).some((c) => c.title === 'Workflow: still a draft'));
    assert.equal((await call('GET', `/api/cycles/${ids.draft}`, cookies.analyst!)).status, 200);
  });

  it('locks the drafts of a closed cycle, saying why, but lets a late State submit', async () => {
    // Drafted by the operator before the cycle closed would be refused too: the machine allows saves in open cycles only.
    const refused = await save('closed', 'arvenia');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.detail, 'You cannot save a draft: the review cycle is closed.');
    assert.deepEqual((await read('closed', 'arvenia')).allowedActions, []);
  });

  it("closes a cycle (its drafts then locked), and takes it back to draft (hidden from States again), audited", async () => {
    ids.closing = await openCycle('Workflow: to close', 'open');
    assert.equal((await save('closing', 'arvenia')).status, 200);
    const status = (who: string, value: string) => call('PUT', `/api/cycles/${ids.closing}/status`, cookies[who]!, { status: value });
    assert.equal((await status('arvenia', 'closed')).status, 403);
    const closed = await status('admin', 'closed');
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.body.status, 'closed');
    const locked = await save('closing', 'arvenia');
    assert.equal(locked.status, 409);
    assert.equal(locked.body.detail, 'You cannot save a draft: the review cycle is closed.');
    assert.deepEqual((await read('closing', 'arvenia')).allowedActions, ['submit']);
    assert.equal((await status('admin', 'draft')).body.status, 'draft');
    assert.equal((await call('GET', submission('closing'), cookies.arvenia!)).status, 404);
    const events = (await t.services.audit.list(systemActor, { limit: 20 })).filter((e) => e.action === 'cycle.status' && e.subject === `cycle:${ids.closing}`);
    assert.deepEqual(events.map((e) => e.details), [{ from: 'closed', to: 'draft' }, { from: 'open', to: 'closed' }]);
  });

  it('scopes a person to the submission, cycle or question their memberships name', async () => {
    const people = JSON.parse(ids.people!) as Record<string, string>;
    // A contributor with no State office, given one submission only.
    const helper = await addUser(t.services, 'state-contributor', 'XAC');
    const { token } = await t.services.sessions.start(helper.user, { ip: null, userAgent: null });
    cookies.helper = `gcm_session=${encodeURIComponent(app.app.signCookie(token))}`;
    const target = await t.services.submissions.get(systemActor, ids.other!, 'XAB');
    assert.equal((await call('GET', submission('other', 'XAB'), cookies.helper)).status, 403);
    await t.services.memberships.grant(systemActor, { user: helper.user.id, role: 'state-contributor', scope: 'submission', cycleId: ids.other!, stateIso3: 'XAB' });
    const mine = await call('GET', submission('other', 'XAB'), cookies.helper);
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.body.allowedActions, ['save']);
    assert.equal(target.status, 'not-started');
    // Only that submission: not the same State's in another cycle, nor the cycle's other States.
    assert.equal((await call('GET', submission('open', 'XAB'), cookies.helper)).status, 403);
    assert.equal((await call('GET', submission('other', 'XAA'), cookies.helper)).status, 403);
    const cycles = (await call('GET', '/api/cycles', cookies.helper)).body as unknown as { id: string; invitedStates: string[] }[];
    assert.deepEqual(cycles.map((c) => [c.id, c.invitedStates]), [[ids.other, ['XAB']]]);
    // A State's office is the secretariat administrators' to staff (test/integration/memberships.test.ts has the rest).
    const arvenia = { kind: 'user', userId: people.arvenia!, email: 'a@x', name: 'A', role: 'state-coordinator', stateIso3: 'XAA' } as const;
    await assert.rejects(t.services.memberships.grant(arvenia, { user: helper.user.id, role: 'state-coordinator', scope: 'state', stateIso3: 'XAA' }), /may not give/);
  });

  it('sends each user their abilities with the session', async () => {
    const admin = await call('GET', '/api/session', cookies.admin!);
    assert.deepEqual(admin.body.abilities, { createCycle: true, addTemplate: true, createUser: true, readAudit: true, readAll: true, importResponses: true, manageMemberships: true, readOutbox: true });
    const analyst = await call('GET', '/api/session', cookies.analyst!);
    assert.deepEqual(analyst.body.abilities, { createCycle: false, addTemplate: false, createUser: false, readAudit: true, readAll: true, importResponses: false, manageMemberships: false, readOutbox: false });
    const coordinator = await call('GET', '/api/session', cookies.arvenia!);
    assert.deepEqual(coordinator.body.abilities, { createCycle: false, addTemplate: false, createUser: false, readAudit: false, readAll: false, importResponses: true, manageMemberships: true, readOutbox: false });
    assert.deepEqual((await call('GET', '/api/session', '')).body, { user: null });
  });
});
