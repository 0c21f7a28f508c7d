// Drafts, versions, conflicts, accounts and the audit trail: the same tests on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { emptyResponse, type Response } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { systemActor } from '../../src/services/index.ts';
import { Conflict, Forbidden, InvalidInput, Unauthenticated } from '../../src/services/errors.ts';
import type { Actor, User } from '../../src/services/types.ts';
import { addUser, describeEachBackend, rejectsWith } from '../support/db.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const template = builtinTemplate('apac-2020')!;

/** Arvenia's answer to question 1a, in words of our own. */
function draft(text: string): Response {
  const response = emptyResponse(template);
  response.contact.country = 'Republic of Arvenia';
  response.answers[0]!.paragraphs = [{ number: 1, text, footnotes: [] }];
  return response;
}

await describeEachBackend('services: drafts, versions, users, audit', (t) => {
  let admin: Actor;
  let analyst: Actor;
  let coordinator: { user: User; actor: Actor; password: string };
  let contributor: Actor;
  let otherCoordinator: { user: User; actor: Actor };
  let cycleId: string;
  before(async () => {
    admin = (await addUser(t.services, 'secretariat-admin')).actor;
    analyst = (await addUser(t.services, 'secretariat-analyst')).actor;
    coordinator = await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian');
    contributor = (await addUser(t.services, 'state-contributor', 'XAA')).actor;
    otherCoordinator = await addUser(t.services, 'state-coordinator', 'XAA', 'Bo Second');
    const cycle = await t.services.cycles.create(admin, {
      title: 'Fictional review of drafts',
      templateId: 'apac-2020',
      region: 'fictional',
      deadline: '2030-06-30',
      returnAddresses: ['review@example.test'],
      invitedStates: ['XAA', 'XAB'],
    });
    cycleId = cycle.id;
  });

  it('gives an empty response, with the State filled in, before the first save', async () => {
    const s = await t.services.submissions.get(contributor, cycleId, 'xaa');
    assert.deepEqual([s.status, s.version, s.updatedAt, s.updatedBy], ['not-started', 0, null, null]);
    assert.deepEqual(s.response.state, { iso3: 'XAA', name: 'Republic of Arvenia' });
    assert.equal(s.response.answers.length, 21);
  });

  it('keeps every saved version with its author, time, source and note', async () => {
    const first = await t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('Arvenia opened two new labour pathways.'), { baseVersion: 0 });
    assert.deepEqual([first.version, first.status, first.savedBy, first.state], [1, 'draft', 'Ama Arvenian', { iso3: 'XAA', name: 'Republic of Arvenia' }]);
    assert.ok(Math.abs(Date.parse(first.savedAt) - Date.now()) < 60_000, `savedAt ${first.savedAt} is now`);
    assert.ok(!('response' in first), 'a save answers with the version, not the response again');
    const second = await t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('Arvenia opened three new labour pathways.'), {
      baseVersion: 1,
      source: 'import',
      note: 'From the ministry workshop',
    });
    assert.equal(second.version, 2);

    const read = await t.services.submissions.get(analyst, cycleId, 'XAA');
    assert.equal(fixedSlots(read.response).answers[0]?.paragraphs[0]?.text, 'Arvenia opened three new labour pathways.');
    assert.equal(fixedSlots(read.response).contact.country, 'Republic of Arvenia');

    const versions = await t.services.submissions.versions(contributor, cycleId, 'XAA');
    assert.deepEqual(
      versions.map((v) => [v.version, v.savedBy, v.source, v.note]),
      [
        [2, 'Ama Arvenian', 'import', 'From the ministry workshop'],
        [1, 'Ama Arvenian', 'edit', null],
      ],
    );
    for (const v of versions) assert.ok(Math.abs(Date.parse(v.savedAt) - Date.now()) < 60_000, `savedAt ${v.savedAt} is now`);
    const progress = (await t.services.cycles.get(admin, cycleId)).progress;
    assert.deepEqual(progress, { draft: 1, 'not-started': 1 });
  });

  it('refuses a save based on a stale version, saying who saved the newer one and when', async () => {
    const current = await t.services.submissions.get(coordinator.actor, cycleId, 'XAA');
    await t.services.submissions.saveDraft(otherCoordinator.actor, cycleId, 'XAA', draft('A colleague edits first.'), { baseVersion: current.version });
    const err = await rejectsWith(
      t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('Too late.'), { baseVersion: current.version }),
      Conflict,
    );
    const latest = current.version + 1;
    assert.match(err.message, new RegExp(`^Version ${latest} was saved by Bo Second at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC after you started from version ${current.version}\\b`));
    assert.deepEqual(Object.keys(err.details).sort(), ['baseVersion', 'currentVersion', 'savedAt', 'savedBy']);
    assert.deepEqual([err.details.baseVersion, err.details.currentVersion, err.details.savedBy], [current.version, latest, 'Bo Second']);
    const [newest] = await t.services.submissions.versions(coordinator.actor, cycleId, 'XAA');
    assert.equal(err.details.savedAt, newest?.savedAt, 'the time of the version that won');
    const after = await t.services.submissions.get(coordinator.actor, cycleId, 'XAA');
    assert.equal(after.version, current.version + 1);
    assert.equal(fixedSlots(after.response).answers[0]?.paragraphs[0]?.text, 'A colleague edits first.');
  });

  it('refuses an invalid response, naming each bad field, and stores nothing', async () => {
    const before = await t.services.submissions.get(coordinator.actor, cycleId, 'XAA');
    const wrongTemplate = { ...draft('x'), templateId: 'another-template' };
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', wrongTemplate, { baseVersion: before.version }), InvalidInput, ['templateId']);
    const unknownQuestion = draft('x');
    unknownQuestion.answers.push({ question: '99z', paragraphs: [] });
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', unknownQuestion, { baseVersion: before.version }), InvalidInput, ['answers[21].question']);
    const malformed = { templateId: 'apac-2020', consent: 'perhaps', answers: [{ question: '1a', paragraphs: [{ text: 7 }] }] };
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', malformed, { baseVersion: before.version }), InvalidInput, [
      'consent',
      'answers[0].paragraphs[0].text',
    ]);
    const otherState = { ...draft('x'), state: { iso3: 'XAB', name: 'Kingdom of Belmora' } };
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', otherState, { baseVersion: before.version }), InvalidInput, ['state.iso3']);
    await rejectsWith(t.services.submissions.saveDraft(admin, cycleId, 'XAC', draft('x'), { baseVersion: before.version }), InvalidInput, ['state']);
    await rejectsWith(t.services.submissions.saveDraft(admin, cycleId, 'XZZ', draft('x'), { baseVersion: before.version }), InvalidInput, ['state']);
    assert.equal((await t.services.submissions.get(coordinator.actor, cycleId, 'XAA')).version, before.version);
  });

  it('refuses a save that does not say which version it started from, or names one not yet saved', async () => {
    const before = await t.services.submissions.get(coordinator.actor, cycleId, 'XAA');
    const noBase = {} as { baseVersion: number };
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('x'), noBase), InvalidInput, ['baseVersion']);
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('x'), { baseVersion: -1 }), InvalidInput, ['baseVersion']);
    const ahead = await rejectsWith(
      t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAA', draft('x'), { baseVersion: before.version + 5 }),
      Conflict,
    );
    assert.match(ahead.message, new RegExp(`You started from version ${before.version + 5}, but .* versions up to ${before.version}\\b`));
    assert.equal((await t.services.submissions.get(coordinator.actor, cycleId, 'XAA')).version, before.version);
  });

  it("keeps each State's submission to its own users, who may all draft it", async () => {
    await rejectsWith(t.services.submissions.get(coordinator.actor, cycleId, 'XAB'), Forbidden);
    await rejectsWith(t.services.submissions.saveDraft(coordinator.actor, cycleId, 'XAB', draft('x'), { baseVersion: 0 }), Forbidden);
    await rejectsWith(t.services.submissions.saveDraft(contributor, cycleId, 'XAB', draft('x'), { baseVersion: 0 }), Forbidden);
    await rejectsWith(t.services.submissions.saveDraft(analyst, cycleId, 'XAA', draft('x'), { baseVersion: 0 }), Forbidden);
    await rejectsWith(t.services.submissions.get(null, cycleId, 'XAA'), Unauthenticated);
    await rejectsWith(t.services.submissions.versions(null, cycleId, 'XAA'), Unauthenticated);
  });

  it('signs users in by e-mail (any case) and password, and never says which was wrong', async () => {
    const user = await t.services.users.authenticate(coordinator.user.email.toUpperCase(), coordinator.password);
    assert.deepEqual(user, coordinator.user);
    assert.equal(await t.services.users.authenticate(coordinator.user.email, 'wrong password'), null);
    assert.equal(await t.services.users.authenticate('nobody@example.test', coordinator.password), null);
    assert.deepEqual(await t.services.users.get(coordinator.user.id), coordinator.user);
    assert.equal(await t.services.users.get('not-a-uuid'), undefined);
  });

  it('creates users only for admins and the system, naming each bad field', async () => {
    const input = { email: coordinator.user.email, name: 'Copy', password: 'long enough pass', role: 'state-coordinator' as const, stateIso3: 'XAA' };
    await rejectsWith(t.services.users.create(systemActor, input), Conflict);
    await rejectsWith(t.services.users.create(null, input), Unauthenticated);
    await rejectsWith(t.services.users.create(coordinator.actor, { ...input, email: 'new@example.test' }), Forbidden);
    const bad = { email: 'not-an-address', name: ' ', password: 'short', role: 'state-coordinator' as const, stateIso3: 'XZZ' };
    await rejectsWith(t.services.users.create(admin, bad), InvalidInput, ['email', 'name', 'password', 'stateIso3']);
    await rejectsWith(t.services.users.create(admin, { ...input, email: 'sec@example.test', role: 'secretariat-analyst' }), InvalidInput, ['stateIso3']);
  });

  it('writes an audit event for each change and each sign-in, for the secretariat to read', async () => {
    const events = await t.services.audit.list(analyst, { limit: 1000 });
    const actions = new Set(events.map((e) => e.action));
    for (const action of ['user.create', 'cycle.create', 'submission.save-draft', 'user.login', 'user.login-failed']) assert.ok(actions.has(action), action);
    const save = events.find((e) => e.action === 'submission.save-draft');
    assert.equal(save?.subject, `submission:${cycleId}/XAA`);
    assert.match(save?.actor ?? '', /^state-coordinator\.xaa\.[0-9a-f]+@example\.test$/);
    const failed = events.find((e) => e.action === 'user.login-failed');
    assert.deepEqual([failed?.actor, failed?.subject], ['anonymous', 'email:nobody@example.test']);
    assert.ok(events.every((e, i) => i === 0 || Number(e.id) < Number(events[i - 1]!.id)), 'newest first');
    await rejectsWith(t.services.audit.list(coordinator.actor), Forbidden);
    await rejectsWith(t.services.audit.list(null), Unauthenticated);
  });
});
