// Templates, States, review cycles and who may see them: the same tests on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { emptyResponse } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { systemActor } from '../../src/services/index.ts';
import { Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated } from '../../src/services/errors.ts';
import type { Actor, CycleInput } from '../../src/services/types.ts';
import { addUser, describeEachBackend, rejectsWith } from '../support/db.ts';

/** A small template of our own, as a secretariat would write it. */
function customTemplate(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    title: 'Arvenia pilot review',
    contactFields: [{ key: 'office', label: 'Office' }],
    clusters: [{ number: 1, title: 'Regular pathways', objectives: [2, 5], questions: [{ key: '1a', prompt: 'What has changed since 2018?' }] }],
    openQuestions: [{ key: '6', prompt: 'How was the review prepared?' }],
    ...overrides,
  };
}

function cycleInput(overrides: Partial<CycleInput> = {}): CycleInput {
  return {
    title: 'Fictional regional review 2030',
    templateId: 'apac-2020',
    region: 'fictional',
    meeting: { name: 'Fictional regional review', place: 'Arvenia City', dates: '1-3 March 2030' },
    deadline: '2030-01-31',
    returnAddresses: ['review@example.test'],
    invitedStates: ['XAA', 'XAB'],
    ...overrides,
  };
}

await describeEachBackend('services: templates, States, cycles', (t) => {
  let admin: Actor;
  let analyst: Actor;
  let coordinatorXAA: Actor;
  let coordinatorXAC: Actor;
  before(async () => {
    admin = (await addUser(t.services, 'secretariat-admin')).actor;
    analyst = (await addUser(t.services, 'secretariat-analyst')).actor;
    coordinatorXAA = (await addUser(t.services, 'state-coordinator', 'XAA')).actor;
    coordinatorXAC = (await addUser(t.services, 'state-coordinator', 'XAC')).actor;
  });

  it('lists the built-in template and gets it in full, even for anonymous visitors', async () => {
    const list = await t.services.templates.list();
    const apac = list.find((s) => s.id === 'apac-2020');
    assert.deepEqual(apac && { builtIn: apac.builtIn, questionCount: apac.questionCount }, { builtIn: true, questionCount: 22 });
    const template = await t.services.templates.get('apac-2020');
    assert.equal(template?.clusters.length, 4);
    assert.equal(await t.services.templates.get('no-such-template'), undefined);
  });

  it('adds a custom template, lists it and audits it', async () => {
    const added = await t.services.templates.add(admin, customTemplate('arvenia-pilot'));
    assert.equal(added.version, 1);
    const summary = (await t.services.templates.list()).find((s) => s.id === 'arvenia-pilot');
    assert.deepEqual(summary, { id: 'arvenia-pilot', name: 'Arvenia pilot review', title: 'Arvenia pilot review', version: 1, respondentType: 'state', builtIn: false, questionCount: 2, languages: ['en'] });
    assert.deepEqual(await t.services.templates.get('arvenia-pilot'), added);
    const [event] = await t.services.audit.list(admin, { limit: 1 });
    assert.equal(event?.action, 'template.add');
    assert.equal(event?.subject, 'template:arvenia-pilot');

    await rejectsWith(t.services.templates.add(admin, customTemplate('arvenia-pilot')), Conflict);
    const v2 = await t.services.templates.add(admin, customTemplate('arvenia-pilot', { version: 2, title: 'Arvenia pilot review, revised' }));
    assert.equal((await t.services.templates.get('arvenia-pilot'))?.title, v2.title);
  });

  it('refuses a bad template, naming each bad field, and stores nothing', async () => {
    const before = await t.services.templates.list();
    const bad = customTemplate('broken-one', {
      title: '  ',
      clusters: [{ number: 1, title: 'Regular pathways', objectives: [2, 99], questions: [{ key: '1a', prompt: '' }] }],
    });
    const err = await rejectsWith(t.services.templates.add(admin, bad), InvalidInput, ['title', 'clusters[0].objectives', 'clusters[0].questions[0].prompt']);
    assert.match(err.message, /clusters\[0\]\.questions\[0\]\.prompt: must not be empty/);
    await rejectsWith(t.services.templates.add(admin, customTemplate('apac-2020')), InvalidInput, ['id']);
    assert.deepEqual(await t.services.templates.list(), before);
    assert.equal(await t.services.templates.get('broken-one'), undefined);
  });

  it('lets only a secretariat admin add templates', async () => {
    await rejectsWith(t.services.templates.add(null, customTemplate('anon-one')), Unauthenticated);
    await rejectsWith(t.services.templates.add(analyst, customTemplate('analyst-one')), Forbidden);
    await rejectsWith(t.services.templates.add(coordinatorXAA, customTemplate('state-one')), Forbidden);
  });

  it('lists States by region or group for anyone', async () => {
    const fictional = await t.services.states.list('fictional');
    assert.deepEqual(fictional.map((s) => s.iso3).sort(), ['XAA', 'XAB', 'XAC']);
    const escap = await t.services.states.list('escap');
    assert.ok(escap.some((s) => s.iso3 === 'KHM'));
    assert.ok(!escap.some((s) => s.iso3 === 'XAA'));
    assert.ok((await t.services.states.list()).length > 190);
  });

  it('creates a cycle, then lists and gets it with its progress', async () => {
    const cycle = await t.services.cycles.create(admin, cycleInput({ invitedStates: ['xab', 'XAA'] }));
    assert.deepEqual(
      { title: cycle.title, status: cycle.status, deadline: cycle.deadline, invited: cycle.invitedStates },
      { title: 'Fictional regional review 2030', status: 'open', deadline: '2030-01-31', invited: ['XAA', 'XAB'] },
    );
    const got = await t.services.cycles.get(analyst, cycle.id);
    assert.deepEqual(got.progress, { 'not-started': 2 });
    assert.equal(got.invitedCount, 2);
    assert.deepEqual(got.meeting, { name: 'Fictional regional review', place: 'Arvenia City', dates: '1-3 March 2030' });
    assert.ok((await t.services.cycles.list(admin)).some((c) => c.id === cycle.id));
    const [event] = await t.services.audit.list(admin, { limit: 1 });
    assert.deepEqual([event?.action, event?.subject], ['cycle.create', `cycle:${cycle.id}`]);
  });

  it('refuses a bad cycle, naming each bad field, and stores nothing', async () => {
    const before = (await t.services.cycles.list(admin)).length;
    const input = cycleInput({ title: '', deadline: '31/08/2030', templateId: 'no-such-template', invitedStates: ['XAA', 'XZZ'], returnAddresses: ['not-an-address'] });
    const err = await rejectsWith(t.services.cycles.create(admin, input), InvalidInput, [
      'title',
      'deadline',
      'templateId',
      'invitedStates[1]',
      'returnAddresses[0]',
    ]);
    assert.match(err.message, /deadline: must be a date written YYYY-MM-DD/);
    assert.match(err.message, /"XZZ" is not the ISO3 code of a known State/);
    await rejectsWith(t.services.cycles.create(admin, cycleInput({ deadline: '2030-02-30' })), InvalidInput, ['deadline']);
    await rejectsWith(t.services.cycles.create(admin, cycleInput({ invitedStates: [] })), InvalidInput, ['invitedStates']);
    assert.equal((await t.services.cycles.list(admin)).length, before);
  });

  it('keeps cycles from anonymous visitors, and cycle creation from analysts and States', async () => {
    await rejectsWith(t.services.cycles.list(null), Unauthenticated);
    await rejectsWith(t.services.cycles.create(analyst, cycleInput()), Forbidden);
    await rejectsWith(t.services.cycles.create(coordinatorXAA, cycleInput()), Forbidden);
  });

  it('shows a State only the cycles it is invited to, and only its own submission in them', async () => {
    const cycle = await t.services.cycles.create(systemActor, cycleInput({ title: 'Only XAA and XAB' }));
    assert.ok((await t.services.cycles.list(coordinatorXAA)).some((c) => c.id === cycle.id));
    assert.ok(!(await t.services.cycles.list(coordinatorXAC)).some((c) => c.id === cycle.id));
    await rejectsWith(t.services.cycles.get(coordinatorXAC, cycle.id), Forbidden);
    const own = await t.services.cycles.submissions(coordinatorXAA, cycle.id);
    assert.deepEqual(own.map((s) => [s.state.iso3, s.status, s.version]), [['XAA', 'not-started', 0]]);
    const all = await t.services.cycles.submissions(analyst, cycle.id);
    assert.deepEqual(all.map((s) => s.state.name), ['Kingdom of Belmora', 'Republic of Arvenia']);
  });

  it("tells a State's users their own State's progress only, never a neighbour's, while the secretariat sees every State's", async () => {
    const cycle = await t.services.cycles.create(systemActor, cycleInput({ title: 'Neighbours', invitedStates: ['XAA', 'XAB', 'XAC'] }));
    const belmora = (await addUser(t.services, 'state-contributor', 'XAB')).actor;
    await t.services.submissions.saveDraft(belmora, cycle.id, 'XAB', emptyResponse(builtinTemplate('apac-2020')!), { baseVersion: 0 });
    const contributorXAA = (await addUser(t.services, 'state-contributor', 'XAA')).actor;
    for (const arvenia of [coordinatorXAA, contributorXAA]) {
      const listed = (await t.services.cycles.list(arvenia)).find((c) => c.id === cycle.id);
      const got = await t.services.cycles.get(arvenia, cycle.id);
      for (const seen of [listed, got]) {
        assert.deepEqual([seen?.invitedStates, seen?.invitedCount, seen?.progress], [['XAA'], 1, { 'not-started': 1 }]);
      }
    }
    assert.deepEqual((await t.services.cycles.get(belmora, cycle.id)).progress, { draft: 1 });
    for (const secretariat of [admin, analyst]) {
      const got = await t.services.cycles.get(secretariat, cycle.id);
      assert.deepEqual([got.invitedStates, got.invitedCount, got.progress], [['XAA', 'XAB', 'XAC'], 3, { draft: 1, 'not-started': 2 }]);
      assert.deepEqual((await t.services.cycles.list(secretariat)).find((c) => c.id === cycle.id)?.progress, { draft: 1, 'not-started': 2 });
    }
  });

  it('answers NotFound for a cycle that does not exist', async () => {
    await rejectsWith(t.services.cycles.get(admin, '00000000-0000-4000-8000-000000000000'), NotFound);
    await rejectsWith(t.services.cycles.get(admin, 'not-a-uuid'), NotFound);
  });
});
