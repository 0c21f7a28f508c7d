import { fillPlaceholders } from '../domain/placeholders.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { builtinQuestionnaires, builtinTemplate, builtinTemplates, parseAnyTemplateFile, parseTemplateFile } from './builtin-templates.ts';
import { clusters as gcmClusters, principles as gcmPrinciples } from '../domain/reference.ts';
import { proseQuestions, type Template } from '../domain/template.ts';
import { testEnv } from '../config.ts';

/** apac-2020's fixed slots as written before they were derived from its questionnaire. */
const apacText = readFileSync(new URL('../../test/fixtures/apac-2020.fixed-slots.json', import.meta.url), 'utf8');
const apacData = () => JSON.parse(apacText) as Record<string, unknown> & { clusters: { questions: Record<string, unknown>[]; objectives: number[] }[] };

function apac(): Template {
  const t = builtinTemplate('apac-2020');
  assert.ok(t, 'the built-in template apac-2020 is missing');
  return t;
}

test('the built-in templates load, and apac-2020 is among them', () => {
  const all = builtinTemplates();
  assert.ok(all.some((t) => t.id === 'apac-2020'));
  assert.equal(builtinTemplates(), all, 'the result is cached');
  assert.equal(builtinTemplate('no-such-template'), undefined);
  assert.throws(() => {
    (apac().clusters as unknown[]).push({});
  }, TypeError, 'cached templates are frozen so that no caller changes them for everyone');
});

test('apac-2020 has the shape of the 2020 Asia-Pacific questionnaire', () => {
  const t = apac();
  assert.equal(t.title, 'Voluntary GCM Review');
  assert.deepEqual(t.meeting, {
    name: 'Asia-Pacific Regional Review of Implementation of the Global Compact for Safe, Orderly and Regular Migration',
    place: 'Bangkok',
    dates: '18-20 November 2020',
  });
  assert.deepEqual(
    t.contactFields.map((f) => [f.key, f.label, f.kind]),
    [
      ['country', 'Country', 'country'],
      ['office', 'Office', 'text'],
      ['name', 'Name', 'text'],
      ['title', 'Title/Position', 'text'],
      ['email', 'E-mail', 'email'],
      ['telephone', 'Telephone', 'tel'],
      ['mailingAddress', 'Mailing address', 'multiline'],
    ],
  );
  assert.match(t.returnInstructions ?? '', /31 August 2020.*escap-sdd@un\.org.*UNRNAP-regreviews@iom\.int/);
  assert.equal(t.instructions.length, 5);
  assert.equal(t.mandate.length, 3);
  assert.match(t.mandate[0]!, /\(OP48\).*\(OP50\)/);
  assert.match(t.mandate[2]!, /73\/326, OP21/);

  assert.deepEqual(
    t.clusters.map((c) => c.objectives),
    [
      [2, 5, 6, 12, 18],
      [4, 8, 9, 10, 11, 13, 21],
      [14, 15, 16, 19, 20, 22],
      [1, 3, 7, 17, 23],
    ],
  );
  assert.deepEqual(
    t.clusters.map((c) => c.title),
    gcmClusters.map((c) => c.title),
  );
  assert.deepEqual(
    proseQuestions(t).map((q) => q.key),
    ['1a', '1b', '1c', '1d', '2a', '2b', '2c', '2d', '3a', '3b', '3c', '3d', '4a', '4b', '4c', '4d', '6', '7', '8', '9', '10'],
  );
  assert.ok(proseQuestions(t).every((q) => q.wordGuidance === 500));
  assert.equal(t.principlesQuestion?.key, '5');
  assert.deepEqual(
    t.principles.map((p) => p.key),
    gcmPrinciples.map((p) => p.key),
  );
});

test('apac-2020 keeps the small wording differences between clusters, and no line-break hyphens', () => {
  const prompt = (key: string) => proseQuestions(apac()).find((q) => q.key === key)!.prompt;
  assert.match(prompt('1a'), /^Please highlight the migration levels/);
  assert.match(prompt('2a'), /^Please highlight migration levels/);
  assert.match(prompt('3d'), /lessons learned by your Government in implementing these objectives\.$/);
  assert.match(prompt('4d'), /best practices and lessons learned\.$/);
  assert.match(prompt('9'), /whole-of-government approach/);
  assert.ok(!apacText.includes('-\\n') && !/\w- \w/.test(apacText), 'a hyphen left over from a line break');
  assert.match(apac().clusters[1]!.title, /rights-based/);
  assert.match(apac().clusters[3]!.title, /evidence-based/);
});

// The form's own wording may be used; the seed's answers may not. This checks every sentence of
// the template against the filled-in form, so a typo in the template is caught.
test('every text of apac-2020 is worded as in the printed questionnaire', (t) => {
  const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_b049ce0a491c43b1.txt', import.meta.url));
  if (!existsSync(seedPath)) {
    if (testEnv.requireAll) assert.fail(`the seed questionnaire is missing at ${seedPath}`);
    t.skip('seed questionnaire not found; skipping the wording check');
    return;
  }
  // Rejoin words hyphenated across lines ("rights-\nbased") and collapse the PDF's line breaks.
  const normalise = (s: string) => s.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ').trim();
  const printed = normalise(readFileSync(seedPath, 'utf8'));
  // As a blank form prints it: each placeholder with the 2020 form's own words.
  const tpl = fillPlaceholders(apac());
  const texts = [
    tpl.title,
    tpl.subtitle!,
    tpl.meeting!.name,
    ...tpl.mandate,
    tpl.contactIntro!,
    ...tpl.contactFields.map((f) => `${f.label}:`),
    tpl.returnInstructions!,
    tpl.consent!.prompt,
    ...tpl.instructions,
    ...tpl.clusters.flatMap((c) => [c.title, c.heading!, `GCM Objectives: ${c.objectives.join(', ')}`]),
    ...tpl.clusters.flatMap((c) => c.questions.map((q) => `${q.label}. ${q.prompt}`)),
    `${tpl.principlesQuestion!.key}. ${tpl.principlesQuestion!.prompt}`,
    tpl.principlesQuestion!.explanationLabel!,
    ...tpl.principles.map((p) => p.title),
    tpl.openQuestionsHeading!,
    ...tpl.openQuestions.map((q) => `${q.label}. ${q.prompt}`),
  ];
  for (const text of texts) assert.ok(printed.includes(normalise(text)), `not in the printed form: "${text}"`);
});

test('parseTemplateFile reads the same template from JSON and from YAML', () => {
  const fromJson = parseTemplateFile(apacText, 'apac-2020.json');
  const fromYaml = parseTemplateFile(stringify(apacData()), 'apac-2020.yaml');
  assert.ok(fromJson.ok && fromYaml.ok);
  assert.deepEqual(fromYaml.value, fromJson.value);
  const guessed = parseTemplateFile(apacText, 'upload.txt');
  assert.ok(guessed.ok, 'JSON is recognised without a .json extension');
});

function problemsOf(text: string, fileName: string) {
  const parsed = parseTemplateFile(text, fileName);
  assert.equal(parsed.ok, false, `${fileName} should be refused`);
  return parsed.ok ? [] : parsed.problems;
}

test('a template with mistakes is refused with the path of each bad field', () => {
  const data = apacData();
  data.clusters[1]!.questions[0]!.prompt = '   ';
  data.clusters[2]!.objectives = [14, 24];
  data.clusters[3]!.questions[1]!.key = '4a';
  const problems = problemsOf(JSON.stringify(data, null, 2), 'mistakes.json');
  const byPath = new Map(problems.map((p) => [p.path, p.message]));
  assert.equal(byPath.get('clusters[1].questions[0].prompt'), 'must not be empty');
  assert.match(byPath.get('clusters[2].objectives') ?? '', /numbered 1 to 23/);
  assert.match(byPath.get('clusters[3].questions[1].key') ?? '', /"4a" is used twice \(first at clusters\.3\.questions\.0\.key\)/);
});

test('the same mistakes are found in YAML', () => {
  const data = apacData();
  delete data.title;
  data.clusters[0]!.questions[2]!.wordGuidance = -5;
  const problems = problemsOf(stringify(data), 'mistakes.yml');
  assert.deepEqual(problems.map((p) => p.path).sort(), ['clusters[0].questions[2].wordGuidance', 'title']);
});

test('JSON syntax errors name the line and column', () => {
  const [missingComma] = problemsOf('{\n  "id": "x"\n  "title": "T"\n}\n', 'broken.json');
  assert.equal(missingComma?.path, 'line 3, column 3');
  assert.match(missingComma?.message ?? '', /^not valid JSON: /);
  const [truncated] = problemsOf('{\n  "id": "x"\n', 'truncated.json');
  assert.equal(truncated?.path, 'line 3, column 1');
  assert.match(truncated?.message ?? '', /^not valid JSON: expected ',' or '}'/);
});

test('a key written twice in JSON is refused, though JSON.parse would accept it', () => {
  const [dup] = problemsOf('{\n  "id": "x",\n  "title": "A",\n  "title": "B"\n}\n', 'dup.json');
  assert.equal(dup?.path, 'line 4, column 3');
  assert.match(dup?.message ?? '', /the key "title" appears twice/);
});

test('YAML syntax errors and repeated keys name the line and column', () => {
  const [bad] = problemsOf('id: x\ntitle: [unclosed\ncontactFields: []\n', 'bad.yaml');
  assert.match(bad?.path ?? '', /^line \d+, column \d+$/);
  assert.match(bad?.message ?? '', /^not valid YAML: /);
  const [dup] = problemsOf('id: x\ntitle: A\ntitle: B\n', 'dup.yaml');
  assert.equal(dup?.path, 'line 3, column 1');
  assert.match(dup?.message ?? '', /the key "title" appears twice/);
});

test('an empty file or a file that is not an object is refused plainly', () => {
  assert.deepEqual(problemsOf(' \n', 'empty.yaml'), [{ path: '(file)', message: 'empty.yaml is empty.' }]);
  const [scalar] = problemsOf('just some words\n', 'words.yaml');
  assert.equal(scalar?.path, '(the template as a whole)');
});

test('the three built-ins are questionnaires; only apac-2020 fits fixed slots, derived from it', () => {
  assert.deepEqual(
    builtinQuestionnaires.map((q) => [q.id, builtinTemplate(q.id) !== undefined]),
    [
      ['apac-2020', true],
      ['imrf-national-report', false],
      ['stakeholder-round-tables', false],
    ],
  );
  assert.deepEqual(builtinTemplates().map((t) => t.id), ['apac-2020']);
  assert.equal(builtinTemplate('imrf-national-report'), undefined, 'no fixed slots for a template whose items do not fit them');
  const { $schema: _schema, ...written } = apacData();
  assert.deepEqual(apac(), written, 'the derived fixed slots are those apac-2020 has always had');
});

test('a template file in the item model (with items) is read as one, every bad field named', () => {
  const good = parseAnyTemplateFile(stringify({ id: 'arvenia-items', title: 'Arvenia', items: [{ kind: 'prose', key: '1', prompt: 'What changed?' }] }), 'arvenia.yaml');
  assert.ok(good.ok && 'items' in good.value && good.value.items.length === 1);
  const bad = parseAnyTemplateFile(JSON.stringify({ id: 'Bad Id', title: 'T', items: [{ kind: 'prose', key: '1', prompt: '' }, { kind: 'choice', key: '1', prompt: 'P', options: [] }] }), 'bad.json');
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.problems.map((p) => p.path),
    ['id', 'items[0].prompt', ...bad.problems.slice(2).map((p) => p.path)],
  );
  assert.ok(bad.problems.some((p) => p.path.startsWith('items[1]')), JSON.stringify(bad.problems));
  const fixed = parseAnyTemplateFile(apacText, 'apac-2020.json');
  assert.ok(fixed.ok && 'clusters' in fixed.value, 'a file without items is a fixed-slot template');
});

test('the YAML example in docs/templates.md is a valid template', () => {
  const md = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(md)?.[1];
  assert.ok(block, 'docs/templates.md has a YAML example');
  const parsed = parseTemplateFile(block, 'example.yaml');
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
});
