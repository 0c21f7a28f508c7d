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
});
