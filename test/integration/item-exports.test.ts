// The national report and the stakeholder questionnaire (item-model templates that do not fit
// fixed slots) exported through `gcm-review export --from answers.json --template <id>`: the text
// laid out as docs/architecture.md says each kind prints, the Word file read back by our DOCX reader
// (tables, check boxes, real footnotes) and by LibreOffice. And a footnote cited ahead of its turn
// in a text export comes back as a footnote, not as a number in the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerExportCommand } from '../../src/cli/commands/export.ts';
import { builtinQuestionnaire } from '../../src/domain/questionnaire/builtin/index.ts';
import { fromLegacyResponse } from '../../src/domain/questionnaire/legacy.ts';
import { answeredItems } from '../../src/domain/questionnaire/questionnaire.ts';
import { ItemResponse } from '../../src/domain/questionnaire/response.ts';
import { errorsOf, validate } from '../../src/domain/questionnaire/validate.ts';
import { Response } from '../../src/domain/response.ts';
import { importDocument } from '../../src/ingest/index.ts';
import { readDocx } from '../../src/ingest/readers/docx.ts';
import { exportText } from '../../src/export/txt.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { templateIn } from '../../src/services/template-language.ts';
import { demoResponse } from '../fixtures/docs/arvenia.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startTestApp } from '../support/app.ts';
import { runCommand } from '../support/cli.ts';
import { addUser } from '../support/db.ts';
import { convert, needOffice } from '../support/office.ts';

const fixtures = fileURLToPath(new URL('../fixtures/item-responses/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'gcm-item-export-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const run = (...args: string[]) => runCommand([registerExportCommand], 'export', ...args);

/** Exports the fixture of `id` in `format` through the CLI; the file's path. */
async function exported(id: string, format: 'txt' | 'docx', ...more: string[]): Promise<string> {
  const out = join(work, `${id}-${more.join('-')}.${format}`);
  const printed = await run('--from', join(fixtures, `${id}.json`), '--template', id, '--format', format, '-o', out, ...more);
  assert.match(printed, new RegExp(`^Wrote .*\\.${format} \\(.*${id}\\.json, ${format}, [\\d,]+ bytes\\)$`, 'm'));
  return out;
}

const lines = (text: string) => text.split('\n');
function hasLines(all: readonly string[], expected: readonly string[], where: string): void {
  for (const line of expected) assert.ok(all.includes(line), `${where}: missing line ${JSON.stringify(line)}`);
}

for (const id of ['imrf-national-report', 'stakeholder-round-tables']) {
  test(`the fixture of ${id} is a valid response answering every kind of item the template has`, () => {
    const q = builtinQuestionnaire(id)!;
    const r = ItemResponse.parse(JSON.parse(readFileSync(join(fixtures, `${id}.json`), 'utf8')));
    assert.deepEqual(errorsOf(validate(q, r)), []);
    const kinds = new Set(answeredItems(q).map((w) => w.item.kind));
    const answered = new Set(Object.values(r.answers).map((a) => a.kind));
    assert.deepEqual([...kinds].filter((k) => !answered.has(k)), []);
  });
}

const report = {
  head: ['National report on the implementation of the Global Compact for Safe, Orderly and Regular Migration'],
  contact: ['Country: Republic of Arvenia', 'Coordinating institution: Arvenian Migration Policy Council', 'E-mail: review@migration.arvenia.example'],
  consent: ['May this report be published on the website of the United Nations Network on Migration? ☒=Yes ☐=No'],
  prose: [
    'A. How was this report prepared? Please describe the process and the ministries and other parts of government that took part (whole-of-government approach).',
    '3. Three hearings were held:',
    '• in Lesk, with employers',
    '1. Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
    'GCM Objectives: 1',
    'a. Progress: what has been done to implement this objective since the last review (policies, laws, programmes, partnerships), with figures where they exist?',
    '8. The Government seeks support to train consular staff.',
  ],
  table: [
    'Resources | 2022 | 2023 | 2024 | 2025',
    'Public budget for migration governance (US$) | 1200000 | 1450000 | 1600000 |',
    'Development cooperation received for migration (US$) |  |  |  |',
    'Staff of the national coordination mechanism (full-time equivalents) | 14 | 18 | 21 | 24',
    'Note: Budget figures in Arvenian marks, from the budget laws of each year.',
  ],
  attachment: ['Attached: arvenia-national-plan-2024.pdf', 'Attached: arvenia-budget-tables.xlsx'],
};

test('the national report exports to text: contact, consent, prose with footnotes, the table of figures, the annexes', async () => {
  const text = readFileSync(await exported('imrf-national-report', 'txt'), 'utf8');
  hasLines(lines(text), [...report.head, ...report.contact, ...report.consent, ...report.prose, ...report.table, ...report.attachment], 'txt');
  hasLines(lines(text), ['1. The Council drafted this report between March and June 20261, drawing on the records of eleven ministries.', 'A. Written comments came from fourteen organisations.2'], 'txt');
  // Footnotes at the end, in number order, each once.
  assert.match(text, /\n\n1 Arvenian Migration Policy Council, Review records 2026\. https:\/\/migration\.arvenia\.example\/review\n2 The comments are listed in annex 2\.\n3 Statistics Office of Arvenia, Quarterly migration flows\.\n$/);
  // The order of the form: the prompt before its answer, the table after its prompt, the annexes last.
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('A. How was this report prepared?') < at('1. The Council drafted') && at('E. Resources for implementing') < at('Resources | 2022') && at('Note: Budget') < at('G. Annexes'));
});

test('the national report exports to Word: real tables, check boxes and footnotes, in French with --language fr', async (t) => {
  const file = await exported('imrf-national-report', 'docx');
  const doc = await readDocx(readFileSync(file));
  hasLines(doc.lines, [...report.head, ...report.consent, ...report.prose, ...report.table, ...report.attachment], 'docx');
  hasLines(doc.lines, ['Country: Republic of Arvenia', '1. The Council drafted this report between March and June 2026⟦fn:1⟧, drawing on the records of eleven ministries.'], 'docx');
  assert.deepEqual(
    doc.footnotes?.map((f) => f.number),
    [1, 2, 3],
  );
  const french = await readDocx(readFileSync(await exported('imrf-national-report', 'docx', '--language', 'fr')));
  hasLines(french.lines, ['Rapport national sur la mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières', '8. The Government seeks support to train consular staff.'], 'docx fr');
  if (!needOffice(t)) return;
  const office = readFileSync(await convert(file, 'txt'), 'utf8');
  for (const s of ['Public budget for migration governance (US$)', 'The Council drafted this report', 'Attached: arvenia-budget-tables.xlsx']) assert.ok(office.includes(s), `LibreOffice reads ${s}`);
});

const stakeholder = [
  'Name of the organisation: Harbour Workers\' Solidarity Network',
  'What kind of organisation is it?',
  '☐ Civil society organisation',
  '☐ Trade union',
  "☒ Other (please specify): A network of dock workers' mutual aid funds",
  '1. Round table 1: Ensuring that migration is voluntary, orderly and regular (objectives 2, 5, 6, 12 and 18).',
  '2. Pre-departure training has improved since 2024.',
  'Our members run two welcome centres in Port Arven.',
];

test('the stakeholder questionnaire exports to text and Word: the options one a line with their boxes, the consent refused', async (t) => {
  const text = readFileSync(await exported('stakeholder-round-tables', 'txt'), 'utf8');
  hasLines(lines(text), [...stakeholder, '1. Recruitment fees are still charged to dock workers going abroad.1', '4. Data on seasonal workers should be published by sector.2'], 'txt');
  assert.match(text, /on the website of the United Nations Network on Migration\? ☐=Yes ☒=No\n/);
  const file = await exported('stakeholder-round-tables', 'docx');
  const doc = await readDocx(readFileSync(file));
  hasLines(doc.lines, [...stakeholder, '1. Recruitment fees are still charged to dock workers going abroad.⟦fn:1⟧'], 'docx');
  assert.ok(doc.lines.some((l) => l.endsWith('Network on Migration? ☐=Yes ☒=No')));
  const russian = readFileSync(await exported('stakeholder-round-tables', 'txt', '--language', 'ru'), 'utf8');
  assert.match(russian, /\p{Script=Cyrillic}/u);
  assert.ok(russian.includes('Recruitment fees are still charged'), 'the answers stay as written');
  if (!needOffice(t)) return;
  const office = readFileSync(await convert(file, 'txt'), 'utf8');
  assert.ok(office.includes("A network of dock workers' mutual aid funds"), 'LibreOffice reads the words given for "Other"');
});

test("a secretariat's own item-model questionnaire, added to the database, exports an ItemResponse too", async () => {
  const dataDir = join(work, 'data');
  const db = await openDatabase({ dataDir, databaseUrl: undefined });
  try {
    await createServices(db).templates.add(systemActor, {
      id: 'arvenia-figures',
      title: 'Arvenian migration figures',
      items: [
        { kind: 'choice', key: 'sources', label: '1', prompt: 'Which sources do the figures come from?', multiple: true, options: [{ value: 'census', label: 'Census' }, { value: 'registers', label: 'Population registers' }, { value: 'other', label: 'Other', specify: true }] },
        { kind: 'table', key: 'arrivals', label: '2', prompt: 'Arrivals by year', rowHeading: 'Route', columns: [{ key: 'y2025', label: '2025' }, { key: 'y2026', label: '2026' }], rows: [{ key: 'sea', label: 'By sea' }, { key: 'air', label: 'By air' }] },
      ],
    });
  } finally {
    await db.close();
  }
  const from = join(work, 'figures.json');
  writeFileSync(
    from,
    JSON.stringify({
      templateId: 'arvenia-figures',
      answers: {
        sources: { kind: 'choice', selected: ['census', 'other'], specified: { other: 'harbour logs' } },
        arrivals: { kind: 'table', cells: { sea: { y2025: 410, y2026: 388 }, air: { y2026: 1200 } }, note: '' },
      },
    }),
  );
  const out = join(work, 'figures.txt');
  await run('--from', from, '--format', 'txt', '-o', out, '--data-dir', dataDir);
  assert.equal(
    readFileSync(out, 'utf8'),
    ['Arvenian migration figures', '1. Which sources do the figures come from?', '☒ Census\n☐ Population registers\n☒ Other: harbour logs', '2. Arrivals by year', 'Route | 2025 | 2026\nBy sea | 410 | 388\nBy air |  | 1200'].join('\n\n') + '\n',
  );
});

test('POST /api/exports lays out an ItemResponse on its questionnaire, in the language asked, as the CLI does', async () => {
  const app = await startTestApp({ name: 'pglite' });
  try {
    const u = await addUser(app.services, 'state-coordinator', 'XAA');
    const cookie = await app.signIn(u.user.email, u.password);
    const response = JSON.parse(readFileSync(join(fixtures, 'imrf-national-report.json'), 'utf8')) as unknown;
    const post = (query: string) =>
      fetch(`${app.url}/api/exports?${query}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ templateId: 'imrf-national-report', itemResponse: response }) });
    for (const language of ['en', 'fr']) {
      const res = await post(`format=txt&language=${language}`);
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(res.headers.get('content-disposition'), 'attachment; filename="XAA-imrf-national-report.txt"');
      assert.equal(await res.text(), readFileSync(await exported('imrf-national-report', 'txt', '--language', language), 'utf8'));
    }
    const docx = await post('format=docx');
    hasLines((await readDocx(new Uint8Array(await docx.arrayBuffer()))).lines, report.table, 'docx over HTTP');
    const refused = await post('format=txt&language=zh');
    assert.equal(refused.status, 400);
  } finally {
    await app.close();
  }
});

test('an ItemResponse that does not fit, or a language the template lacks, is refused in one line', async () => {
  const bad = join(work, 'bad.json');
  writeFileSync(bad, JSON.stringify({ templateId: 'stakeholder-round-tables', answers: { consent: { kind: 'choice', selected: 'yes' } } }));
  await assert.rejects(run('--from', bad, '--template', 'stakeholder-round-tables', '--format', 'txt', '-o', join(work, 'bad.txt')), /bad\.json is not a valid response: answers\.consent/);
  await assert.rejects(
    run('--from', join(fixtures, 'stakeholder-round-tables.json'), '--template', 'stakeholder-round-tables', '--language', 'zh', '-o', join(work, 'zh.txt')),
    /not available in "zh"; available: en, fr, ru/,
  );
});

test('apac-2020 from its item-model questionnaire and an ItemResponse prints as its fixed-slot template does, in every language', () => {
  const q = builtinQuestionnaire('apac-2020')!;
  const arvenia = demoResponse('arvenia');
  for (const language of ['en', 'fr', 'ru']) {
    assert.equal(exportText(q, fromLegacyResponse(q, arvenia), language), exportText(templateIn(builtinTemplate('apac-2020')!, language), arvenia), language);
  }
});

test('a footnote cited ahead of its turn (8 after 3, with 4 to 7 further on) comes back from the text export as a footnote', async () => {
  const template = builtinTemplate('apac-2020')!;
  const note = (n: number) => ({ number: n, text: `Arvenian Labour Office, bulletin ${n}.`, urls: [] });
  const response = Response.parse({
    templateId: 'apac-2020',
    state: { iso3: 'XAA', name: 'Republic of Arvenia' },
    answers: [
      { question: '1a', paragraphs: [{ number: 1, text: 'Departures rose by a tenth. Most went by sea. Few came back.', footnotes: [1, 2, 3], anchors: [26, 45, 59] }, { number: 2, text: 'A fund was set up in 2021 with donor help.', footnotes: [8] }] },
      { question: '1b', paragraphs: [{ number: 3, text: 'Four laws were passed. A fifth is pending.', footnotes: [4, 5], anchors: [22, 42] }, { number: 4, text: 'Courts heard wage cases. And housing cases.', footnotes: [6, 7], anchors: [24, 43] }] },
    ],
    footnotes: [1, 2, 3, 4, 5, 6, 7, 8].map(note),
  });
  const from = join(work, 'ahead.json');
  writeFileSync(from, JSON.stringify(response));
  const out = join(work, 'ahead.txt');
  await run('--from', from, '--format', 'txt', '-o', out);
  assert.ok(lines(readFileSync(out, 'utf8')).includes('2. A fund was set up in 2021 with donor help.8'));
  const back = await importDocument(readFileSync(out), 'ahead.txt', template);
  const cited = back.answers.flatMap((a) => a.paragraphs.map((p) => ({ text: p.text, footnotes: p.footnotes })));
  assert.deepEqual(cited, [
    { text: 'Departures rose by a tenth. Most went by sea. Few came back.', footnotes: [1, 2, 3] },
    { text: 'A fund was set up in 2021 with donor help.', footnotes: [8] },
    { text: 'Four laws were passed. A fifth is pending.', footnotes: [4, 5] },
    { text: 'Courts heard wage cases. And housing cases.', footnotes: [6, 7] },
  ]);
  assert.deepEqual(
    back.footnotes.map((f) => f.number),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
});
