// `gcm-review template …` and `db …`/`user add`, run in-process on a PGlite data folder of their own.
// Each command opens the database anew, as it would from the shell: keep their number small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { builtinQuestionnaire } from '../../services/builtin-templates.ts';
import { CliError } from '../output.ts';
import { registerDbCommands } from './db.ts';
import { registerTemplateCommands } from './template.ts';

/** apac-2020's fixed slots as they have always been: what `template show apac-2020 --json` must print. */
const apacFixedSlotsFile = new URL('../../../test/fixtures/apac-2020.fixed-slots.json', import.meta.url);

const run = (...args: string[]) => runCommand([registerTemplateCommands, registerDbCommands], ...args);

const refused = (pattern: RegExp) => (err: unknown) => err instanceof CliError && pattern.test(err.message);

test('the three built-in templates are listed and shown without a database, and none is created', async (t) => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'gcm-cli-')), 'data');
  t.after(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));
  const list = JSON.parse(await run('template', 'list', '--json', '--data-dir', dataDir));
  assert.deepEqual(list, [
    { id: 'apac-2020', name: 'Asia-Pacific voluntary GCM review 2020', title: 'Voluntary GCM Review', version: 1, respondentType: 'state', builtIn: true, questionCount: 22, languages: ['en', 'fr', 'ru'] },
    { id: 'imrf-national-report', name: 'National report, objective by objective (IMRF)', title: 'National report on the implementation of the Global Compact for Safe, Orderly and Regular Migration', version: 1, respondentType: 'state', builtIn: true, questionCount: 99, languages: ['en', 'fr', 'ru'] },
    { id: 'stakeholder-round-tables', name: 'Stakeholder questionnaire, by round table', title: list[2].title, version: 1, respondentType: 'stakeholder', builtIn: true, questionCount: 5, languages: ['en', 'fr', 'ru'] },
  ]);
  const table = await run('template', 'list', '--data-dir', dataDir);
  assert.match(table, /^ID\s+NAME\s+VERSION\s+BUILT-IN\s+ANSWERED BY\s+LANGUAGES\s+QUESTIONS\n/);
  assert.match(table, /^apac-2020\s+Asia-Pacific voluntary GCM review 2020\s+1\s+yes\s+state\s+en, fr, ru\s+22$/m);
  assert.match(table, /^imrf-national-report\s+National report, objective by objective \(IMRF\)\s+1\s+yes\s+state\s+en, fr, ru\s+99$/m);
  assert.match(table, /^stakeholder-round-tables\s+Stakeholder questionnaire, by round table\s+1\s+yes\s+stakeholder\s+en, fr, ru\s+5$/m);
  assert.equal(table.trim().split('\n').length, 4);

  // apac-2020 prints the fixed slots it has always had (the acceptance check reads them), derived from its questionnaire.
  const { $schema: _schema, ...apacFixedSlots } = JSON.parse(readFileSync(apacFixedSlotsFile, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(JSON.parse(await run('template', 'show', 'apac-2020', '--json', '--data-dir', dataDir)), apacFixedSlots);
  const outline = await run('template', 'show', 'apac-2020', '--data-dir', dataDir);
  assert.match(outline, /^Cluster 1\. Ensuring that migration is voluntary, orderly and regular \(objectives 2, 5, 6, 12, 18\)$/m);
  assert.match(outline, /^ {2}4d +Please share some of the results/m);

  // The national report is written in the item model: its JSON is that model, its outline its sections and items.
  const national = JSON.parse(await run('template', 'show', 'imrf-national-report', '--json', '--data-dir', dataDir));
  assert.ok(Array.isArray(national.items) && !('clusters' in national));
  assert.deepEqual(national, builtinQuestionnaire('imrf-national-report'));
  const items = await run('template', 'show', 'imrf-national-report', '--data-dir', dataDir);
  assert.match(items, /^ {2}id imrf-national-report, version 1, built-in, answered by a state, languages en, fr, ru$/m);
  assert.match(items, /^ {2}12\. .+ \(objective 12\)$/m, 'a section with its number and objective');
  assert.match(items, /^ {6}12a +prose +Progress: /m, 'an item under it, with its number and kind');
  assert.match(items, /^ {7}contact +Country; /m);
  const fr = await run('template', 'show', 'stakeholder-round-tables', '--language', 'fr', '--data-dir', dataDir);
  assert.match(fr, /^ {4}1 +prose +Table ronde 1 : /m, 'in French');
  await assert.rejects(run('template', 'show', 'stakeholder-round-tables', '--language', 'de', '--data-dir', dataDir), refused(/not available in "de"; available: en, fr, ru/));

  await assert.rejects(run('template', 'show', 'nope', '--data-dir', dataDir), refused(/no template "nope". Built-in templates: apac-2020, imrf-national-report, stakeholder-round-tables/));
  const bad = join(dataDir, '..', 'bad.json');
  writeFileSync(bad, JSON.stringify({ id: 'bad', title: '', contactFields: [{ key: 'office', label: 'Office' }] }));
  await assert.rejects(run('template', 'add', bad, '--data-dir', dataDir), refused(/not a valid template; nothing was added:\n {2}title: must not be empty$/));
  // An item-model template is checked against the item model, every bad field named.
  const badItems = join(dataDir, '..', 'bad-items.yaml');
  writeFileSync(badItems, 'id: bad-items\ntitle: Figures\nitems:\n  - { kind: prose, key: "1", prompt: "" }\n  - { kind: table, key: "1", prompt: Arrivals, columns: [], rows: [{ key: n, label: N }] }\n  - { kind: dial, key: x }\n');
  await assert.rejects(run('template', 'add', badItems, '--data-dir', dataDir), (err: unknown) => {
    assert.ok(err instanceof CliError);
    assert.match(err.message, /^.*bad-items\.yaml is not a valid template; nothing was added:\n/);
    assert.match(err.message, /^ {2}items\[0\]\.prompt: /m);
    assert.match(err.message, /^ {2}items\[2\]\.kind: /m);
    return true;
  });
  assert.equal(existsSync(dataDir), false);
});

test('db migrate, user add, template add and db info work on a new data folder', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // Made step by step, the new store applies every migration; unpacked from the build's store image, it has them already.
  assert.match(await run('db', 'migrate', '--data-dir', dataDir), /(Applied \d+ migration\(s\):\n {2}0000_initial\n( {2}\S+\n)*|Up to date \(\d+ migration\(s\) applied before\)\.\n)$/);

  const created = await run('user', 'add', '--email', 'Ama@Example.test', '--name', 'Ama Arvenian', '--role', 'state-coordinator', '--state', 'xaa', '--data-dir', dataDir);
  assert.match(created, /^Created ama@example\.test \(state-coordinator, Republic of Arvenia\), id [0-9a-f-]{36}\nPassword \(shown only now, keep it safe\): [\w-]{20}\n$/);

  const file = join(dataDir, 'pilot.yaml');
  writeFileSync(file, 'id: arvenia-pilot\ntitle: Arvenia pilot review\ncontactFields:\n  - { key: office, label: Office }\nopenQuestions:\n  - { key: "6", prompt: How was the review prepared? }\n');
  assert.equal(await run('template', 'add', file, '--data-dir', dataDir), 'Added template arvenia-pilot, version 1: Arvenia pilot review\n');
  await assert.rejects(run('template', 'add', file, '--data-dir', dataDir), refused(/already has version 1/));
  assert.match(await run('template', 'list', '--data-dir', dataDir), /^arvenia-pilot\s+Arvenia pilot review\s+1\s+no\s+state\s+en\s+1$/m);
  assert.equal(JSON.parse(await run('template', 'show', 'arvenia-pilot', '--json', '--data-dir', dataDir)).title, 'Arvenia pilot review');

  // A template in the item model, in YAML: added, listed, shown as written.
  const items = join(dataDir, 'figures.yaml');
  writeFileSync(
    items,
    [
      'id: arvenia-figures',
      'title: { en: Migration figures, fr: Chiffres des migrations }',
      'languages: [en, fr]',
      'items:',
      '  - { kind: contact, key: contact, fields: [{ key: name, label: { en: Name, fr: Nom } }] }',
      '  - kind: section',
      '    label: "1"',
      '    heading: { en: Arrivals, fr: Arrivées }',
      '    children:',
      '      - { kind: table, key: 1a, label: a, prompt: { en: Arrivals by year, fr: Arrivées par année }, columns: [{ key: y2029, label: "2029", type: number }], rows: [{ key: n, label: { en: Arrivals, fr: Arrivées } }] }',
      '      - { kind: prose, key: 1b, label: b, prompt: { en: "What changed before {deadline|30 June 2030}?", fr: "Qu’est-ce qui a changé avant le {deadline|30 juin 2030} ?" } }',
      '',
    ].join('\n'),
  );
  assert.equal(await run('template', 'add', items, '--data-dir', dataDir), 'Added template arvenia-figures, version 1: Migration figures\n');
  assert.match(await run('template', 'list', '--data-dir', dataDir), /^arvenia-figures\s+Migration figures\s+1\s+no\s+state\s+en, fr\s+2$/m);
  const shown = JSON.parse(await run('template', 'show', 'arvenia-figures', '--json', '--data-dir', dataDir));
  assert.deepEqual(shown.title, { en: 'Migration figures', fr: 'Chiffres des migrations' });
  const outline = await run('template', 'show', 'arvenia-figures', '--language', 'fr', '--data-dir', dataDir);
  assert.match(outline, /^ {4}1b +prose +Qu’est-ce qui a changé avant le 30 juin 2030 \?$/m, 'the blank form: the placeholder prints its own words');
  assert.match(outline, /^ {4}1a +table +Arrivées par année$/m);
  writeFileSync(join(dataDir, 'typo.yaml'), 'id: arvenia-typo\ntitle: T\nitems:\n  - { kind: prose, key: "1", prompt: "Held in {meeting.venue}" }\n');
  await assert.rejects(run('template', 'add', join(dataDir, 'typo.yaml'), '--data-dir', dataDir), refused(/^ {2}items\[0\]\.prompt: "\{meeting\.venue\}" is not a placeholder/m));

  const info = JSON.parse(await run('db', 'info', '--json', '--data-dir', dataDir));
  assert.equal(info.backend, 'pglite');
  assert.deepEqual([info.counts.users, info.counts.customTemplates, info.counts.auditEvents], [1, 2, 3]);
});

