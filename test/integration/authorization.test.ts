// Every route of the API against every role, generated from the OpenAPI document: each operation
// declares once who may call it (`x-access`, from `access(...)` in its route's schema), and this
// test calls it as an anonymous visitor, a secretariat administrator and analyst, the coordinator
// of the State concerned and of another State, and a contributor of the State concerned, expecting
// the declared outcome. A route added without a declaration, or with a rule this test does not
// know, fails here.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { renderMessage } from '../../src/domain/mail.ts';
import { transitions } from '../../src/domain/workflow.ts';
import { accessRules, type AccessDeclaration, type AccessRule } from '../../src/http/openapi.ts';
import { systemActor } from '../../src/services/actors.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import type { User } from '../../src/services/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const people = ['anonymous', 'secretariat-admin', 'secretariat-analyst', 'coordinator', 'other-coordinator', 'contributor'] as const;
type Person = (typeof people)[number];

/** The part each person plays for the submission concerned, as the workflow names it. */
const workflowRoleOf = { 'secretariat-admin': 'secretariat-admin', 'secretariat-analyst': 'secretariat-analyst', coordinator: 'state-coordinator', contributor: 'state-contributor' } as const;

/** The transition this test asks of the workflow route (from a draft). */
const sampleAction = 'submit' as const;

/**
 * What each rule means for each person, against the fixtures below: the coordinator and the
 * contributor answer for XAA, whose submission is the one concerned; the other coordinator answers
 * for XAB, which the cycle does not invite. 'ok' is a 2xx answer; a number is the refusal expected.
 */
const outcomes: Record<AccessRule, Record<Person, 'ok' | 401 | 403 | 404>> = {
  public: { anonymous: 'ok', 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 'ok', 'other-coordinator': 'ok', contributor: 'ok' },
  'signed-in': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 'ok', 'other-coordinator': 'ok', contributor: 'ok' },
  // The user concerned is the coordinator.
  'self-or-admin': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 'ok', 'other-coordinator': 403, contributor: 403 },
  'secretariat-admin': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 403, 'other-coordinator': 403, contributor: 403 },
  secretariat: { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 403, 'other-coordinator': 403, contributor: 403 },
  'cycle-reader': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 'ok', 'other-coordinator': 403, contributor: 'ok' },
  'submission-reader': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 'ok', 'other-coordinator': 403, contributor: 'ok' },
  // Asked with ?cycle=…&state=XAA: one submission's memberships, for its readers.
  'membership-reader': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 'ok', coordinator: 'ok', 'other-coordinator': 403, contributor: 'ok' },
  // Giving (or taking back) a contributor's membership of the submission concerned: its coordinator may, its contributor may not.
  'membership-manager': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 'ok', 'other-coordinator': 403, contributor: 403 },
  'submission-writer': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 'ok', 'other-coordinator': 403, contributor: 'ok' },
  // Assigning a question of the submission concerned to the grantee, changing its due date, taking it back: its coordinator may, its contributor (not the assignee) may not.
  assignment: { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 'ok', 'other-coordinator': 403, contributor: 403 },
  'query-writer': { anonymous: 401, 'secretariat-admin': 'ok', 'secretariat-analyst': 403, coordinator: 'ok', 'other-coordinator': 403, contributor: 'ok' },
  // Generated from the workflow itself: who may take the sample action.
  workflow: Object.fromEntries(
    people.map((p) => [
      p,
      p === 'anonymous' ? 401 : p === 'other-coordinator' ? 403 : (transitions[sampleAction].by as readonly string[]).includes(workflowRoleOf[p]) ? 'ok' : 403,
    ]),
  ) as Record<Person, 'ok' | 403 | 401>,
};

interface Operation {
  method: string;
  path: string;
  access: AccessDeclaration | undefined;
  hasBody: boolean;
}

await describeEachBackend('authorization: every route against every role, from the OpenAPI document', (t) => {
  let app: TestApp;
  let cycleId: string;
  const users = {} as Record<Exclude<Person, 'anonymous'>, { user: User; password: string }>;
  /** Whom the membership routes give a role to (and take it back from): no one whose outcomes the matrix checks. */
  let grantee: User;
  let operations: Operation[] = [];
  let importText = '';
  let templateCount = 0;
  /** A message in the outbox, for GET /api/outbox/{id}. */
  let outboxId = '';
  /** A published report (XAC's, with its consent), for GET /api/publications/{id}. */
  let publicationId = '';
  const template = builtinTemplate('apac-2020')!;

  before(async () => {
    // A demonstration server, so that GET /api/demo-accounts answers too.
    app = await startTestApp(t.backend, { database: t, demo: true });
    users['secretariat-admin'] = await addUser(t.services, 'secretariat-admin');
    users['secretariat-analyst'] = await addUser(t.services, 'secretariat-analyst');
    users.coordinator = await addUser(t.services, 'state-coordinator', 'XAA');
    users['other-coordinator'] = await addUser(t.services, 'state-coordinator', 'XAB');
    users.contributor = await addUser(t.services, 'state-contributor', 'XAA');
    grantee = (await addUser(t.services, 'state-contributor', 'XAC')).user;
    outboxId = (await t.services.mail.send(renderMessage({ kind: 'test', to: 'someone@example.test', values: { recipient: 'someone@example.test' } }))).id;
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Authorization matrix',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAC'],
      status: 'open',
    });
    cycleId = cycle.id;
    const empty = await t.services.submissions.get(systemActor, cycleId, 'XAA');
    const response = { ...empty.response, answers: [{ question: fixedSlots(empty.response).answers[0]?.question ?? '1a', paragraphs: [{ number: 1, text: 'Our answer.', footnotes: [] }] }] };
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAA', response, { baseVersion: 0 });
    // A filled-in form to upload: the submission written as text, as a State would download it.
    const res = await fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA/export?format=txt`, { headers: { cookie: await cookieFor('secretariat-admin') } });
    assert.equal(res.status, 200);
    importText = await res.text();
    const other = await t.services.submissions.get(systemActor, cycleId, 'XAC');
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAC', { ...other.response, consent: 'yes', answers: response.answers }, { baseVersion: 0 });
    for (const action of ['submit', 'accept', 'publish'] as const) await t.services.submissions.transition(systemActor, cycleId, 'XAC', { action, baseVersion: 1 });
    publicationId = (await t.services.publications.list())[0]!.id;

    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-access'?: AccessDeclaration; requestBody?: unknown }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, access: op['x-access'], hasBody: op.requestBody !== undefined })),
    );
  });
  after(() => app?.close());

  /** A new session of the person, as its cookie: each request gets its own, so signing out in one ends nothing else. */
  async function cookieFor(person: Person): Promise<string> {
    if (person === 'anonymous') return '';
    const { token } = await t.services.sessions.start(users[person].user, { ip: null, userAgent: null });
    return `gcm_session=${encodeURIComponent(app.app.signCookie(token))}`;
  }

  /** The submission concerned, back in draft (a sample submit may have moved it), and its version. */
  async function draftVersion(): Promise<number> {
    const now = await t.services.submissions.get(systemActor, cycleId, 'XAA');
    if (now.status === 'submitted') await t.services.submissions.transition(systemActor, cycleId, 'XAA', { action: 'withdraw', baseVersion: now.version });
    return now.version;
  }

  /** The request for an operation, as `person`: its path filled in, and a body that should succeed when the person may call it. */
  async function requestFor(op: Operation, person: Person): Promise<{ url: string; init: RequestInit }> {
    const concerned = users.coordinator;
    let sessionId = '';
    if (op.path.includes('{sessionId}')) sessionId = (await t.services.sessions.start(concerned.user, { ip: null, userAgent: null })).sessionId;
    // A membership to take back (the one an earlier refusal left, or a new one).
    const membershipId = op.path.startsWith('/api/memberships/') ? (await t.services.memberships.grant(systemActor, sampleGrant())).membership.id : '';
    // Only a draft is opened: a new one each time.
    const draftId = op.path === '/api/cycles/{id}/open' ? (await t.services.cycles.create(systemActor, { title: 'A draft to open', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'], status: 'draft' })).id : '';
    // A pending invitation to withdraw, and fresh one-time links (each works once).
    const invitationId = op.path.startsWith('/api/invitations/') ? (await t.services.invitations.invite(systemActor, sampleInvitation(), links)).id : '';
    // An assignment to change or take back (the grantee's question 1b).
    const assignmentId = op.path.includes('{assignmentId}') ? (await t.services.assignments.assign(systemActor, cycleId, 'XAA', { users: [grantee.email], itemKey: '1b' }))[0]!.id : '';
    const token = op.path.startsWith('/api/invitation-links/') ? await newLink('invitation') : op.path.startsWith('/api/password-reset/') ? await newLink('reset') : '';
    // A reminder rule of its own to change or remove (an administrator's removes it).
    const ruleId = op.path.includes('{ruleId}') ? (await t.services.reminders.add(systemActor, cycleId, { offsetDays: nextReminderDay() })).id : '';
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const values: Record<string, string> = {
        id: op.path.startsWith('/api/users/') ? concerned.user.id : op.path.startsWith('/api/templates/') ? 'apac-2020' : op.path.startsWith('/api/memberships/') ? membershipId : op.path.startsWith('/api/invitations/') ? invitationId : op.path.startsWith('/api/outbox/') ? outboxId : op.path.startsWith('/api/publications/') ? publicationId : draftId || cycleId,
        iso3: 'XAA',
        version: '1',
        sessionId,
        token,
        objective: '23',
        assignmentId,
        ruleId,
      };
      const value = values[name];
      if (value === undefined) assert.fail(`${op.method} ${op.path}: the test has no value for the path parameter {${name}}`);
      return value;
    });
    const query = path.endsWith('/export') || path === '/api/exports' ? '?format=txt' : path === '/api/memberships' ? `?cycle=${cycleId}&state=XAA` : '';
    const versionsQuery = path.endsWith('/diff') ? '?from=1&to=1' : '';
    const headers: Record<string, string> = {};
    const cookie = await cookieFor(person);
    if (cookie) headers.cookie = cookie;
    const init: RequestInit = { method: op.method, headers };
    const body = await sampleBody(op, person);
    if (body !== undefined) {
      if (body instanceof FormData) init.body = body;
      else {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    return { url: `${app.url}${path}${query}${versionsQuery}`, init };
  }

  /** A contributor's membership of the submission concerned, for the grantee. */
  function sampleGrant() {
    return { user: grantee.email, role: 'state-contributor' as const, scope: 'submission' as const, cycleId, stateIso3: 'XAA' };
  }

  const links = { baseUrl: 'https://review.example.test', invitationDays: 7 };

  /** A day (from the deadline) no reminder rule of the cycle has yet: one rule per day. */
  let reminderDay = -300;
  const nextReminderDay = () => ++reminderDay;

  /** An invitation a coordinator may give: a contributor to the submission concerned. */
  function sampleInvitation() {
    return { email: `invited.${Math.random().toString(36).slice(2)}@example.test`, name: 'Ines Invited', role: 'state-contributor', scope: 'submission', cycleId, stateIso3: 'XAA' };
  }

  /** A new one-time link's token, read from the message that carried it. */
  async function newLink(kind: 'invitation' | 'reset'): Promise<string> {
    if (kind === 'invitation') await t.services.invitations.invite(systemActor, sampleInvitation(), links);
    else await t.services.invitations.requestPasswordReset(grantee.email, links);
    const [message] = (await t.services.mail.list(systemActor, { limit: 1 })).messages;
    const token = /\/(?:invitation|reset-password)\/([A-Za-z0-9_-]{43})/.exec(message?.text ?? '')?.[1];
    assert.ok(token, `no link in the newest message: ${message?.text}`);
    return token;
  }

  async function sampleBody(op: Operation, person: Person): Promise<unknown> {
    const key = `${op.method} ${op.path}`;
    const current = () => t.services.submissions.get(systemActor, cycleId, 'XAA');
    switch (key) {
      case 'POST /api/session': {
        const self = person === 'anonymous' ? users.coordinator : users[person];
        return { email: self.user.email, password: self.password };
      }
      case 'POST /api/account/password': {
        if (person === 'anonymous') return { currentPassword: 'x', newPassword: 'y'.repeat(12) };
        const next = `changed-${Math.random().toString(36).slice(2)}-pw`;
        const body = { currentPassword: users[person].password, newPassword: next };
        users[person].password = next;
        return body;
      }
      case 'POST /api/cycles':
        return { title: `Opened by ${person}`, templateId: 'apac-2020', region: 'escap', deadline: '2031-01-31', returnAddresses: [], invitedStates: ['XAA'] };
      // Open already: the answer is the cycle as it is.
      case 'PUT /api/cycles/{id}/status':
        return { status: 'open' };
      // The deadline it has: an open cycle's edit that changes nothing.
      case 'PATCH /api/cycles/{id}':
        return { deadline: '2030-06-30' };
      case 'POST /api/cycles/{id}/open':
        return { coordinators: [] };
      case 'POST /api/templates':
        return { ...template, id: `custom-${++templateCount}`, builtIn: undefined };
      case 'POST /api/memberships':
        return sampleGrant();
      case 'POST /api/cycles/{id}/reminders':
        return { states: ['XAA'] };
      case 'PUT /api/analysis/vocabulary/{objective}':
        return { terms: ['international cooperation', 'global partnership*', '~cooperation'] };
      case 'POST /api/outbox/retry':
        return {};
      case 'POST /api/cycles/{id}/reminder-rules':
        return { offsetDays: nextReminderDay() };
      case 'PATCH /api/cycles/{id}/reminder-rules/{ruleId}':
        return { subject: 'A week left for {stateName}' };
      case 'POST /api/invitations':
        return sampleInvitation();
      case 'POST /api/invitation-links/{token}':
        return { password: 'a long enough password' };
      case 'POST /api/password-reset':
        return { email: 'someone@example.test' };
      case 'POST /api/password-reset/{token}':
        return { password: 'a long enough password' };
      case 'POST /api/exports':
        return { templateId: 'apac-2020', response: (await current()).response };
      // Multipart (documented by `consumes`, not by a body schema).
      case 'POST /api/imports': {
        const form = new FormData();
        form.append('file', new Blob([importText], { type: 'text/plain' }), 'XAA.txt');
        return form;
      }
      case 'PUT /api/cycles/{id}/submissions/{iso3}': {
        const baseVersion = await draftVersion();
        return { response: (await current()).response, baseVersion };
      }
      case 'POST /api/cycles/{id}/submissions/{iso3}/imports': {
        const baseVersion = await draftVersion();
        return { response: (await current()).response, baseVersion, fileName: 'XAA.txt' };
      }
      case 'POST /api/cycles/{id}/submissions/{iso3}/versions/{version}/restore':
        return { baseVersion: await draftVersion() };
      case 'POST /api/cycles/{id}/submissions/{iso3}/assignments':
        return { users: [grantee.email], itemKey: '1a', dueDate: '2030-05-01' };
      case 'PATCH /api/cycles/{id}/submissions/{iso3}/assignments/{assignmentId}':
        return { dueDate: '2030-05-15' };
      case 'POST /api/cycles/{id}/submissions/{iso3}/messages':
        return { body: `A question from ${person}.` };
      case 'POST /api/cycles/{id}/submissions/{iso3}/transitions':
        return { action: sampleAction, baseVersion: await draftVersion() };
      default:
        if (op.hasBody) assert.fail(`${key} takes a body: add a sample request for it to test/integration/authorization.test.ts`);
        return undefined;
    }
  }

  it('finds the API in the OpenAPI document, and a declared, known access rule on every operation', () => {
    assert.ok(operations.length >= 20, `only ${operations.length} operations in the document`);
    const undeclared = operations.filter((op) => op.access === undefined).map((op) => `${op.method} ${op.path}`);
    assert.deepEqual(undeclared, [], 'operations without x-access (declare it with access(...) in the route schema)');
    for (const op of operations) {
      assert.ok(op.access!.rule in accessRules && op.access!.rule in outcomes, `${op.method} ${op.path}: unknown access rule "${op.access!.rule}"`);
      assert.equal(op.access!.who, accessRules[op.access!.rule], `${op.method} ${op.path}: x-access.who documents the rule`);
    }
  });

  it('gives every role the outcome each operation declares', async () => {
    const failures: string[] = [];
    // Sign-outs last: DELETE /api/session and /api/sessions end the session they came through (each has its own here).
    const ordered = [...operations].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    let checked = 0;
    for (const op of ordered) {
      const rule = op.access?.rule;
      if (!rule || !(rule in outcomes)) continue;
      for (const person of people) {
        const expected = outcomes[rule][person];
        const { url, init } = await requestFor(op, person);
        const res = await fetch(url, init);
        const text = await res.text();
        const ok = expected === 'ok' ? res.status >= 200 && res.status < 300 : res.status === expected;
        checked++;
        if (!ok) failures.push(`${op.method} ${op.path} as ${person} (${rule}): expected ${expected}, got ${res.status} ${text.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(checked, operations.length * people.length);
  });
});
