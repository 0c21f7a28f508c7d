// A submission's history over HTTP, on PGlite and on PostgreSQL: the differences between two
// versions (words marked) and restoring an older version as a new one, with the access and save
// rules of the submission itself.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

/** The JSON answers, read as each test needs them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

await describeEachBackend('HTTP: comparing and restoring versions', (t) => {
  let app: TestApp;
  const cookies: Record<string, string> = {};
  let cycleId = '';
  let path = '';

  async function call(method: string, url: string, cookie: string, json?: unknown) {
    const res = await fetch(`${app.url}${url}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Json };
  }

  /** Saves the first question's answer as `texts`, one paragraph each, as the State's coordinator. */
  async function saveAnswer(texts: string[]) {
    const current = await call('GET', path, cookies.arvenia!);
    const response = current.body.response;
    response.answers[0].paragraphs = texts.map((text, i) => ({ ...(response.answers[0].paragraphs[i] ?? {}), number: i + 1, text, footnotes: [] }));
    const saved = await call('PUT', path, cookies.arvenia!, { response, baseVersion: current.body.version });
    assert.equal(saved.status, 200, saved.text);
    return saved.body.version as number;
  }

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    const cycle = await t.services.cycles.create(systemActor, { title: 'Versions', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA', 'XAB'], status: 'open' });
    cycleId = cycle.id;
    path = `/api/cycles/${cycleId}/submissions/XAA`;
  });
  after(() => app?.close());

  it('compares two versions per question, the changed words marked, for the readers of the submission only', async () => {
    assert.equal(await saveAnswer(['Arvenia plans a coastal dam.', 'A second paragraph.']), 1);
    assert.equal(await saveAnswer(['Arvenia built a coastal dam.', 'A second paragraph.', 'A third, new.']), 2);

    const res = await call('GET', `${path}/diff?from=1&to=2`, cookies.arvenia!);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.from, 1);
    assert.equal(res.body.to, 2);
    const [question] = res.body.diff.answers;
    assert.deepEqual(question.paragraphs.map((p: { kind: string }) => p.kind), ['changed', 'added']);
    assert.deepEqual(question.paragraphs[0].parts, [
      { kind: 'same', text: 'Arvenia ' },
      { kind: 'removed', text: 'plans' },
      { kind: 'added', text: 'built' },
      { kind: 'same', text: ' a coastal dam.' },
    ]);
    assert.equal(question.paragraphs[1].text, 'A third, new.');

    // The secretariat reads it too; another State does not; a version that does not exist is 404; a bad number is 400.
    assert.equal((await call('GET', `${path}/diff?from=2&to=1`, cookies.analyst!)).status, 200);
    assert.equal((await call('GET', `${path}/diff?from=1&to=2`, cookies.belmora!)).status, 403);
    assert.equal((await call('GET', `${path}/diff?from=1&to=2`, '')).status, 401);
    assert.equal((await call('GET', `${path}/diff?from=1&to=9`, cookies.arvenia!)).status, 404);
    assert.equal((await call('GET', `${path}/diff?from=x&to=2`, cookies.arvenia!)).status, 400);
  });

  it('restores an older version as a new one, from the current version only, by those who may save', async () => {
    const stale = await call('POST', `${path}/versions/1/restore`, cookies.arvenia!, { baseVersion: 1 });
    assert.equal(stale.status, 409, stale.text);
    assert.equal((await call('POST', `${path}/versions/1/restore`, cookies.analyst!, { baseVersion: 2 })).status, 403);
    assert.equal((await call('POST', `${path}/versions/1/restore`, cookies.belmora!, { baseVersion: 2 })).status, 403);
    assert.equal((await call('POST', `${path}/versions/1/restore`, cookies.arvenia!, {})).status, 400);

    const restored = await call('POST', `${path}/versions/1/restore`, cookies.arvenia!, { baseVersion: 2 });
    assert.equal(restored.status, 200, restored.text);
    assert.equal(restored.body.version, 3);

    const [v1, v3] = await Promise.all([call('GET', `${path}/versions/1`, cookies.arvenia!), call('GET', `${path}/versions/3`, cookies.arvenia!)]);
    assert.deepEqual(v3.body.response, v1.body.response);
    assert.equal((await call('GET', `${path}/diff?from=1&to=3`, cookies.arvenia!)).body.diff.same, true);
    const versions = await call('GET', `${path}/versions`, cookies.arvenia!);
    const [newest] = versions.body as { version: number; source: string; note: string | null }[];
    assert.deepEqual([newest?.version, newest?.source, newest?.note], [3, 'restore', 'Restored version 1']);
    // Audited as the save it is, marked as a restore.
    const audited = (await t.services.audit.list(systemActor)).find((e) => e.subject === `submission:${cycleId}/XAA` && e.details.version === 3);
    assert.deepEqual([audited?.action, audited?.details.source], ['submission.save-draft', 'restore']);

    // Closed, the cycle locks its drafts: nothing is restored.
    await t.services.cycles.setStatus(systemActor, cycleId, 'closed');
    const locked = await call('POST', `${path}/versions/2/restore`, cookies.admin!, { baseVersion: 3 });
    assert.equal(locked.status, 409, locked.text);
    await t.services.cycles.setStatus(systemActor, cycleId, 'open');
  });
});
