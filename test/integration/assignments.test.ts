// Assignments over HTTP, on PGlite and on PostgreSQL: a State's coordinator gives question 1a of
// the submission to a contributor with a due date; the contributor sees it in their own list,
// may save an answer to 1a and is refused a change to 1b with the reason; the progress view counts
// the words written against the form's guidance; the contributor moves the status, not the due
// date; a whole section is assigned at once; another State's coordinator is refused; taking the
// assignment back takes the membership with it.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

type Json = Record<string, unknown>;

/** The response with `text` as the whole answer to question `key`, in whichever shape the server stores responses. */
export function withAnswer(response: Json, key: string, text: string): Json {
  const paragraphs = [{ number: null, text, footnotes: [] }];
  if (Array.isArray(response.answers)) {
    const answers = (response.answers as { question: string }[]).filter((a) => a.question !== key);
    return { ...response, answers: [...answers, { question: key, paragraphs }] };
  }
  return { ...response, answers: { ...(response.answers as Json), [key]: { kind: 'prose', paragraphs } } };
}

await describeEachBackend('HTTP: assignments and progress', (t) => {
  let app: TestApp;
  let cycleId: string;
  const cookies: Record<string, string> = {};
  const people: Record<string, { id: string; email: string; name: string }> = {};

  async function call(method: string, path: string, who: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: cookies[who] ?? '', ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Json & Json[] };
  }

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const made = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      coordinator: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
      cora: await addUser(t.services, 'state-contributor', 'XAC', 'Cora Contributor'),
    };
    // Cora answers for no State's office: only what she is assigned.
    const [office] = await t.services.memberships.list(systemActor, { userId: made.cora.user.id });
    await t.services.memberships.revoke(systemActor, office!.id);
    for (const [key, p] of Object.entries(made)) {
      cookies[key] = await app.signIn(p.user.email, p.password);
      people[key] = { id: p.user.id, email: p.user.email, name: p.user.name };
    }
    cycleId = (
      await t.services.cycles.create(systemActor, {
        title: 'Assignments review',
        templateId: 'apac-2020',
        region: 'escap',
        deadline: '2030-06-30',
        returnAddresses: [],
        invitedStates: ['XAA', 'XAB'],
        status: 'open',
      })
    ).id;
  });
  after(() => app?.close());

  const base = () => `/api/cycles/${cycleId}/submissions/XAA`;

  async function save(who: string, change: (r: Json) => Json) {
    const current = (await call('GET', base(), who)).body as Json;
    return call('PUT', base(), who, { response: change(current.response as Json), baseVersion: current.version });
  }

  it('gives 1a to a contributor, who may answer 1a and is refused 1b with the reason', async () => {
    // Before the assignment the submission is none of Cora's.
    assert.equal((await call('GET', base(), 'cora')).status, 403);

    const given = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.email], itemKey: '1a', dueDate: '2030-05-01' });
    assert.equal(given.status, 201, given.text);
    const [assignment] = given.body as unknown as { id: string; itemKey: string; question: string; status: string; dueDate: string; user: { email: string }; assignedBy: string }[];
    assert.deepEqual(
      { itemKey: assignment!.itemKey, question: assignment!.question, status: assignment!.status, dueDate: assignment!.dueDate, user: assignment!.user.email, by: assignment!.assignedBy },
      { itemKey: '1a', question: '1a', status: 'not-started', dueDate: '2030-05-01', user: people.cora!.email, by: 'Ama Arvenian' },
    );
    // The assignment is her membership of the question: one source of truth for what she may edit.
    const members = (await call('GET', `/api/memberships?cycle=${cycleId}&state=XAA`, 'coordinator')).body as unknown as { id: string; scope: string; questionKey: string | null; user: { email: string } }[];
    assert.deepEqual(
      members.filter((m) => m.user.email === people.cora!.email).map((m) => [m.id, m.scope, m.questionKey]),
      [[assignment!.id, 'question', '1a']],
    );

    // She sees it in her own list first thing, with the words against the guidance.
    const mine = (await call('GET', '/api/assignments', 'cora')).body as unknown as { itemKey: string; cycle: { id: string }; state: { iso3: string }; words: number; wordGuidance: number; dueDate: string }[];
    assert.deepEqual(
      mine.map((m) => [m.cycle.id, m.state.iso3, m.itemKey, m.dueDate, m.words, m.wordGuidance]),
      [[cycleId, 'XAA', '1a', '2030-05-01', 0, 500]],
    );

    const answered = await save('cora', (r) => withAnswer(r, '1a', 'Our national plan covers data on migrants since 2019.'));
    assert.equal(answered.status, 200, answered.text);
    const refused = await save('cora', (r) => withAnswer(withAnswer(r, '1a', 'Our national plan covers data on migrants since 2019, revised.'), '1b', 'Not mine to write.'));
    assert.equal(refused.status, 403, refused.text);
    assert.equal(
      refused.body.detail,
      "You may change only the question assigned to you (1a), and this save also changes 1b. Nothing was saved: ask your State's coordinator to assign it to you.",
    );
    assert.equal(((await call('GET', base(), 'cora')).body as Json).version, 1);
    // The coordinator changes any question.
    assert.equal((await save('coordinator', (r) => withAnswer(r, '1b', 'The coordinator writes 1b.'))).status, 200);
    // Cora's next save, on top of that version, changes 1a only: accepted.
    assert.equal((await save('cora', (r) => withAnswer(r, '1a', 'Our national plan covers data on migrants since 2019, and more.'))).status, 200);
  });

  it('counts the words of each question against the guidance, and says what the reader may change', async () => {
    const progress = (await call('GET', `${base()}/assignments`, 'coordinator')).body as Json;
    const questions = progress.questions as { key: string; question: string; words: number; wordGuidance: number | null; assignments: { user: { name: string }; status: string }[] }[];
    assert.deepEqual(questions.slice(0, 2).map((q) => [q.key, q.words, q.wordGuidance, q.assignments.map((a) => `${a.user.name}: ${a.status}`)]), [
      ['1a', 11, 500, ['Cora Contributor: not-started']],
      ['1b', 4, 500, []],
    ]);
    assert.equal(questions.length, 21);
    assert.equal(questions.at(-1)!.question, 'question 10');
    assert.equal(progress.canManage, true);
    assert.equal(progress.editable, 'all');
    const hers = (await call('GET', `${base()}/assignments`, 'cora')).body as Json;
    assert.equal(hers.canManage, false);
    assert.deepEqual(hers.editable, ['1a']);
    // The analyst's view of the secretariat reads it too.
    assert.equal((await call('GET', `${base()}/assignments`, 'admin')).status, 200);
  });

  it('lets the contributor move the status, and only whoever assigns set the due date', async () => {
    const [assignment] = ((await call('GET', `${base()}/assignments`, 'cora')).body.questions as { assignments: { id: string }[] }[])[0]!.assignments;
    const path = `${base()}/assignments/${assignment!.id}`;
    const moved = await call('PATCH', path, 'cora', { status: 'drafting' });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.status, 'drafting');
    const due = await call('PATCH', path, 'cora', { dueDate: '2031-01-01' });
    assert.equal(due.status, 403);
    assert.match(String(due.body.detail), /sets its due date/);
    const bad = await call('PATCH', path, 'cora', { status: 'finished' });
    assert.equal(bad.status, 400);
    assert.deepEqual((bad.body.errors as { path: string }[]).map((e) => e.path), ['status']);
    const later = await call('PATCH', path, 'coordinator', { dueDate: '2030-05-20', status: 'ready-for-review' });
    assert.deepEqual([later.body.dueDate, later.body.status], ['2030-05-20', 'ready-for-review']);
    const cleared = await call('PATCH', path, 'coordinator', { dueDate: null });
    assert.equal(cleared.body.dueDate, null);
    assert.equal(cleared.body.status, 'ready-for-review');
  });

  it('assigns every question of a section at once, and says what is wrong with a bad request', async () => {
    const section = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.id], section: '2', dueDate: '2030-04-30' });
    assert.equal(section.status, 201, section.text);
    assert.deepEqual((section.body as unknown as { itemKey: string }[]).map((a) => a.itemKey), ['2a', '2b', '2c', '2d']);
    const hers = (await call('GET', `${base()}/assignments`, 'cora')).body as Json;
    assert.deepEqual(hers.editable, ['1a', '2a', '2b', '2c', '2d']);

    const both = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.email], itemKey: '1a', section: '2' });
    assert.equal(both.status, 400);
    assert.deepEqual((both.body.errors as { path: string }[]).map((e) => e.path), ['section']);
    const unknown = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.email], itemKey: '9z', dueDate: '2030-02-30' });
    assert.equal(unknown.status, 400);
    assert.deepEqual((unknown.body.errors as { path: string }[]).map((e) => e.path), ['dueDate']);
    const noQuestion = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.email], itemKey: '9z' });
    assert.match(String(noQuestion.body.detail), /has no written question "9z"/);
    const noSection = await call('POST', `${base()}/assignments`, 'coordinator', { users: [people.cora!.email], section: '7' });
    assert.match(String(noSection.body.detail), /no section "7" with written questions \(it has 1, 2, 3, 4, open-questions\)/);
    const nobody = await call('POST', `${base()}/assignments`, 'coordinator', { users: ['nobody@example.test'], itemKey: '1c' });
    assert.equal(nobody.status, 404);
  });

  it("refuses another State's coordinator, the contributor and the analyst of the secretariat", async () => {
    const body = { users: [people.cora!.email], itemKey: '1c' };
    const other = await call('POST', `${base()}/assignments`, 'belmora', body);
    assert.equal(other.status, 403);
    assert.equal((await call('GET', `${base()}/assignments`, 'belmora')).status, 403);
    assert.equal((await call('POST', `${base()}/assignments`, 'cora', body)).status, 403);
    // Belmora's coordinator assigns in Belmora's submission, not in Arvenia's.
    assert.equal((await call('POST', `/api/cycles/${cycleId}/submissions/XAB/assignments`, 'belmora', body)).status, 201);
    assert.equal((await call('GET', '/api/assignments', 'anonymous')).status, 401);
  });

  it('takes an assignment back with its membership, audited', async () => {
    const progress = (await call('GET', `${base()}/assignments`, 'coordinator')).body.questions as { key: string; assignments: { id: string }[] }[];
    for (const q of progress) for (const a of q.assignments) assert.equal((await call('DELETE', `${base()}/assignments/${a.id}`, 'coordinator')).status, 200);
    assert.equal((await call('GET', base(), 'cora')).status, 403);
    const mine = (await call('GET', '/api/assignments', 'cora')).body as unknown as { state: { iso3: string } }[];
    assert.deepEqual(mine.map((m) => m.state.iso3), ['XAB']);
    const events = (await t.services.audit.list(systemActor, { limit: 200 })) as unknown as { events?: { action: string; subject: string }[] } | { action: string; subject: string }[];
    const list = Array.isArray(events) ? events : (events.events ?? []);
    const actions = list.filter((e) => e.subject === `submission:${cycleId}/XAA`).map((e) => e.action);
    for (const action of ['assignment.add', 'assignment.update', 'assignment.remove']) assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
  });
});
