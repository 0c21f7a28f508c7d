// A cycle asks its own questionnaire: the template as the cycle opened it (a later version of the
// template changes nothing in it), in the cycle's terms (placeholders filled with its meeting,
// deadline, addresses and commission). Through the surfaces people use: the HTTP routes the web
// pages read, the export route, `gcm-review export` and `gcm-review import --into`; and an import
// accepted into a draft is stored as an import of that file by the person who accepted it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { registerExportCommand } from '../../src/cli/commands/export.ts';
import { registerTemplateCommands } from '../../src/cli/commands/template.ts';
import type { Response } from '../../src/domain/response.ts';
import { importDocument } from '../../src/ingest/index.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import type { Services } from '../../src/services/types.ts';
import { openDatabase } from '../../src/store/database.ts';
import { answers, cycleInput, cycleWords, droppedText, trendsText, version1, version2 } from '../fixtures/cycle-template.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCommand } from '../support/cli.ts';
import { runCli } from '../support/cli-process.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { convert, needOffice } from '../support/office.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

/** The text of a Word document's body, its markup left out. */
const wordText = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']!).replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '');

await describeEachBackend("a cycle's own questionnaire over HTTP", (t) => {
  let app: TestApp;
  let cycleId: string;
  const cookies: Record<string, string> = {};
  const names: Record<string, string> = {};

  const call = async (method: string, path: string, as: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: cookies[as]!, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer()) };
  };

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    for (const [who, role, iso3] of [['admin', 'secretariat-admin', null], ['XAA', 'state-coordinator', 'XAA']] as const) {
      const u = await addUser(t.services, role, iso3);
      cookies[who] = await app.signIn(u.user.email, u.password);
      names[who] = u.user.name;
    }
    assert.equal((await call('POST', '/api/templates', 'admin', version1)).status, 201);
    const created = await call('POST', '/api/cycles', 'admin', cycleInput);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    cycleId = (created.body as { id: string }).id;
    const saved = await call('PUT', `/api/cycles/${cycleId}/submissions/XAA`, 'XAA', { response: answers, baseVersion: 0 });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    // The template moves on: 1b is dropped, 1c is asked instead.
    assert.equal((await call('POST', '/api/templates', 'admin', version2)).status, 201);
  });
  after(() => app?.close());

  it('serves the cycle its version 1, in its own terms, at GET /api/cycles/{id}/template', async () => {
    const latest = await call('GET', '/api/templates/drift-review', 'XAA');
    assert.equal((latest.body as { version: number }).version, 2);
    const { status, body } = await call('GET', `/api/cycles/${cycleId}/template`, 'XAA');
    assert.equal(status, 200);
    const template = body as { version: number; returnInstructions: string; meeting: unknown; clusters: { questions: { key: string }[] }[] };
    assert.equal(template.version, 1);
    assert.deepEqual(template.clusters[0]!.questions.map((q) => q.key), ['1a', '1b']);
    assert.equal(template.returnInstructions, cycleWords);
    assert.deepEqual(template.meeting, cycleInput.meeting);
  });

  it('is documented in the OpenAPI document with its response schema', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    const route = doc.paths['/api/cycles/{id}/template']?.get;
    assert.ok(route, 'GET /api/cycles/{id}/template is documented');
    assert.ok(route.responses['200']?.content?.['application/json']?.schema, 'with the schema of its answer');
    assert.ok(doc.paths['/api/cycles/{id}/submissions/{iso3}/imports']?.post, 'the accepting of an import is documented');
  });

  it('refuses a template added with an unknown placeholder, naming it and where it is', async () => {
    const res = await call('POST', '/api/templates', 'admin', { ...version1, id: 'misspelt', returnInstructions: 'Return it by {deadlin|31 August 2020}.' });
    assert.equal(res.status, 400);
    const problem = res.body as { errors: { path: string; message: string }[] };
    assert.deepEqual(problem.errors.map((e) => e.path), ['returnInstructions']);
    assert.match(problem.errors[0]!.message, /^"\{deadlin\}" is not a placeholder; the placeholders are \{meeting\.name\}/);
    assert.equal((await call('GET', '/api/templates/misspelt', 'admin')).status, 404, 'nothing is stored');
  });

  it('is not for someone who may not read the cycle', async () => {
    const other = await addUser(t.services, 'state-coordinator', 'XAB');
    const cookie = await app.signIn(other.user.email, other.password);
    const res = await fetch(`${app.url}/api/cycles/${cycleId}/template`, { headers: { cookie } });
    assert.ok(res.status === 403 || res.status === 404, String(res.status));
    assert.equal((await fetch(`${app.url}/api/cycles/${cycleId}/template`)).status, 401);
  });

  it("exports the answer to the question version 2 dropped, with the cycle's terms, as text and as Word", async (t) => {
    const txt = await call('GET', `/api/cycles/${cycleId}/submissions/XAA/export?format=txt`, 'XAA');
    assert.equal(txt.status, 200);
    const text = new TextDecoder().decode(txt.body as Uint8Array);
    assert.ok(text.includes('b. Which laws and policies has your government adopted since December 2018?'), text);
    assert.ok(text.includes(`2. ${droppedText}`), text);
    assert.ok(text.includes(cycleWords), text);
    assert.ok(!text.includes('Which gaps and challenges remain'), "version 2's question is not the cycle's");

    const docx = await call('GET', `/api/cycles/${cycleId}/submissions/XAA/export?format=docx`, 'XAA');
    assert.equal(docx.status, 200);
    const words = wordText(docx.body as Uint8Array);
    assert.ok(words.includes(cycleWords), words);
    assert.ok(!words.includes('31 August 2020') && !words.includes('Bangkok'), "the template's own words are not printed for the cycle");
    // The Word file reads back, with the cycle's questionnaire, to the answers saved.
    const template = (await call('GET', `/api/cycles/${cycleId}/template`, 'XAA')).body;
    const read = await importDocument(docx.body as Uint8Array, 'export.docx', template as never);
    const textOf = (key: string) => read.answers.find((a) => a.question === key)?.paragraphs.map((p) => p.text);
    assert.deepEqual([textOf('1a'), textOf('1b')], [[trendsText], [droppedText]]);
    // A real word processor reads the same words.
    if (!needOffice(t)) return;
    const office = readFileSync(await convert(docx.body as Uint8Array, 'txt'), 'utf8').replace(/\s+/g, ' ');
    assert.ok(office.includes(cycleWords), office);
    assert.ok(office.includes(droppedText), office);
  });

  it("refuses an answer to version 2's new question on save, naming it", async () => {
    const current = (await call('GET', `/api/cycles/${cycleId}/submissions/XAA`, 'XAA')).body as { version: number; response: Response };
    const withNew = { ...current.response, answers: [...current.response.answers, { question: '1c', paragraphs: [{ number: 3, text: 'Gaps remain.', footnotes: [] }] }] };
    const res = await call('PUT', `/api/cycles/${cycleId}/submissions/XAA`, 'XAA', { response: withNew, baseVersion: current.version });
    assert.equal(res.status, 400);
    const problem = res.body as { errors: { path: string; message: string }[] };
    assert.deepEqual(problem.errors, [{ path: `answers[${withNew.answers.length - 1}].question`, message: 'There is an answer to 1c, which this questionnaire does not ask.' }]);
  });

  it('reads an upload as the cycle\'s questionnaire, and stores the accepted import as source "import" with the file name and the person', async () => {
    const txt = await call('GET', `/api/cycles/${cycleId}/submissions/XAA/export?format=txt`, 'XAA');
    const form = new FormData();
    form.append('cycleId', cycleId);
    form.append('file', new Blob([Buffer.from(txt.body as Uint8Array)], { type: 'text/plain' }), 'arvenia-2027.txt');
    const upload = await fetch(`${app.url}/api/imports`, { method: 'POST', headers: { cookie: cookies.XAA! }, body: form });
    assert.equal(upload.status, 200);
    const { import: report, source: _source, ...read } = (await upload.json()) as Response & { import: { unplaced: unknown[] }; source: unknown };
    assert.deepEqual(report.unplaced, [], "the cycle's words are recognised as the form's");
    assert.deepEqual(read.answers.find((a) => a.question === '1b')?.paragraphs.map((p) => p.text), [droppedText]);

    const current = (await call('GET', `/api/cycles/${cycleId}/submissions/XAA`, 'XAA')).body as { version: number };
    const accepted = await call('POST', `/api/cycles/${cycleId}/submissions/XAA/imports`, 'XAA', { response: read, baseVersion: current.version, fileName: 'arvenia-2027.txt' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal((accepted.body as { savedBy: string }).savedBy, names.XAA);

    const versions = (await call('GET', `/api/cycles/${cycleId}/submissions/XAA/versions`, 'admin')).body as { version: number; source: string; note: string | null; savedBy: string }[];
    assert.deepEqual(
      versions.map((v) => [v.version, v.source, v.note, v.savedBy]),
      [
        [2, 'import', 'arvenia-2027.txt', names.XAA],
        [1, 'edit', null, names.XAA],
      ],
    );
    const noName = await call('POST', `/api/cycles/${cycleId}/submissions/XAA/imports`, 'XAA', { response: read, baseVersion: 2, fileName: ' ' });
    assert.equal(noName.status, 400);
  });
});

await describeEachBackend('question 5 over HTTP: one validation', (t) => {
  let app: TestApp;
  let cookie: string;
  let cycleId: string;

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    cycleId = (await t.services.cycles.create(systemActor, { ...cycleInput, templateId: 'apac-2020', title: 'Asia-Pacific review 2027' })).id;
    const u = await addUser(t.services, 'state-coordinator', 'XAA');
    cookie = await app.signIn(u.user.email, u.password);
  });
  after(() => app?.close());

  const save = (response: unknown, baseVersion: number) =>
    fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ response, baseVersion }),
    });

  it("prints the 2027 cycle's terms in apac-2020's Word and text forms, where the template holds the 2020 words", async () => {
    const download = async (format: string) =>
      new Uint8Array(await (await fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA/export?format=${format}`, { headers: { cookie } })).arrayBuffer());
    const terms = [
      'Please return the completed survey to the ESCAP secretariat by 31 January 2027, preferably by email (review@commission.example) with a copy to the Regional Network on Migration for Asia and the Pacific (network@commission.example).',
      'to be held at the United Nations Economic and Social Commission for Asia and the Pacific (ESCAP) in Geneva 2-4 March 2027',
      'Geneva, (2-4 March 2027)',
    ];
    const text = new TextDecoder().decode(await download('txt'));
    const word = strFromU8(unzipSync(await download('docx'))['word/document.xml']!).replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`);
    for (const words of terms) {
      assert.ok(text.includes(words), `text: ${words}`);
      assert.ok(word.includes(words.replace(/&/g, '&amp;')), `Word: ${words}`);
    }
    for (const old of ['31 August 2020', 'escap-sdd@un.org', 'Bangkok']) {
      assert.ok(!text.includes(old) && !word.includes(old), `the 2020 words "${old}" are not printed for the 2027 cycle`);
    }
  });

  it('refuses a written answer to question 5 with the message the domain checks give, and stores what only warns', async () => {
    const blank = (await (await fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA`, { headers: { cookie } })).json()) as { response: Response };
    const prose = { ...blank.response, answers: [{ question: '5', paragraphs: [{ number: null, text: 'All ten principles guide our policy.', footnotes: [] }] }] };
    const refused = await save(prose, 0);
    assert.equal(refused.status, 400);
    const problem = (await refused.json()) as { errors: { path: string; message: string }[] };
    assert.deepEqual(problem.errors, [
      {
        path: 'answers[0].question',
        message: 'Question 5 is answered in the checklist of guiding principles: write the text in the explanation of each principle, not as an answer of its own.',
      },
    ]);
    // A cited footnote that does not exist is pointed out, not refused: the draft is stored.
    const slip = { ...blank.response, answers: [{ question: '1a', paragraphs: [{ number: 1, text: 'Trends rose.', footnotes: [4] }] }] };
    assert.equal((await save(slip, 0)).status, 200);
  });
});

describe('gcm-review export and import on a cycle whose template moved on', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-cycle-template-'));
  const dataDir = join(work, 'data');
  let cycleId: string;
  let importer: { email: string; name: string };

  const withStore = async <T>(fn: (services: Services) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      return await fn(createServices(db));
    } finally {
      await db.close();
    }
  };

  before(async () => {
    await withStore(async (services) => {
      await services.templates.add(systemActor, version1);
      cycleId = (await services.cycles.create(systemActor, cycleInput)).id;
      await services.submissions.saveDraft(systemActor, cycleId, 'XAA', answers, { baseVersion: 0 });
      await services.templates.add(systemActor, version2);
      const { user } = await addUser(services, 'state-coordinator', 'XAA', 'Ana Importer');
      importer = { email: user.email, name: user.name };
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('refuses to add a template with an unknown placeholder from the command line, naming it', async () => {
    const file = join(work, 'misspelt.json');
    writeFileSync(file, JSON.stringify({ ...version1, id: 'misspelt', mandate: ['Held in {meeting.venue}.'] }));
    await assert.rejects(runCommand([registerTemplateCommands], 'template', 'add', file, '--data-dir', dataDir), (err: Error) => {
      assert.match(err.message, /is not a valid template; nothing was added:\n {2}mandate\[0\]: "\{meeting\.venue\}" is not a placeholder/);
      return true;
    });
  });

  it("exports the stored answers with the cycle's version 1 and terms", async () => {
    const out = join(work, 'arvenia.txt');
    await runCommand([registerExportCommand], 'export', '--cycle', cycleId, '--state', 'XAA', '--format', 'txt', '-o', out, '--data-dir', dataDir);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.includes(`2. ${droppedText}`), text);
    assert.ok(text.includes(cycleWords), text);
    assert.ok(!text.includes('Which gaps and challenges remain'));
  });

  it('imports into the cycle with version 1, stored as an import of the file by the user --as names', async () => {
    const file = join(work, 'arvenia-returned.txt');
    await runCommand([registerExportCommand], 'export', '--cycle', cycleId, '--state', 'XAA', '--format', 'txt', '-o', file, '--data-dir', dataDir);
    writeFileSync(file, readFileSync(file, 'utf8').replace(droppedText, 'The overseas employment act of 2025 was amended in 2026.'));
    const r = runCli(['import', file, '--into', cycleId, '--as', importer.email, '--data-dir', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^arvenia-returned\.txt read with template drift-review$/m);
    assert.match(r.stdout, /^ {2}1b +1 paragraph\(s\) \(numbered 2-2\)/m);
    assert.match(r.stdout, /stored as version 2 of Republic of Arvenia/);

    const unknown = runCli(['import', file, '--into', cycleId, '--as', 'nobody@example.test', '--data-dir', dataDir]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /--as nobody@example\.test: there is no user with this e-mail address/);

    await withStore(async (services) => {
      const versions = await services.submissions.versions(systemActor, cycleId, 'XAA');
      assert.deepEqual(
        versions.map((v) => [v.version, v.source, v.note, v.savedBy]),
        [
          [2, 'import', 'arvenia-returned.txt', importer.name],
          [1, 'edit', null, 'System (command line)'],
        ],
      );
      const stored = await services.submissions.get(systemActor, cycleId, 'XAA');
      assert.deepEqual(fixedSlots(stored.response).answers.find((a) => a.question === '1b')?.paragraphs.map((p) => p.text), ['The overseas employment act of 2025 was amended in 2026.']);
    });
  });
});
