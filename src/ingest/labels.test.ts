// Labels that stand for a question's prompt, a message's furniture and references, answers as words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinTemplate } from '../services/builtin-templates.ts';
import { readYesNoWord } from './checkboxes.ts';
import { FormText } from './form-text.ts';
import { labelledStart, parseLabel } from './labels.ts';
import { messageParts } from './letter.ts';
import { textLines } from './lines.ts';
import { takeMarkers } from './markers.ts';

const form = new FormText(builtinTemplate('apac-2020')!);
const at = (line: string, cursor = -1, heading = false) => {
  const s = labelledStart(form, line, cursor, heading);
  return s ? (s.element.question ?? `${s.element.kind}${s.element.cluster ? ` ${s.element.cluster.number}` : ''}`) : null;
};

test('labels in the ways States write them', () => {
  assert.deepEqual(parseLabel('1a.'), { word: '', number: 1, letter: 'a', rest: '', restStart: 3 });
  assert.deepEqual(parseLabel('Question 1(a): Migration levels'), { word: 'question', number: 1, letter: 'a', rest: 'Migration levels', restStart: 15 });
  assert.equal(parseLabel('(b)')?.letter, 'b');
  assert.equal(parseLabel('2019.'), null);
  assert.equal(parseLabel('12,5 per cent'), null);
});

test('a label alone starts one of the next few questions; a worded label or a heading may carry a title', () => {
  assert.equal(at('1a.'), '1a');
  assert.equal(at('Q.1 (b)'), '1b');
  assert.equal(at('6.'), null, 'question 6 is too far from the start for a bare label');
  assert.equal(at('Question 6: The 2030 Agenda'), '6');
  assert.equal(at('Cluster 2: Border governance'), 'clusterTitle 2');
  assert.equal(at('1a. Coralia receives workers'), null, 'a label with text after it is a numbered paragraph');
  assert.equal(at('Questions 6 to 10', -1, true), 'openHeading');
  assert.equal(at('6'), null, 'a number alone is a page number');
  assert.equal(at('question 6).'), null, 'a lower-case word is the middle of a sentence');
});

test("an e-mail's headers, greeting and signature are furniture; its references list gives footnotes", () => {
  const { lines } = textLines(['From: A <a@b.example>', 'To: c@d.example', 'Subject: Reply', '', 'Dear colleagues,', '', '1a.', 'Text [1].', '', 'Kind regards,', '', 'A. Person', 'Ministry', '', 'References', '[1] A source,', 'https://x.example/a', '[2] Another.']);
  const parts = messageParts(lines);
  assert.deepEqual([...parts.furniture.values()], ['message header', 'message header', 'message header', 'greeting', 'signature', 'signature', 'signature']);
  assert.equal(lines[parts.referencesHeading!]!.text, 'References');
  assert.deepEqual(parts.references.map((r) => [r.number, r.lines.length]), [[1, 2], [2, 1]]);
});

test('"[n]" cites footnote n only when the references list has it', () => {
  assert.deepEqual(takeMarkers('rose in 2019 [1].', { next: 1 }, () => true), { text: 'rose in 2019.', footnotes: [1], anchors: [12] });
  assert.deepEqual(takeMarkers('rose in 2019 [1].', { next: 1 }, () => false).footnotes, []);
});

test('yes and no as words, in several languages, followed by an explanation or nothing', () => {
  assert.deepEqual(readYesNoWord(': yes - Workers were heard.'), { value: 'yes', end: 8 });
  assert.equal(readYesNoWord(' | Oui | ')?.value, 'yes');
  assert.equal(readYesNoWord('Нет')?.value, 'no');
  assert.equal(readYesNoWord(' | X | ')?.value, 'yes');
  assert.equal(readYesNoWord('No specific measure'), null, 'a sentence that begins with "No" is an explanation');
});
