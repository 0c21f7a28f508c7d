// The fictional responses are demo data and test fixtures at once: they must stay valid, varied
// and free of any sentence from the real questionnaire in ../shared/seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Response, answerTo, answerWordCount } from '../../domain/response.ts';
import { fictionalStates } from '../../domain/reference.ts';
import { proseQuestions } from '../../domain/template.ts';
import { validateResponse } from '../../domain/validation.ts';
import { ItemResponse, consentIn } from '../../domain/questionnaire/response.ts';
import { errorsOf, validate } from '../../domain/questionnaire/validate.ts';
import { builtinQuestionnaire } from '../../domain/questionnaire/builtin/index.ts';
import { builtinTemplate } from '../../services/builtin-templates.ts';
import { testEnv } from '../../config.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../..');
const template = builtinTemplate('apac-2020')!;
const clusterKeys = template.clusters.flatMap((c) => c.questions.map((q) => q.key));

function load(path: string): { raw: unknown; response: Response } {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return { raw, response: Response.parse(raw) };
}
const demo = (name: string) => load(join(here, `${name}.json`));
const summary = (r: Response) => validateResponse(template, r).map((i) => `${i.severity} ${i.code}${i.question ? ` ${i.question}` : ''}${i.field ? ` ${i.field}` : ''}`);

test('each demo response is a complete Response for apac-2020 from a fictional State', () => {
  for (const name of ['arvenia', 'belmora', 'coralia']) {
    const { raw, response } = demo(name);
    assert.deepEqual(response, raw, `${name}.json has unknown keys or relies on defaults`);
    assert.equal(response.templateId, 'apac-2020');
    const state = fictionalStates.find((s) => s.iso3 === response.state?.iso3);
    assert.ok(state, `${name}.json is not from a fictional State`);
    assert.equal(response.state?.name, state.name);
    assert.equal(response.contact.country, state.name);
    for (const f of response.footnotes) for (const url of f.urls) assert.match(url, /^https:\/\/[a-z0-9.-]+\.example\//, `${name}: ${url} is not on an example domain`);
    for (const a of response.answers) {
      for (const p of a.paragraphs) {
        assert.ok(!/\^\d|\[\d+\]/.test(p.text), `${name} ${a.question}: a footnote marker was left in the text`);
        (p.anchors ?? []).forEach((offset) => assert.ok(offset <= p.text.length && /\S/.test(p.text.charAt(offset - 1))));
      }
    }
  }
});

test('Arvenia answers everything, with numbers running on from 1a to 4d', () => {
  const { response } = demo('arvenia');
  assert.deepEqual(summary(response), []);
  const numbers = clusterKeys.flatMap((k) => answerTo(response, k)!.paragraphs.map((p) => p.number));
  assert.deepEqual(
    numbers,
    numbers.map((_, i) => i + 1),
  );
  for (const k of clusterKeys) {
    const n = answerTo(response, k)!.paragraphs.length;
    assert.ok(n >= 2 && n <= 4, `${k} has ${n} paragraphs`);
  }
  for (const k of ['6', '7', '8', '9', '10']) assert.equal(answerTo(response, k)!.paragraphs[0]!.number, null, `${k} starts with unnumbered text`);
  assert.deepEqual(
    answerTo(response, '7')!.paragraphs.flatMap((p) => (p.label ? [p.label] : [])),
    ['A', 'B', 'C'],
  );
  assert.ok(response.answers.some((a) => a.paragraphs.some((p) => p.text.includes('\n• '))), 'a bullet list kept as lines');
  assert.equal(response.consent, 'yes');
  assert.ok(response.footnotes.length >= 5);
});

test('Belmora is a partial draft, and the checks say what is left to do', () => {
  const { response } = demo('belmora');
  assert.deepEqual(summary(response), [
    'warning empty-contact-field email',
    'warning consent-unanswered consent',
    'warning missing-answer 1c',
    'warning missing-answer 1d',
    'warning missing-answer 2d',
    'warning missing-answer 3c',
    'warning missing-answer 3d',
    'warning missing-answer 4b',
    'warning missing-answer 4c',
    'warning missing-answer 4d',
    'warning missing-answer 7',
    'warning missing-answer 8',
    'warning missing-answer 10',
    'warning paragraph-number-gap 3a',
    'info principle-without-explanation 5',
    'warning principle-unanswered 5',
    'warning principle-unanswered 5',
    'warning principle-unanswered 5',
    'warning principle-unanswered 5',
  ]);
  const messages = validateResponse(template, response).map((i) => i.message);
  assert.ok(messages.includes('The e-mail of the coordinating office is empty.'));
  assert.ok(messages.includes('Paragraph 13 in 3a: the numbers jump from 11 (in 2c) to 13, so 12 is missing.'));
});

test('Coralia is short but complete: consent refused, some principles not integrated', () => {
  const { response } = demo('coralia');
  assert.deepEqual(summary(response), []);
  assert.equal(response.consent, 'no');
  assert.ok(response.principles.some((p) => p.integrated === 'no'));
  for (const q of proseQuestions(template)) assert.ok(answerWordCount(answerTo(response, q.key)!) < 60, `${q.key} is meant to be short`);
});

test('the draft with slips triggers the checks a coordinator would want to see', () => {
  const { response } = load(join(root, 'test/fixtures/responses/arvenia-draft-with-slips.json'));
  assert.deepEqual(summary(response), [
    'warning invalid-email email',
    'warning consent-unanswered consent',
    'error unknown-question 11',
    'info paragraph-numbering-restarts 2a',
    'warning paragraph-number-gap 3a',
    'info principle-without-explanation 5',
    'warning marker-without-footnote 4b',
    'warning footnote-never-cited',
  ]);
});

const nationalReport = builtinQuestionnaire('imrf-national-report')!;
function loadNationalReport(): { raw: unknown; response: ItemResponse } {
  const raw: unknown = JSON.parse(readFileSync(join(here, 'belmora-national-report.json'), 'utf8'));
  return { raw, response: ItemResponse.parse(raw) };
}
const proseOf = (r: ItemResponse) => Object.entries(r.answers).flatMap(([key, a]) => (a.kind === 'prose' ? [{ key, paragraphs: a.paragraphs }] : []));

test("Belmora's national report is a draft in the item model: no error, a few paragraphs an answer, figures, consent", () => {
  const { raw, response } = loadNationalReport();
  assert.deepEqual(response, raw, 'belmora-national-report.json has unknown keys or relies on defaults');
  assert.equal(response.templateId, 'imrf-national-report');
  assert.equal(response.templateVersion, nationalReport.version);
  const state = fictionalStates.find((s) => s.iso3 === response.state?.iso3);
  assert.ok(state, 'the national report is not from a fictional State');
  assert.equal(response.state?.name, state.name);
  const contact = response.answers.contact;
  assert.equal(contact?.kind === 'contact' && contact.fields.country, state.name);

  const findings = validate(nationalReport, response);
  assert.deepEqual(errorsOf(findings), []);
  // A draft: some objectives are left for later, and nothing else is amiss.
  assert.deepEqual([...new Set(findings.map((f) => f.code))], ['missing-answer']);
  const answered = proseOf(response);
  assert.ok(answered.length >= 10, `${answered.length} prose answers`);
  for (const { key, paragraphs } of answered) assert.ok(paragraphs.length >= 2 && paragraphs.length <= 4, `${key} has ${paragraphs.length} paragraphs`);
  for (const key of ['method', 'consultation', 'assessment', 'means-of-implementation', 'conclusion']) assert.ok(answered.some((a) => a.key === key), key);
  // Numbered paragraphs, as the form asks, running on from 1.
  const numbers = answered.flatMap((a) => a.paragraphs.map((p) => p.number));
  assert.deepEqual(numbers, numbers.map((_, i) => i + 1));

  const figures = response.answers.figures;
  assert.ok(figures?.kind === 'table');
  assert.ok(Object.values(figures.cells).flatMap((row) => Object.values(row)).filter((v) => typeof v === 'number').length >= 2, 'a few figures');
  assert.equal(consentIn(nationalReport, response), 'yes');
  for (const f of response.footnotes) for (const url of f.urls) assert.match(url, /^https:\/\/[a-z0-9.-]+\.example\//, `${url} is not on an example domain`);
});

// Project rule: no sentence of the real answers may be copied into our fixtures.
test('no sentence of the seed questionnaire answers appears in the demo responses', (t) => {
  const seedPath = join(root, '../shared/seeds/000_b049ce0a491c43b1.txt');
  if (!existsSync(seedPath)) {
    if (testEnv.requireAll) assert.fail(`the seed questionnaire is missing at ${seedPath}`);
    t.skip('seed questionnaire not found; skipping the originality check');
    return;
  }
  const normalise = (s: string) => s.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ').toLowerCase();
  const seed = normalise(readFileSync(seedPath, 'utf8'));
  for (const name of ['arvenia', 'belmora', 'coralia']) {
    const { response } = demo(name);
    const texts = [...response.answers.flatMap((a) => a.paragraphs.map((p) => p.text)), ...response.principles.map((p) => p.explanation)];
    for (const sentence of texts.flatMap((x) => x.split(/(?<=[.:;])\s+|\n/))) {
      if (sentence.length >= 40) assert.ok(!seed.includes(normalise(sentence)), `${name}: "${sentence}" is in the seed`);
    }
  }
  const report = loadNationalReport().response;
  const texts = [...proseOf(report).flatMap((a) => a.paragraphs.map((p) => p.text)), ...report.footnotes.map((f) => f.text)];
  for (const sentence of texts.flatMap((x) => x.split(/(?<=[.:;])\s+|\n/))) {
    if (sentence.length >= 40) assert.ok(!seed.includes(normalise(sentence)), `belmora-national-report: "${sentence}" is in the seed`);
  }
});
