import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import apacData from '../../../test/fixtures/apac-2020.fixed-slots.json' with { type: 'json' };
import { parseTemplate } from '../template.ts';
import { Response, emptyResponse as emptyLegacyResponse } from '../response.ts';
import { validateResponse } from '../validation.ts';
import { fromFixedSlots, fromLegacyResponse, legacyLosses, toLegacyResponse } from './legacy.ts';
import { ItemResponse, emptyResponse } from './response.ts';
import { errorsOf, validate } from './validate.ts';
import { walk } from './questionnaire.ts';
import { formWords } from './localize.ts';
import { FormText } from '../../ingest/form-text.ts';
import { words } from '../../ingest/tokens.ts';

const fixed = parseTemplate(apacData);
assert.ok(fixed.ok);
const apac = fromFixedSlots(fixed.value);
const demo = (name: string) => Response.parse(JSON.parse(readFileSync(new URL(`../../demo/responses/${name}.json`, import.meta.url), 'utf8')));

test('apac-2020 as items: contact, consent, instructions, four clusters of a-d, the principles checklist, questions 6-10', () => {
  const outline = walk(apac).map((w) => `${' '.repeat(w.sections.length * 2)}${w.item.kind} ${w.number ?? w.item.key}`);
  assert.deepEqual(outline.slice(0, 9), ['contact contact', 'choice consent', 'section instructions', 'section 1', '  prose 1a', '  prose 1b', '  prose 1c', '  prose 1d', 'section 2']);
  assert.deepEqual(outline.slice(-8), ['  prose 4d', 'checklist 5', 'section open-questions', '  prose 6', '  prose 7', '  prose 8', '  prose 9', '  prose 10']);
  const cluster2 = walk(apac).find((w) => w.number === '2b')!;
  assert.deepEqual(cluster2.concerns, { clusters: [2], objectives: [4, 8, 9, 10, 11, 13, 21] });
  const five = apac.items.find((i) => i.key === '5')!;
  assert.ok(five.kind === 'checklist' && five.role === 'guiding-principles');
  assert.deepEqual(
    five.rows.map((r) => r.key),
    fixed.value.principles.map((p) => p.key),
  );
});

test('each demo response converts to the answer map and back unchanged', () => {
  for (const name of ['arvenia', 'belmora', 'coralia']) {
    const legacy = demo(name);
    const items = fromLegacyResponse(apac, legacy);
    assert.deepEqual(ItemResponse.parse(items), items, `${name}: the answer map is a valid ItemResponse`);
    assert.deepEqual(toLegacyResponse(apac, items), legacy, name);
    assert.deepEqual(legacyLosses(apac, legacy), [], name);
  }
});

test('the converted answer map says what today\'s checks say, as warnings and errors of the item model', () => {
  const legacy = demo('belmora');
  const before = validateResponse(fixed.value, legacy);
  const after = validate(apac, fromLegacyResponse(apac, legacy));
  assert.deepEqual(errorsOf(after), []);
  // The same questions are missing, the same contact field is empty, consent is open in both.
  const pick = (codes: string[], list: { code: string; question?: string; item?: string; field?: string }[]) =>
    list.filter((f) => codes.includes(f.code)).map((f) => `${f.code} ${f.question ?? f.item ?? ''} ${f.field ?? ''}`.trim());
  assert.deepEqual(pick(['missing-answer'], after), pick(['missing-answer'], before));
  const emptyFields = (list: { code: string; field?: string }[]) => list.filter((f) => f.code === 'empty-contact-field').map((f) => f.field);
  assert.deepEqual(emptyFields(after), emptyFields(before));
  assert.deepEqual(emptyFields(after), ['email']);
  assert.equal(after.filter((f) => f.code === 'consent-unanswered').length, before.filter((f) => f.code === 'consent-unanswered').length);
  assert.equal(after.filter((f) => f.code === 'row-unanswered').length, before.filter((f) => f.code === 'principle-unanswered').length);
});

test('today\'s empty response is the item model\'s empty response', () => {
  const legacy = emptyLegacyResponse(fixed.value);
  const converted = fromLegacyResponse(apac, legacy);
  const empty = emptyResponse(apac);
  // Today's empty response lists no principle rows; the item model's lists every row as unanswered.
  assert.deepEqual({ ...converted.answers, '5': empty.answers['5'] }, empty.answers);
  assert.deepEqual(toLegacyResponse(apac, empty), { ...legacy, principles: fixed.value.principles.map((p) => ({ principle: p.key, integrated: 'unanswered', explanation: '' })) });
});

test('an answer to a question the form does not have survives the conversion, and is an error of the item model', () => {
  const legacy = Response.parse({ templateId: 'apac-2020', answers: [{ question: '11', paragraphs: [{ text: 'An extra answer.' }] }, { question: '6', paragraphs: [{ text: 'Six.' }] }] });
  const items = fromLegacyResponse(apac, legacy);
  assert.ok(validate(apac, items).some((f) => f.severity === 'error' && f.code === 'unknown-item' && f.item === '11'));
  assert.deepEqual(
    toLegacyResponse(apac, items).answers.map((a) => a.question),
    ['6', '11'],
    'answers come back in the order of the form, then the ones it does not have',
  );
});

test('formWords marks, in the same order, every place today\'s importer finds in an apac-2020 document', () => {
  // Today's importer (src/ingest/form-text.ts) finds cluster headings and titles, question prompts,
  // the principles prompt and the open-questions heading; the item model's markers must hold them all.
  const today = new FormText(fixed.value).elements.map((e) => e.words.join(' '));
  const markers = formWords(apac, 'en')
    .filter((w) => w.role === 'marker')
    .map((w) => words(w.text).join(' '));
  let at = 0;
  for (const element of today) {
    const found = markers.findIndex((m, i) => i >= at && m.endsWith(element));
    assert.ok(found >= 0, `"${element}" is not among the markers after ${at}`);
    at = found + 1;
  }
  assert.ok(today.length >= 4 * 6 + 7, `${today.length} elements`);
});

test('what has no place in the item template is left out of the answer map and named by legacyLosses', () => {
  const legacy = Response.parse({
    templateId: 'apac-2020',
    consent: 'yes',
    answers: [
      { question: '5', paragraphs: [{ text: 'A narrative answer to the principles question.' }] },
      { question: '6', paragraphs: [{ text: 'One.' }] },
      { question: '6', paragraphs: [{ text: 'Two.' }] },
    ],
    principles: [{ principle: 'human-rights', integrated: 'yes', explanation: 'Yes.' }],
  });
  const items = fromLegacyResponse(apac, legacy);
  assert.equal(items.answers['5']?.kind, 'checklist', 'the checklist keeps key 5; the narrative does not replace it');
  const six = items.answers['6'];
  assert.deepEqual(six?.kind === 'prose' ? six.paragraphs.map((p) => p.text) : [], ['One.', 'Two.']);
  assert.deepEqual(legacyLosses(apac, legacy), [
    'The written answer to 5 (1 paragraphs) is left out: in this template 5 is a checklist, not a prose question.',
    'The two answers to 6 are read as one, their paragraphs in order.',
  ]);
  const proseOnly = { ...apac, items: apac.items.filter((i) => i.kind === 'section') };
  // Without the checklist, 5 is a question the form does not have: its answer is kept (and validation reports it).
  assert.deepEqual(legacyLosses(proseOnly, legacy), [
    'The two answers to 6 are read as one, their paragraphs in order.',
    'The consent ("yes") is left out: the template has no publication-consent choice.',
    'The 1 principle rows are left out: the template has no checklist.',
  ]);
});
