// Publication over HTTP, on PGlite and on PostgreSQL: publishing is refused without the State's
// consent (No, or not answered), each with its reason, and allowed with Yes; it freezes a public
// snapshot (answers, questionnaire, State, cycle, who) that later changes do not reach; unpublishing
// needs a reason, keeps the row and hides the report; drafts and unpublished reports never appear
// to the public; every step is audited.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../src/services/actors.ts';
import { queryRows } from '../../src/store/executor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

type Json = Record<string, unknown>;

await describeEachBackend('HTTP: publication of a report, and the public snapshots', (t) => {
  let app: TestApp;
  let cycleId = '';
  const cookies: Record<string, string> = {};

  async function call(method: string, path: string, cookie = '', json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Json };
  }

  const submission = (iso3: string) => `/api/cycles/${cycleId}/submissions/${iso3}`;
  const version = async (iso3: string) => (await t.services.submissions.get(systemActor, cycleId, iso3)).version;
  const move = async (iso3: string, action: string, message?: string) =>
    call('POST', `${submission(iso3)}/transitions`, cookies.admin, { action, baseVersion: await version(iso3), ...(message ? { message } : {}) });

  /** Saves the State's answers (question 1a's text and the consent), as its coordinator, over HTTP. */
  async function save(iso3: string, text: string, consent: 'yes' | 'no' | 'unanswered') {
    const current = await call('GET', submission(iso3), cookies.admin);
    const response = { ...(current.body.response as Json), consent, answers: [{ question: '1a', paragraphs: [{ number: 1, text, footnotes: [] }] }] };
    const saved = await call('PUT', submission(iso3), cookies[iso3], { response, baseVersion: current.body.version });
    assert.equal(saved.status, 200, saved.text);
  }

  /** Saved, submitted by the coordinator and accepted by the secretariat. */
  async function acceptWith(iso3: string, text: string, consent: 'yes' | 'no' | 'unanswered') {
    await save(iso3, text, consent);
    const submitted = await call('POST', `${submission(iso3)}/transitions`, cookies[iso3], { action: 'submit', baseVersion: await version(iso3) });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal((await move(iso3, 'accept')).status, 200);
  }

  const publicList = async () => {
    const res = await call('GET', '/api/publications');
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as { id: string; state: { iso3: string; name: string }; cycle: { id: string; title: string; meeting: Json | null }; version: number; publishedAt: string }[];
  };
  const ours = async () => (await publicList()).filter((p) => p.cycle.id === cycleId);

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      XAA: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      XAB: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
      XAC: await addUser(t.services, 'state-coordinator', 'XAC', 'Cy Coralian'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Publication review 2031',
      templateId: 'apac-2020',
      region: 'escap',
      meeting: { name: 'Regional Review Meeting', place: 'Bangkok', dates: '10-12 March 2031' },
      deadline: '2031-01-31',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB', 'XAC'],
      status: 'open',
    });
    cycleId = cycle.id;
  });
  after(() => app?.close());

  it('refuses publication for consent No and for no answer, each with its reason, and never lists them', async () => {
    await acceptWith('XAB', 'Belmora does not share this report.', 'no');
    await acceptWith('XAC', 'Coralia has not said.', 'unanswered');
    for (const [iso3, reason] of [
      ['XAB', 'You cannot publish the report: the State answered No to sharing it.'],
      ['XAC', 'You cannot publish the report: the State has not said whether it may be shared.'],
    ] as const) {
      // Not offered, and refused when asked all the same.
      assert.deepEqual((await call('GET', submission(iso3), cookies.admin)).body.allowedActions, ['return']);
      const refused = await move(iso3, 'publish');
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.detail, reason);
      assert.equal((await call('GET', submission(iso3), cookies.admin)).body.status, 'accepted');
    }
    // An analyst may never publish.
    await save('XAA', 'Arvenia answers question 1a.', 'yes');
    assert.equal((await call('POST', `${submission('XAA')}/transitions`, cookies.analyst, { action: 'publish', baseVersion: await version('XAA') })).status, 403);
    // Nothing of this cycle is public: neither drafts nor accepted reports.
    assert.deepEqual(await ours(), []);
  });

  it('publishes a report with consent Yes as a public snapshot: answers, questionnaire, State, cycle, who and when', async () => {
    const submitted = await call('POST', `${submission('XAA')}/transitions`, cookies.XAA, { action: 'submit', baseVersion: await version('XAA') });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal((await move('XAA', 'accept')).status, 200);
    const published = await move('XAA', 'publish');
    assert.equal(published.status, 200, published.text);
    assert.equal(published.body.status, 'published');

    const list = await ours();
    assert.equal(list.length, 1);
    const [entry] = list;
    assert.deepEqual(
      { state: entry!.state, title: entry!.cycle.title, meeting: entry!.cycle.meeting, version: entry!.version },
      { state: { iso3: 'XAA', name: 'Republic of Arvenia' }, title: 'Publication review 2031', meeting: { name: 'Regional Review Meeting', place: 'Bangkok', dates: '10-12 March 2031' }, version: 1 },
    );
    assert.ok(Math.abs(Date.parse(entry!.publishedAt) - Date.now()) < 60_000, entry!.publishedAt);

    // Anyone reads it, signed in or not.
    const read = await call('GET', `/api/publications/${entry!.id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.publishedBy, 'Ada Admin');
    assert.equal(read.body.language, 'en');
    assert.deepEqual((read.body.response as { consent: string }).consent, 'yes');
    assert.match(JSON.stringify(read.body.response), /Arvenia answers question 1a\./);
    const template = read.body.template as { title: string; items: unknown[] };
    assert.ok(template.items.length > 5, 'the questionnaire answered is in the snapshot');
    // The cycle's terms are filled in: the meeting's name stands where the template has its placeholder.
    assert.match(JSON.stringify(template), /Regional Review Meeting/);
    assert.doesNotMatch(JSON.stringify(template), /\{meeting\.name/);

    // Audited: the workflow step on the submission, and the publication itself.
    const events = await t.services.audit.list(systemActor, { subject: `publication:${entry!.id}` });
    assert.deepEqual(events.map((e) => [e.action, e.details]), [['publication.publish', { submission: `${cycleId}/XAA`, version: 1 }]]);
    assert.deepEqual((await t.services.audit.list(systemActor, { subject: `submission:${cycleId}/XAA`, action: 'submission.publish' })).length, 1);
  });

  it('keeps the snapshot frozen: later saves and changes to the cycle do not reach it', async () => {
    const [entry] = await ours();
    const before = await call('GET', `/api/publications/${entry!.id}`);
    // Nothing in the workflow lets a published report be saved again; force the submission back to a draft
    // and rename the cycle, to prove the snapshot is a copy and not a view of the live records.
    await queryRows(t.db.drizzle, sql`update submissions set status = 'draft' where cycle_id = ${cycleId}::uuid and state_iso3 = 'XAA'`);
    await queryRows(t.db.drizzle, sql`update review_cycles set title = 'Renamed afterwards', meeting = null where id = ${cycleId}::uuid`);
    await save('XAA', 'A later draft, never published.', 'yes');
    assert.equal(await version('XAA'), 2);

    const after = await call('GET', `/api/publications/${entry!.id}`);
    assert.equal(after.status, 200);
    assert.deepEqual(after.body, before.body);
    assert.doesNotMatch(after.text, /A later draft/);
    assert.equal((after.body.cycle as { title: string }).title, 'Publication review 2031');
    // The later draft never leaks into the public list either.
    assert.doesNotMatch(JSON.stringify(await publicList()), /A later draft|Renamed afterwards/);
    // Back as it was, for the next test.
    await queryRows(t.db.drizzle, sql`update submissions set status = 'published' where cycle_id = ${cycleId}::uuid and state_iso3 = 'XAA'`);
  });

  it('unpublishes only with a reason, keeps the row, and hides the report from the public', async () => {
    const [entry] = await ours();
    const silent = await move('XAA', 'unpublish');
    assert.equal(silent.status, 400, silent.text);
    assert.deepEqual((silent.body.errors as { path: string }[]).map((e) => e.path), ['message']);
    assert.match(String(silent.body.detail), /message: is required to unpublish the report/);
    assert.equal((await call('GET', `/api/publications/${entry!.id}`)).status, 200, 'a refused unpublish changes nothing');

    const done = await move('XAA', 'unpublish', 'The State asked for a correction.');
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.status, 'unpublished');
    assert.deepEqual(await ours(), []);
    const gone = await call('GET', `/api/publications/${entry!.id}`);
    assert.equal(gone.status, 404);
    assert.match(gone.text, /was not found/);
    assert.equal((await call('GET', '/api/publications/not-an-id')).status, 404);

    // The row is kept, saying who and why.
    const [row] = await queryRows<{ reason: string; by_admin: boolean }>(
      t.db.drizzle,
      sql`select unpublish_reason as reason, unpublished_by = published_by as by_admin from publications where id = ${entry!.id}::uuid and unpublished_at is not null`,
    );
    assert.deepEqual(row, { reason: 'The State asked for a correction.', by_admin: true });
    const events = await t.services.audit.list(systemActor, { subject: `publication:${entry!.id}` });
    assert.deepEqual(events.map((e) => e.action), ['publication.unpublish', 'publication.publish']);
    assert.equal(events[0]!.details.reason, 'The State asked for a correction.');

    // Published again: a new snapshot; the old one stays unpublished.
    assert.equal((await move('XAA', 'publish')).status, 200);
    const again = await ours();
    assert.equal(again.length, 1);
    assert.notEqual(again[0]!.id, entry!.id);
    assert.equal((await call('GET', `/api/publications/${entry!.id}`)).status, 404);
    assert.deepEqual(
      (await publicList()).filter((p) => p.cycle.id === cycleId).map((p) => p.state.iso3),
      ['XAA'],
      'Belmora (No) and Coralia (unanswered) never appear',
    );
  });
});
