// A review cycle on a template whose items do not fit fixed slots (the national report, the
// stakeholder questionnaire) is opened and answered like any other, on PGlite and on PostgreSQL:
// its snapshot is the questionnaire, its submissions are item responses (answers by item key),
// checked by the item model's one validation, with paragraph ids carried from version to version;
// the tracking table counts them, the export lays them out and the importer reads the export
// back into the same cycle.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registerExportCommand } from '../../src/cli/commands/export.ts';
import { ItemResponse } from '../../src/domain/questionnaire/response.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCommand } from '../support/cli.ts';
import { runCli } from '../support/cli-process.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

// Read through the schema: its defaults (an empty footnote list) are what the server stores too.
const fixtureOf = (name: string) => ItemResponse.parse(JSON.parse(readFileSync(new URL(`../fixtures/item-responses/${name}.json`, import.meta.url), 'utf8')));
const fixture = fixtureOf('imrf-national-report');
const stakeholderFixture = fixtureOf('stakeholder-round-tables');

/** Paragraphs and footnotes without their ids: what a client or a document that knows no ids sends. */
function withoutIds(r: ItemResponse): ItemResponse {
  const answers = Object.fromEntries(
    Object.entries(r.answers).map(([key, a]) => [key, a.kind === 'prose' ? { ...a, paragraphs: a.paragraphs.map(({ id: _id, ...p }) => p) } : a]),
  );
  return { ...r, answers, footnotes: r.footnotes.map(({ id: _id, ...f }) => f) };
}

const proseIds = (r: ItemResponse) => Object.values(r.answers).flatMap((a) => (a.kind === 'prose' ? a.paragraphs.map((p) => p.id) : []));
/** The prose answers given (an item left empty is no answer), their paragraphs' texts by item. */
const proseTexts = (r: ItemResponse) => Object.fromEntries(Object.entries(r.answers).flatMap(([k, a]) => (a.kind === 'prose' && a.paragraphs.length > 0 ? [[k, a.paragraphs.map((p) => p.text)]] : [])));

await describeEachBackend('A cycle on a questionnaire of the item model', (t) => {
  let app: TestApp;
  let admin: string;
  let arvenia: string;
  let cycleId: string;

  const call = (method: string, path: string, cookie: string, json?: unknown) => app.call(method, path, cookie, json);

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const a = await addUser(t.services, 'secretariat-admin', null, 'Ada Admin');
    const c = await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian');
    admin = await app.signIn(a.user.email, a.password);
    arvenia = await app.signIn(c.user.email, c.password);
    const created = await call('POST', '/api/cycles', admin, {
      title: 'National reports 2030',
      templateId: 'imrf-national-report',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: ['reports@example.test'],
      invitedStates: ['XAA', 'XAB'],
      status: 'open',
    });
    assert.equal(created.status, 201, created.text);
    cycleId = created.body.id as string;
  });
  after(() => app?.close());

  const submission = (iso3: string) => `/api/cycles/${cycleId}/submissions/${iso3}`;

  it("keeps the questionnaire as the cycle's snapshot and starts each State on an empty item response", async () => {
    const template = await call('GET', `/api/cycles/${cycleId}/template`, arvenia);
    assert.equal(template.status, 200, template.text);
    assert.equal(template.body.id, 'imrf-national-report');
    assert.ok(Array.isArray(template.body.items), 'the snapshot is the questionnaire itself');
    const empty = await call('GET', submission('XAA'), arvenia);
    assert.equal(empty.status, 200, empty.text);
    const response = empty.body.response as ItemResponse;
    assert.equal(empty.body.version, 0);
    assert.deepEqual(response.state, { iso3: 'XAA', name: 'Republic of Arvenia' });
    assert.equal(response.answers.method?.kind, 'prose');
    assert.equal(response.answers.consent?.kind, 'choice');
  });

  it('refuses a fixed-slot response and an answer to an item the form does not ask, naming the field', async () => {
    const legacy = await call('PUT', submission('XAA'), arvenia, { response: { templateId: 'imrf-national-report', answers: [{ question: '1a', paragraphs: [] }] }, baseVersion: 0 });
    assert.equal(legacy.status, 400, legacy.text);
    assert.match(JSON.stringify(legacy.body.errors), /"path":"answers".*answered by item key/);
    const unknown = await call('PUT', submission('XAA'), arvenia, {
      response: { ...fixture, answers: { ...fixture.answers, '24z': { kind: 'prose', paragraphs: [{ number: null, text: 'A question no one asked.', footnotes: [] }] } } },
      baseVersion: 0,
    });
    assert.equal(unknown.status, 400, unknown.text);
    assert.deepEqual((unknown.body.errors as { path: string }[]).map((e) => e.path), ['answers.24z']);
    assert.equal((await call('GET', submission('XAA'), arvenia)).body.version, 0, 'nothing was stored');
  });

  it('stores every kind of answer, gives each paragraph an id and keeps it on the next save', async () => {
    const first = await call('PUT', submission('XAA'), arvenia, { response: withoutIds(fixture), baseVersion: 0 });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.version, 1);
    const v1 = (await call('GET', submission('XAA'), arvenia)).body.response as ItemResponse;
    assert.deepEqual(withoutIds(v1).answers, withoutIds(fixture).answers, 'every answer as sent');
    assert.ok(proseIds(v1).every((id) => typeof id === 'string' && id.length > 0), 'each paragraph has an id');

    // The same text again, sent without ids, with a paragraph added at the end of one answer.
    const next = withoutIds(v1);
    const method = next.answers.method!;
    assert.equal(method.kind, 'prose');
    if (method.kind === 'prose') method.paragraphs.push({ number: null, text: 'A validation workshop followed in May.', footnotes: [] });
    const second = await call('PUT', submission('XAA'), arvenia, { response: next, baseVersion: 1 });
    assert.equal(second.status, 200, second.text);
    const v2 = (await call('GET', submission('XAA'), arvenia)).body.response as ItemResponse;
    const before = proseIds(v1);
    const kept = proseIds(v2).filter((id) => before.includes(id));
    assert.equal(kept.length, before.length, 'every paragraph of version 1 keeps its id');
    assert.equal(proseIds(v2).length, before.length + 1);

    const diff = await call('GET', `${submission('XAA')}/diff?from=1&to=2`, arvenia);
    assert.equal(diff.status, 200, diff.text);
    assert.match(JSON.stringify(diff.body), /A validation workshop followed in May\./);
  });

  it('counts the answers in the tracking table, with the consent the State gave', async () => {
    const tracking = await call('GET', `/api/cycles/${cycleId}/tracking`, admin);
    assert.equal(tracking.status, 200, tracking.text);
    const rows = tracking.body.rows as { iso3: string; consent: string; completeness: { questionsAnswered: number; questionsTotal: number; words: number } }[];
    const xaa = rows.find((r) => r.iso3 === 'XAA')!;
    const xab = rows.find((r) => r.iso3 === 'XAB')!;
    const consent = fixture.answers.consent;
    assert.equal(xaa.consent, consent?.kind === 'choice' ? consent.selected[0] : 'unanswered');
    assert.ok(xaa.completeness.questionsAnswered >= 5 && xaa.completeness.words > 50, JSON.stringify(xaa.completeness));
    assert.equal(xab.completeness.questionsAnswered, 0);
    assert.equal(xaa.completeness.questionsTotal, xab.completeness.questionsTotal);
  });

  it("exports the stored answers in the cycle's form, and the importer reads them back into the same cycle", async () => {
    const stored = (await call('GET', submission('XAA'), arvenia)).body.response as ItemResponse;
    const txt = await fetch(`${app.url}${submission('XAA')}/export?format=txt`, { headers: { cookie: arvenia } });
    assert.equal(txt.status, 200);
    const text = await txt.text();
    assert.ok(text.includes('A validation workshop followed in May.'));
    assert.ok(text.includes('30 June 2030'), "the form prints the cycle's deadline");

    const docx = await fetch(`${app.url}${submission('XAA')}/export?format=docx`, { headers: { cookie: arvenia } });
    assert.equal(docx.status, 200);
    const form = new FormData();
    form.append('cycleId', cycleId);
    form.append('file', new Blob([await docx.arrayBuffer()]), 'arvenia-national-report.docx');
    const read = await fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: { cookie: arvenia } });
    assert.equal(read.status, 200, await read.clone().text());
    const result = (await read.json()) as ItemResponse & { import: { unplaced: unknown[] }; source?: unknown };
    assert.deepEqual(result.import.unplaced, []);
    assert.deepEqual(proseTexts(result), proseTexts(stored), 'the same prose answers');

    const { import: _report, source: _source, ...response } = result;
    const accepted = await call('POST', `${submission('XAA')}/imports`, arvenia, { response, baseVersion: 2, fileName: 'arvenia-national-report.docx' });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.version, 3);
    const versions = (await call('GET', `${submission('XAA')}/versions`, arvenia)).body as unknown as { version: number; source: string; note: string }[];
    const v3row = versions.find((v) => v.version === 3);
    assert.deepEqual([v3row?.source, v3row?.note], ['import', 'arvenia-national-report.docx']);
    const v3 = (await call('GET', submission('XAA'), arvenia)).body.response as ItemResponse;
    assert.deepEqual(proseIds(v3), proseIds(stored), 'the re-imported paragraphs keep their ids');
  });

  it('submits, and the secretariat accepts, by the same workflow as any cycle', async () => {
    const submitted = await call('POST', `${submission('XAA')}/transitions`, arvenia, { action: 'submit', baseVersion: 3 });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal(submitted.body.status, 'submitted');
    const accepted = await call('POST', `${submission('XAA')}/transitions`, admin, { action: 'accept', baseVersion: 3 });
    assert.equal(accepted.status, 200, accepted.text);
  });

  it('opens a cycle on the stakeholder questionnaire too', async () => {
    const created = await call('POST', '/api/cycles', admin, {
      title: 'Stakeholder round tables 2030',
      templateId: 'stakeholder-round-tables',
      region: 'escap',
      deadline: '2030-07-31',
      returnAddresses: [],
      invitedStates: ['XAA'],
      status: 'open',
    });
    assert.equal(created.status, 201, created.text);
    const path = `/api/cycles/${created.body.id as string}/submissions/XAA`;
    const saved = await call('PUT', path, arvenia, { response: withoutIds(stakeholderFixture), baseVersion: 0 });
    assert.equal(saved.status, 200, saved.text);
    const back = (await call('GET', path, arvenia)).body.response as ItemResponse;
    assert.deepEqual(withoutIds(back).answers, withoutIds(stakeholderFixture).answers);
  });
});

describe('gcm-review export and import --into on a cycle of the item model', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-item-cycle-cli-'));
  const dataDir = join(work, 'data');
  let cycleId: string;
  after(() => rmSync(work, { recursive: true, force: true }));

  before(async () => {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const services = createServices(db);
      cycleId = (await services.cycles.create(systemActor, { title: 'Stakeholder round tables', templateId: 'stakeholder-round-tables', region: 'escap', deadline: '2030-07-31', returnAddresses: [], invitedStates: ['XAA'], status: 'open' })).id;
      await services.submissions.saveDraft(systemActor, cycleId, 'XAA', withoutIds(stakeholderFixture), { baseVersion: 0 });
    } finally {
      await db.close();
    }
  });

  it('exports the stored answers as Word, and import --into stores the file read back as the next version', async () => {
    const file = join(work, 'round-tables.docx');
    await runCommand([registerExportCommand], 'export', '--cycle', cycleId, '--state', 'XAA', '--format', 'docx', '-o', file, '--data-dir', dataDir);
    const r = runCli(['import', file, '--into', cycleId, '--state', 'XAA', '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stored as version 2 of Republic of Arvenia/);
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const stored = (await createServices(db).submissions.get(systemActor, cycleId, 'XAA')).response as ItemResponse;
      assert.deepEqual(proseTexts(stored), proseTexts(stakeholderFixture));
    } finally {
      await db.close();
    }
  });
});
