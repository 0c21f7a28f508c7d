// Saving over HTTP without losing anyone's work, and what each user sees of a cycle's progress,
// on PGlite and on PostgreSQL: every save names the version it started from; a stale one gets a
// 409 naming who saved which version and when; a save answers with its version only; a State's
// users see nothing of other States in the cycle views.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { withoutIds } from '../../src/domain/paragraph-ids.ts';
import { emptyResponse, type Response } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

const template = builtinTemplate('apac-2020')!;

function draft(text: string): Response {
  const response = emptyResponse(template);
  response.answers[0]!.paragraphs = [{ number: 1, text, footnotes: [] }];
  return response;
}

await describeEachBackend('HTTP: saves that lose nothing, and progress each user may see', (t) => {
  let app: TestApp;
  let cycleId: string;
  const cookies: Record<string, string> = {};

  async function call(method: string, path: string, cookie: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      arveniaContributor: await addUser(t.services, 'state-contributor', 'XAA'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    const created = await call('POST', '/api/cycles', cookies.admin!, {
      title: 'Neighbours over HTTP',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB', 'XAC'],
    });
    assert.equal(created.status, 201, created.text);
    cycleId = created.body.id as string;
  });
  after(() => app?.close());

  const submission = (iso3: string) => `/api/cycles/${cycleId}/submissions/${iso3}`;

  it('refuses a save that does not say which version it started from, naming the field', async () => {
    const res = await call('PUT', submission('XAA'), cookies.arvenia!, { response: draft('No base version.') });
    assert.equal(res.status, 400, res.text);
    assert.match(res.type, /^application\/problem\+json/);
    const errors = res.body.errors as { path: string; message: string }[];
    assert.deepEqual(errors.map((e) => e.path), ['baseVersion']);
    assert.match(errors[0]!.message, /is required: the version your changes started from/);
    assert.equal((await call('GET', submission('XAA'), cookies.arvenia!)).body.version, 0, 'nothing was stored');
  });

  it('answers a save with the version it made, not the whole response', async () => {
    const res = await call('PUT', submission('XAA'), cookies.arvenia!, { response: draft('Arvenia opened two pathways.'), baseVersion: 0 });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body).sort(), ['cycleId', 'savedAt', 'savedBy', 'state', 'status', 'version']);
    assert.deepEqual([res.body.cycleId, res.body.version, res.body.status, res.body.savedBy, res.body.state], [
      cycleId,
      1,
      'draft',
      'Ama Arvenian',
      { iso3: 'XAA', name: 'Republic of Arvenia' },
    ]);
    assert.ok(res.text.length < 300, `a small answer (${res.text.length} bytes)`);
    const read = await call('GET', submission('XAA'), cookies.arvenia!);
    assert.deepEqual([read.body.version, read.body.updatedAt, read.body.updatedBy], [1, res.body.savedAt, 'Ama Arvenian']);
  });

  it('refuses a stale save with a 409 naming who saved which version and when, and keeps their version', async () => {
    const theirs = await call('PUT', submission('XAA'), cookies.admin!, { response: draft('The secretariat corrected a figure.'), baseVersion: 1 });
    assert.equal(theirs.status, 200, theirs.text);
    const mine = await call('PUT', submission('XAA'), cookies.arveniaContributor!, { response: draft('Started from version 1.'), baseVersion: 1 });
    assert.equal(mine.status, 409, mine.text);
    assert.match(mine.type, /^application\/problem\+json/);
    const savedAt = theirs.body.savedAt as string;
    const minute = `${savedAt.slice(0, 10)} ${savedAt.slice(11, 16)} UTC`;
    assert.equal(
      mine.body.detail,
      `Version 2 was saved by Ada Admin at ${minute} after you started from version 1. Nothing was saved: reload the submission to see their changes, then save again.`,
    );
    assert.deepEqual(
      { baseVersion: mine.body.baseVersion, currentVersion: mine.body.currentVersion, savedBy: mine.body.savedBy, savedAt: mine.body.savedAt, status: mine.body.status },
      { baseVersion: 1, currentVersion: 2, savedBy: 'Ada Admin', savedAt, status: 409 },
    );
    const read = await call('GET', submission('XAA'), cookies.arvenia!);
    assert.equal(read.body.version, 2);
    assert.equal((read.body.response as Response).answers[0]!.paragraphs[0]!.text, 'The secretariat corrected a figure.');
  });

  it('serves every saved version as it was saved', async () => {
    const first = await call('GET', `${submission('XAA')}/versions/1`, cookies.arvenia!);
    assert.equal(first.status, 200, first.text);
    // As saved, with the id the server gave its paragraph.
    assert.deepEqual({ ...first.body, response: withoutIds(first.body.response as Response) }, { version: 1, response: { ...draft('Arvenia opened two pathways.'), state: { iso3: 'XAA', name: 'Republic of Arvenia' } } });
    const missing = await call('GET', `${submission('XAA')}/versions/3`, cookies.arvenia!);
    assert.equal(missing.status, 404);
    assert.match(missing.body.detail as string, /Version 3 of Republic of Arvenia's submission \(versions run from 1 to 2\) was not found/);
    assert.equal((await call('GET', `${submission('XAA')}/versions/1`, cookies.belmora!)).status, 403);
    assert.equal((await call('GET', `${submission('XAA')}/versions/0`, cookies.arvenia!)).status, 400);
  });

  it("shows a State's users their own State only in the cycle views, and the secretariat every State", async () => {
    const belmora = await call('PUT', submission('XAB'), cookies.belmora!, { response: draft('Belmora saved a draft.'), baseVersion: 0 });
    assert.equal(belmora.status, 200, belmora.text);
    for (const who of ['arvenia', 'arveniaContributor'] as const) {
      const list = await call('GET', '/api/cycles', cookies[who]!);
      const one = await call('GET', `/api/cycles/${cycleId}`, cookies[who]!);
      const rows = await call('GET', `/api/cycles/${cycleId}/submissions`, cookies[who]!);
      for (const answer of [list, one, rows]) {
        assert.equal(answer.status, 200, answer.text);
        for (const other of ['XAB', 'XAC', 'Belmora', 'Coralia', 'Bo Belmoran']) assert.ok(!answer.text.includes(other), `${who} sees nothing of ${other}: ${answer.text}`);
      }
      const seen = [(list.body as unknown as Record<string, unknown>[]).find((c) => c.id === cycleId), one.body];
      for (const cycle of seen) assert.deepEqual([cycle?.invitedStates, cycle?.invitedCount, cycle?.progress], [['XAA'], 1, { draft: 1 }]);
    }
    const own = await call('GET', `/api/cycles/${cycleId}`, cookies.belmora!);
    assert.deepEqual([own.body.invitedStates, own.body.progress], [['XAB'], { draft: 1 }]);
    for (const who of ['admin', 'analyst'] as const) {
      const one = await call('GET', `/api/cycles/${cycleId}`, cookies[who]!);
      assert.deepEqual([one.body.invitedStates, one.body.invitedCount, one.body.progress], [['XAA', 'XAB', 'XAC'], 3, { draft: 2, 'not-started': 1 }]);
      const list = (await call('GET', '/api/cycles', cookies[who]!)).body as unknown as Record<string, unknown>[];
      assert.deepEqual(list.find((c) => c.id === cycleId)?.progress, { draft: 2, 'not-started': 1 });
    }
  });
});
