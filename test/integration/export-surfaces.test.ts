// The exports where users reach them: GET …/submissions/:iso3/export and POST /api/exports over
// real HTTP (on both backends), and `gcm-review export` from the store and from a JSON response,
// its Word files opened by LibreOffice.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { registerExportCommand } from '../../src/cli/commands/export.ts';
import { withoutIds } from '../../src/domain/paragraph-ids.ts';
import { Response, type Paragraph } from '../../src/domain/response.ts';
import { exportText } from '../../src/export/txt.ts';
import { importDocument } from '../../src/ingest/index.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { demoResponse, formTemplate } from '../fixtures/docs/arvenia.ts';
import { runCli } from '../support/cli-process.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCommand } from '../support/cli.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { convert, needOffice } from '../support/office.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const template = formTemplate();
const arvenia = demoResponse('arvenia');
const cycleInput = {
  title: 'Asia-Pacific Regional Review 2020',
  templateId: 'apac-2020',
  region: 'escap',
  deadline: '2020-08-31',
  returnAddresses: [],
  invitedStates: ['XAA', 'XAB'],
};
const paragraphs = (r: Response) =>
  r.answers.filter((a) => a.paragraphs.length).map((a) => ({ question: a.question, paragraphs: a.paragraphs.map(({ id: _id, ...p }: Paragraph) => ({ ...p, label: p.label ?? null, anchors: p.anchors ?? [] })) }));
/** The words of a Word document's body, paragraph by paragraph. */
const documentText = (docx: Uint8Array) =>
  strFromU8(unzipSync(docx)['word/document.xml']!)
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((p) => p.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

await describeEachBackend('downloading exports over HTTP', (t) => {
  let app: TestApp;
  let cycleId: string;
  let stored: Response;
  const cookies: Record<string, string> = {};

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    cycleId = (await t.services.cycles.create(systemActor, cycleInput)).id;
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAA', { ...arvenia, consent: 'unanswered' }, { baseVersion: 0, source: 'import' });
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAA', arvenia, { baseVersion: 1 });
    stored = fixedSlots((await t.services.submissions.get(systemActor, cycleId, 'XAA')).response);
    for (const iso3 of ['XAA', 'XAB']) {
      const u = await addUser(t.services, 'state-coordinator', iso3);
      cookies[iso3] = await app.signIn(u.user.email, u.password);
    }
  });
  after(() => app?.close());

  const download = async (format: string, as: string | null = 'XAA', iso3 = 'XAA') => {
    const res = await fetch(`${app.url}/api/cycles/${cycleId}/submissions/${iso3}/export?format=${format}`, { headers: as ? { cookie: cookies[as]! } : {} });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('gives the latest version as a Word document that reads back to the same paragraphs', async () => {
    const { res, bytes } = await download('docx');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="XAA-asia-pacific-regional-review-2020-v2.docx"');
    const p2 = arvenia.answers[0]!.paragraphs[1]!;
    assert.ok(documentText(bytes).includes(p2.text), 'document.xml holds the text of paragraph 2');
    const read = await importDocument(bytes, 'download.docx', template);
    assert.deepEqual(paragraphs(read), paragraphs(stored));
    assert.equal(read.consent, 'yes', 'the latest version, not the first');
  });

  it('gives the text laid out like the form, and the stored response as JSON', async () => {
    const txt = await download('txt');
    assert.equal(txt.res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(txt.res.headers.get('content-disposition'), 'attachment; filename="XAA-asia-pacific-regional-review-2020-v2.txt"');
    assert.equal(new TextDecoder().decode(txt.bytes), exportText(template, stored));
    const json = await download('json');
    assert.equal(json.res.headers.get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(json.bytes)), stored);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(json.bytes)), (await t.services.submissions.get(systemActor, cycleId, 'XAA')).response);
  });

  it('is read like the submission: sign in first, and only your own State', async () => {
    const anonymous = await download('docx', null);
    assert.equal(anonymous.res.status, 401);
    assert.match(anonymous.res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((await download('docx', 'XAB')).res.status, 403);
    assert.equal((await download('txt', 'XAB', 'XAB')).res.status, 200);
    const unknown = await fetch(`${app.url}/api/cycles/no-such-cycle/submissions/XAA/export`, { headers: { cookie: cookies.XAA! } });
    assert.equal(unknown.status, 404);
  });

  it('names the format when it is not one it writes', async () => {
    const { res, bytes } = await download('pdf');
    assert.equal(res.status, 400);
    const problem = JSON.parse(new TextDecoder().decode(bytes)) as { errors: { path: string; message: string }[] };
    assert.deepEqual(problem.errors.map((e) => e.path), ['format']);
    assert.match(problem.errors[0]!.message, /docx.*txt.*json/);
  });

  it('POST /api/exports writes a response that is not stored as Word or text', async () => {
    const post = (body: unknown, format = 'docx', cookie: string | null = cookies.XAB!) =>
      fetch(`${app.url}/api/exports?format=${format}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
    const docx = await post({ templateId: 'apac-2020', response: arvenia });
    assert.equal(docx.status, 200);
    assert.equal(docx.headers.get('content-disposition'), 'attachment; filename="XAA-apac-2020.docx"');
    const read = await importDocument(new Uint8Array(await docx.arrayBuffer()), 'posted.docx', template);
    assert.deepEqual(paragraphs(read), paragraphs(arvenia));
    const txt = await post({ templateId: 'apac-2020', response: arvenia }, 'txt');
    assert.equal(txt.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await txt.text(), exportText(template, arvenia));

    assert.equal((await post({ templateId: 'apac-2020', response: arvenia }, 'docx', null)).status, 401);
    const problems = async (res: globalThis.Response) => {
      assert.equal(res.status, 400);
      return ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    };
    const broken = { ...arvenia, answers: [{ question: '1a', paragraphs: [{ number: 1, text: 42 }] }], consent: 'maybe' };
    assert.deepEqual((await problems(await post({ templateId: 'apac-2020', response: broken }))).sort(), ['response.answers[0].paragraphs[0].text', 'response.consent']);
    assert.deepEqual(await problems(await post({ templateId: 'no-such-form', response: arvenia })), ['templateId']);
    assert.deepEqual(await problems(await post({ templateId: 'apac-2020', response: arvenia }, 'json')), ['format']);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content: object }> }>> };
    const get = doc.paths['/api/cycles/{id}/submissions/{iso3}/export']?.get;
    assert.deepEqual(Object.keys(get?.responses['200']?.content ?? {}), [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/plain',
      'application/json',
    ]);
    assert.ok(doc.paths['/api/exports']?.post, 'POST /api/exports is documented');
  });
});

describe('gcm-review export', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-export-cli-'));
  const dataDir = join(work, 'data');
  const run = (...args: string[]) => runCommand([registerExportCommand], 'export', ...args);
  const firstParagraph = arvenia.answers[0]!.paragraphs[1]!.text;
  let cycleId: string;

  before(async () => {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const services = createServices(db);
      cycleId = (await services.cycles.create(systemActor, cycleInput)).id;
      await services.submissions.saveDraft(systemActor, cycleId, 'XAA', arvenia, { baseVersion: 0, source: 'import' });
    } finally {
      await db.close();
    }
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes a stored submission into the current folder under its own name, which LibreOffice opens', async (t) => {
    const r = runCli(['export', '--cycle', cycleId, '--state', 'xaa', '--data-dir', dataDir], { cwd: work });
    assert.equal(r.code, 0, r.stderr);
    const file = join(work, 'XAA-asia-pacific-regional-review-2020-v1.docx');
    assert.match(r.stdout, new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Republic of Arvenia, version 1, docx, [\\d,]+ bytes\\)$`, 'm'));
    if (!needOffice(t)) return;
    const text = readFileSync(await convert(file, 'txt'), 'utf8');
    assert.ok(text.includes(firstParagraph), 'LibreOffice reads the answer paragraphs');
  });

  it('writes text and JSON where -o says', async () => {
    const txt = join(work, 'arvenia.txt');
    await run('--cycle', cycleId, '--state', 'XAA', '--format', 'txt', '-o', txt, '--data-dir', dataDir);
    assert.equal(readFileSync(txt, 'utf8'), exportText(template, arvenia));
    const json = join(work, 'arvenia.json');
    await run('--cycle', cycleId, '--state', 'XAA', '--format', 'json', '-o', json, '--data-dir', dataDir);
    // The stored response carries the paragraph and footnote ids the store gave it (a Word or text form carries none).
    assert.deepEqual(withoutIds(JSON.parse(readFileSync(json, 'utf8')) as Response), Response.parse(arvenia));
  });

  it('writes a response read by `import --json` (its import report left aside) as Word', async (t) => {
    const from = join(work, 'imported.json');
    writeFileSync(from, JSON.stringify({ ...arvenia, import: { unplaced: [], warnings: [], accounting: { charsIn: 1, charsPlaced: 1, charsTemplate: 0, charsUnplaced: 0 } } }));
    const out = join(work, 'out.docx');
    const printed = await run('--from', from, '--template', 'apac-2020', '--format', 'docx', '-o', out);
    assert.match(printed, /^Wrote .*out\.docx \(Republic of Arvenia, from .*imported\.json, docx, [\d,]+ bytes\)$/m);
    const bytes = readFileSync(out);
    assert.deepEqual(paragraphs(await importDocument(bytes, 'out.docx', template)), paragraphs(arvenia));
    if (!needOffice(t)) return;
    const text = readFileSync(await convert(out, 'txt'), 'utf8');
    assert.ok(text.includes(firstParagraph), 'LibreOffice reads the answer paragraphs');
  });

  it('says clearly what is wrong', async () => {
    const fails = (args: string[], message: RegExp) => assert.rejects(run(...args), message);
    await fails(['--cycle', 'no-such-cycle', '--state', 'XAA', '--data-dir', dataDir], /The review cycle "no-such-cycle" was not found/);
    await fails(['--cycle', cycleId, '--state', 'QQQ', '--data-dir', dataDir], /--state QQQ: there is no State with this ISO 3166 alpha-3 code/);
    await fails(['--cycle', cycleId, '--state', 'FRA', '--data-dir', dataDir], /France \(FRA\) is not invited/);
    await fails(['--cycle', cycleId, '--state', 'XAA', '--data-dir', join(work, 'nowhere')], /There is no database at .*nowhere/);
    await fails([], /Say what to export/);
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ templateId: 'apac-2020', answers: [{ question: '1a', paragraphs: [{ text: 3 }] }] }));
    await fails(['--from', bad], /bad\.json is not a valid response: answers\[0\]\.paragraphs\[0\]\.text: /);
    writeFileSync(bad, '{"templateId": ');
    await fails(['--from', bad], /bad\.json is not valid JSON/);
    await fails(['--from', join(work, 'imported.json'), '--template', 'no-such-form', '--data-dir', join(work, 'nowhere')], /There is no template "no-such-form"\. Built-in templates: apac-2020, imrf-national-report, stakeholder-round-tables;/);
  });
});
