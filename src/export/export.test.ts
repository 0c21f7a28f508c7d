// The DOCX and text exports of one small fictional response: both laid out like the form, and
// the DOCX read back by our own reader (Word numbering, footnotes, check boxes); both imported
// back with the paragraphs' numbers and texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Response } from '../domain/response.ts';
import { builtinTemplate } from '../services/builtin-templates.ts';
import { importDocument } from '../ingest/index.ts';
import { readDocx } from '../ingest/readers/docx.ts';
import { exportDocx } from './docx.ts';
import { exportText } from './txt.ts';
import { paragraphRuns } from './form-layout.ts';

const template = builtinTemplate('apac-2020')!;
const response = Response.parse({
  templateId: 'apac-2020',
  state: { iso3: 'XAB', name: 'Kingdom of Belmora' },
  contact: { country: 'Kingdom of Belmora', office: 'Office of Labour Mobility', mailingAddress: '2 Quay Street\nPort Belm' },
  consent: 'no',
  answers: [
    { question: '1a', paragraphs: [{ number: 1, text: 'Seasonal work grew in 2019. Most workers came by sea.', footnotes: [1], anchors: [27] }] },
    { question: '1b', paragraphs: [{ number: 2, text: 'Three measures:\n• a hotline\n• a fund' }, { number: 5, text: 'Numbers jump here.' }] },
    { question: '7', paragraphs: [{ number: null, text: 'Two objectives:' }, { number: null, label: 'A', text: 'Objective 6.', footnotes: [2] }] },
  ],
  principles: [{ principle: 'people-centred', integrated: 'yes', explanation: 'Workers were consulted.' }, { principle: 'human-rights', integrated: 'no', explanation: '' }],
  footnotes: [
    { number: 1, text: 'Belmora Labour Office, Seasonal Work 2019.', urls: ['https://labour.belmora.example/seasonal'] },
    { number: 2, text: 'Council decision 4/2020.', urls: [] },
  ],
});

test('paragraph runs cut the text at the footnote anchors', () => {
  assert.deepEqual(paragraphRuns(response.answers[0]!.paragraphs[0]!), [{ text: 'Seasonal work grew in 2019.' }, { footnote: 1 }, { text: ' Most workers came by sea.' }]);
  assert.deepEqual(paragraphRuns({ number: null, text: 'End', footnotes: [3] }), [{ text: 'End' }, { footnote: 3 }]);
});

test('the text export is laid out like the form', () => {
  const text = exportText(template, response);
  const has = (line: string) => assert.ok(text.split('\n').includes(line), `missing line: ${line}`);
  has('Country: Kingdom of Belmora');
  has('Mailing address: 2 Quay Street');
  has('Port Belm');
  has('E-mail:');
  assert.match(text, /in this regard\. ☐=Yes ☒=No$/m);
  has('1. Ensuring that migration is voluntary, orderly and regular');
  has('GCM Objectives: 2, 5, 6, 12, 18');
  has('1. Seasonal work grew in 2019.1 Most workers came by sea.');
  has('2. Three measures:');
  has('• a hotline');
  has('5. Numbers jump here.');
  has('People-centred | ☒=yes ☐=no | Workers were consulted.');
  has('Human rights | ☐=yes ☒=no |');
  has('National sovereignty | ☐=yes ☐=no |');
  has('Answer: Two objectives:');
  has('A. Objective 6.2');
  has('1 Belmora Labour Office, Seasonal Work 2019. https://labour.belmora.example/seasonal');
  has('2 Council decision 4/2020.');
  assert.ok(text.indexOf('a. Please highlight the migration levels') < text.indexOf('1. Seasonal work'));
});

test('the DOCX export reads back with Word numbering, footnotes and check boxes', async () => {
  const doc = await readDocx(await exportDocx(template, response));
  const has = (line: string) => assert.ok(doc.lines.includes(line), `missing line: ${line}`);
  has('Voluntary GCM Review');
  has('Country: Kingdom of Belmora');
  has('Mailing address: 2 Quay Street Port Belm');
  has('E-mail:');
  assert.ok(doc.lines.some((l) => l.endsWith('in this regard. ☐=Yes ☒=No')));
  has('1. Seasonal work grew in 2019.⟦fn:1⟧ Most workers came by sea.');
  has('2. Three measures:');
  has('• a hotline');
  has('5. Numbers jump here.');
  has('People-centred | ☒=yes ☐=no | Workers were consulted.');
  has('Human rights | ☐=yes ☒=no |');
  has('Answer: Two objectives:');
  has('A. Objective 6.⟦fn:2⟧');
  assert.deepEqual(doc.footnotes, [
    { number: 1, text: 'Belmora Labour Office, Seasonal Work 2019. https://labour.belmora.example/seasonal' },
    { number: 2, text: 'Council decision 4/2020.' },
  ]);
});

test('a blank form exports with every box empty and every question asked', async () => {
  const blank = Response.parse({ templateId: 'apac-2020' });
  const text = exportText(template, blank);
  assert.doesNotMatch(text, /☒/);
  for (const q of ['a. Please highlight the migration levels', '6. How is the Global Compact', '10. Given the outbreak of COVID-19']) assert.match(text, new RegExp(q));
  const doc = await readDocx(await exportDocx(template, blank));
  assert.equal(doc.lines.filter((l) => l === 'Answer:').length, template.openQuestions.length);
  assert.equal(doc.footnotes, undefined);
});

test('paragraphs come back from either export with their numbers, after an unnumbered one and out of order', async () => {
  // A response can hold its numbers in any order: swapping two paragraphs keeps each one's number.
  const shuffled = Response.parse({
    templateId: 'apac-2020',
    answers: [
      { question: '1a', paragraphs: [{ number: null, text: 'An introduction without a number.' }, { number: 1, text: 'The first paragraph.' }, { number: 2, text: 'The second.' }] },
      { question: '1b', paragraphs: [{ number: null, text: 'Another introduction.' }, { number: 4, text: 'Four, moved before three.' }, { number: 3, text: 'Three.' }, { number: 5, text: 'Five.' }] },
      { question: '1c', paragraphs: [{ number: 8, text: 'Eight comes first here.' }, { number: 6, text: 'Then six.' }, { number: 7, text: 'And seven.' }] },
      { question: '1d', paragraphs: [{ number: null, text: 'A last unnumbered one.' }, { number: 9, text: 'Nine.' }] },
    ],
  });
  await assertNumbersComeBack(shuffled);
});

test('a text that starts like a number already read, or far below the last one, comes back as text', async () => {
  await assertNumbersComeBack(
    Response.parse({
      templateId: 'apac-2020',
      answers: [
        { question: '1a', paragraphs: [{ number: 1, text: 'One.' }, { number: 2, text: 'Two.' }] },
        { question: '1b', paragraphs: [{ number: 6, text: 'Six.' }, { number: 11, text: 'Eleven.' }] },
        { question: '1c', paragraphs: [{ number: null, text: '6. Six again: paragraph 6 was read already.' }, { number: null, text: '4. Four: far below eleven.' }] },
      ],
    }),
  );
});

/** Exports the response to Word and to text, imports each file back: the same paragraphs, numbers and texts. */
async function assertNumbersComeBack(r: Response): Promise<void> {
  const paragraphs = (x: Response) => x.answers.filter((a) => a.paragraphs.length).map((a) => ({ question: a.question, paragraphs: a.paragraphs.map((p) => ({ number: p.number, text: p.text })) }));
  const files = { 'belmora.docx': await exportDocx(template, r), 'belmora.txt': new TextEncoder().encode(exportText(template, r)) };
  for (const [name, bytes] of Object.entries(files)) assert.deepEqual(paragraphs(await importDocument(bytes, name, template)), paragraphs(r), name);
}
