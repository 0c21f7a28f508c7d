// Giving and taking back memberships over HTTP, on PGlite and on PostgreSQL: who may give what
// (an administrator anything, a cycle's administrator in that cycle, a State's coordinator
// contributors to their own submission and its questions), what the membership then lets its
// holder do, listing them per user, cycle, State and submission, the refusals (400 naming each
// field, 403 with who may, 404, 409 for the last administrator) and the audit trail.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import type { User } from '../../src/services/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

interface Membership {
  id: string;
  user: { id: string; email: string; name: string };
  role: string;
  scope: string;
  stateIso3: string | null;
  cycleId: string | null;
  questionKey: string | null;
}

await describeEachBackend('HTTP: giving and taking back memberships', (t) => {
  let app: TestApp;
  const cookies: Record<string, string> = {};
  const people: Record<string, User> = {};
  let open = '';
  let other = '';

  async function call(method: string, path: string, who: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: who ? cookies[who]! : '', ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const grant = (who: string, body: Record<string, unknown>) => call('POST', '/api/memberships', who, body);
  const list = async (who: string, query: string) => {
    const res = await call('GET', `/api/memberships?${query}`, who);
    assert.equal(res.status, 200, res.text);
    return res.body as Membership[];
  };
  const describe = (ms: Membership[]) => ms.map((m) => `${m.user.name}: ${m.role} in ${m.scope}${m.stateIso3 ? ` ${m.stateIso3}` : ''}${m.questionKey ? ` ${m.questionKey}` : ''}`);
  const detail = (res: { body: unknown }) => (res.body as { detail: string }).detail;

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const made = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst', null, 'Ana Analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      contributor: await addUser(t.services, 'state-contributor', 'XAA', 'Cyd Contributor'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
      helper: await addUser(t.services, 'state-contributor', 'XAC', 'Hal Helper'),
    };
    for (const [key, p] of Object.entries(made)) {
      people[key] = p.user;
      cookies[key] = await app.signIn(p.user.email, p.password);
    }
    const cycle = (title: string) =>
      t.services.cycles.create(systemActor, { title, templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA', 'XAB'], status: 'open' });
    open = (await cycle('Memberships: open')).id;
    other = (await cycle('Memberships: another')).id;
  });
  after(() => app?.close());

  it("lets a State's coordinator give contributors their own submission or one question of it, and nothing else", async () => {
    const submission = `/api/cycles/${open}/submissions/XAA`;
    assert.equal((await call('GET', submission, 'helper')).status, 403);

    const given = await grant('arvenia', { user: people.helper!.email.toUpperCase(), role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'xaa' });
    assert.equal(given.status, 201, given.text);
    const membership = given.body as Membership;
    assert.deepEqual({ ...membership, id: typeof membership.id, createdAt: undefined }, {
      id: 'string',
      user: { id: people.helper!.id, email: people.helper!.email, name: 'Hal Helper' },
      role: 'state-contributor',
      scope: 'submission',
      stateIso3: 'XAA',
      cycleId: open,
      questionKey: null,
      createdAt: undefined,
    });
    // Giving it again changes nothing and answers the one held.
    const again = await grant('arvenia', { user: people.helper!.id, role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAA' });
    assert.equal(again.status, 200, again.text);
    assert.equal((again.body as Membership).id, membership.id);

    // The helper now reads and may save that submission, and no other.
    const read = await call('GET', submission, 'helper');
    assert.equal(read.status, 200, read.text);
    assert.deepEqual((read.body as { allowedActions: string[] }).allowedActions, ['save']);
    assert.equal((await call('GET', `/api/cycles/${other}/submissions/XAA`, 'helper')).status, 403);

    const question = await grant('arvenia', { user: people.helper!.email, role: 'state-contributor', scope: 'question', cycleId: open, stateIso3: 'XAA', questionKey: '1a' });
    assert.equal(question.status, 201, question.text);

    // Not a coordinator's role, not another State's submission, not a cycle or an office.
    const refusals = [
      { role: 'state-coordinator', scope: 'submission', cycleId: open, stateIso3: 'XAA' },
      { role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAB' },
      { role: 'state-contributor', scope: 'state', stateIso3: 'XAA' },
      { role: 'secretariat-analyst', scope: 'cycle', cycleId: open },
    ];
    for (const body of refusals) {
      const res = await grant('arvenia', { user: people.helper!.email, ...body });
      assert.equal(res.status, 403, `${JSON.stringify(body)}: ${res.text}`);
      assert.match(detail(res), /a State’s coordinator contributors to their own State’s submissions and questions/);
    }
    // A contributor gives nothing; an analyst neither.
    for (const who of ['contributor', 'analyst']) {
      assert.equal((await grant(who, { user: people.helper!.email, role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAA' })).status, 403, who);
    }
    assert.equal((await grant('', { user: people.helper!.email, role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAA' })).status, 401);
  });

  it("lets an administrator of one cycle staff that cycle, and only it", async () => {
    const made = await grant('admin', { user: people.analyst!.email, role: 'secretariat-admin', scope: 'cycle', cycleId: open });
    assert.equal(made.status, 201, made.text);
    const colleague = (await addUser(t.services, 'secretariat-analyst', null, 'Col League')).user;
    assert.equal((await grant('analyst', { user: colleague.email, role: 'secretariat-analyst', scope: 'cycle', cycleId: open })).status, 201);
    assert.equal((await grant('analyst', { user: colleague.email, role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAB' })).status, 201);
    assert.equal((await grant('analyst', { user: colleague.email, role: 'secretariat-analyst', scope: 'cycle', cycleId: other })).status, 403);
    assert.equal((await grant('analyst', { user: colleague.email, role: 'secretariat-admin', scope: 'secretariat' })).status, 403);
    // Administrators give anything, a State's office too.
    assert.equal((await grant('admin', { user: colleague.email, role: 'state-contributor', scope: 'state', stateIso3: 'XAC' })).status, 201);
  });

  it('refuses a membership that does not hold together, naming each field, and one on what does not exist', async () => {
    const bad = await grant('admin', { user: people.helper!.email, role: 'state-coordinator', scope: 'question', cycleId: 'not-an-id', stateIso3: 'XZZ' });
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual(
      (bad.body as { errors: { path: string; message: string }[] }).errors,
      [
        { path: 'role', message: 'a question membership gives one of state-contributor' },
        { path: 'stateIso3', message: '"XZZ" is not the ISO3 code of a known State' },
        { path: 'cycleId', message: `"not-an-id" is not a review cycle's id` },
        { path: 'questionKey', message: 'a question membership needs it' },
      ],
    );
    const extra = await grant('admin', { user: people.helper!.email, role: 'secretariat-analyst', scope: 'secretariat', stateIso3: 'XAA' });
    assert.equal(extra.status, 400);
    assert.deepEqual((extra.body as { errors: unknown[] }).errors, [{ path: 'stateIso3', message: 'a secretariat membership names no stateIso3; leave it out' }]);
    const noQuestion = await grant('admin', { user: people.helper!.email, role: 'state-contributor', scope: 'question', cycleId: open, stateIso3: 'XAA', questionKey: '99z' });
    assert.equal(noQuestion.status, 400, noQuestion.text);
    assert.match(detail(noQuestion), /questionKey: the cycle's questionnaire has no question "99z"/);
    const nobody = await grant('admin', { user: 'nobody@example.test', role: 'state-contributor', scope: 'state', stateIso3: 'XAA' });
    assert.equal(nobody.status, 404);
    assert.equal(detail(nobody), 'The user "nobody@example.test" was not found.');
    const notInvited = await grant('admin', { user: people.helper!.email, role: 'state-contributor', scope: 'submission', cycleId: open, stateIso3: 'XAC' });
    assert.equal(notInvited.status, 404, notInvited.text);
    assert.match(detail(notInvited), /XAC .*not invited/);
    const noCycle = await grant('admin', { user: people.helper!.email, role: 'secretariat-analyst', scope: 'cycle', cycleId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(noCycle.status, 404);
  });

  it('lists memberships per user, cycle, submission and State office, as far as the reader sees', async () => {
    assert.deepEqual(describe(await list('helper', `user=${people.helper!.id}`)), [
      'Hal Helper: state-contributor in state XAC',
      'Hal Helper: state-contributor in submission XAA',
      'Hal Helper: state-contributor in question XAA 1a',
    ]);
    assert.equal((await call('GET', `/api/memberships?user=${people.helper!.id}`, 'arvenia')).status, 403);
    // The whole cycle for the secretariat; the cycle's own and Arvenia's for Arvenia's coordinator.
    const all = describe(await list('admin', `cycle=${open}`));
    assert.deepEqual(all, [
      'Ana Analyst: secretariat-admin in cycle',
      'Col League: secretariat-analyst in cycle',
      'Hal Helper: state-contributor in submission XAA',
      'Col League: state-contributor in submission XAB',
      'Hal Helper: state-contributor in question XAA 1a',
    ]);
    assert.deepEqual(describe(await list('arvenia', `cycle=${open}`)), all.filter((line) => !line.includes('XAB')));
    // One submission: its members and its State's office.
    assert.deepEqual(describe(await list('contributor', `cycle=${open}&state=XAA`)), [
      'Ama Arvenian: state-coordinator in state XAA',
      'Cyd Contributor: state-contributor in state XAA',
      'Hal Helper: state-contributor in submission XAA',
      'Hal Helper: state-contributor in question XAA 1a',
    ]);
    assert.equal((await call('GET', `/api/memberships?cycle=${open}&state=XAA`, 'belmora')).status, 403);
    assert.deepEqual(describe(await list('belmora', 'state=XAB')), ['Bo Belmoran: state-coordinator in state XAB']);
    assert.equal((await call('GET', '/api/memberships?state=XAA', 'belmora')).status, 403);
    const none = await call('GET', '/api/memberships', 'admin');
    assert.equal(none.status, 400);
    assert.match(detail(none), /give a user, a cycle, a state/);
  });

  it('takes a membership back for those who could give it, audited; never the last administrator', async () => {
    const mine = await list('arvenia', `cycle=${open}&state=XAA`);
    const helpers = mine.filter((m) => m.user.id === people.helper!.id);
    assert.equal(helpers.length, 2);
    assert.equal((await call('DELETE', `/api/memberships/${helpers[0]!.id}`, 'contributor')).status, 403);
    assert.equal((await call('DELETE', `/api/memberships/${helpers[0]!.id}`, 'belmora')).status, 403);
    for (const m of helpers) {
      const res = await call('DELETE', `/api/memberships/${m.id}`, 'arvenia');
      assert.equal(res.status, 200, res.text);
      assert.equal((res.body as Membership).id, m.id);
    }
    assert.equal((await call('GET', `/api/cycles/${open}/submissions/XAA`, 'helper')).status, 403);
    assert.equal((await call('DELETE', `/api/memberships/${helpers[0]!.id}`, 'arvenia')).status, 404);
    assert.equal((await call('DELETE', '/api/memberships/not-an-id', 'admin')).status, 404);
    // An office membership is the administrators' to take back.
    const office = (await list('admin', `user=${people.contributor!.id}`))[0]!;
    assert.equal((await call('DELETE', `/api/memberships/${office.id}`, 'arvenia')).status, 403);

    const [adminRole] = await list('admin', `user=${people.admin!.id}`);
    const last = await call('DELETE', `/api/memberships/${adminRole!.id}`, 'admin');
    assert.equal(last.status, 409, last.text);
    assert.match(detail(last), /is the last secretariat administrator/);

    const events = (await t.services.audit.list(systemActor, { limit: 100 })).filter((e) => e.action.startsWith('membership.') && e.subject === `user:${people.helper!.id}`);
    assert.deepEqual(
      events.map((e) => [e.action, e.actor, e.details.scope, e.details.questionKey ?? null]).reverse(),
      [
        ['membership.grant', people.arvenia!.email, 'submission', null],
        ['membership.grant', people.arvenia!.email, 'question', '1a'],
        ['membership.revoke', people.arvenia!.email, 'submission', null],
        ['membership.revoke', people.arvenia!.email, 'question', '1a'],
      ],
    );
  });
});
