import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate, type Template } from '../domain/template.ts';
import { mapDocument } from './mapper.ts';
import { marker } from './source.ts';
import type { ImportResult } from './types.ts';

// A secretariat's own questionnaire: other labels, other prompts, other box labels. Nothing in
// the importer knows these words; they come from the template.
const parsed = parseTemplate({
  id: 'pacific-stakeholders-2024',
  title: 'Stakeholder consultation on the Global Compact for Migration',
  respondentType: 'stakeholder',
  contactFields: [
    { key: 'organisation', label: 'Organisation' },
    { key: 'contactPerson', label: 'Contact person' },
    { key: 'email', label: 'Email address', kind: 'email' },
    { key: 'country', label: 'Country of operation', kind: 'country' },
  ],
  consent: { prompt: 'May we publish your contribution on the consultation website?', yesLabel: 'Agree', noLabel: 'Disagree' },
  instructions: ['Answer in your own words; about 300 words per question are enough.'],
  clusters: [
    {
      number: 1,
      title: 'Safe and regular pathways',
      objectives: [5, 6],
      heading: 'Part A of the consultation',
      questions: [
        { key: '1a', label: 'a', prompt: 'Which pathways for regular migration do the people you work with use?' },
        { key: '1b', label: 'b', prompt: 'What keeps them from using those pathways?' },
      ],
    },
  ],
  principlesQuestion: { key: '2', prompt: 'Which guiding principles does your work apply, and how?' },
  principles: [
    { key: 'human-rights', title: 'Human rights' },
    { key: 'gender-responsive', title: 'Gender-responsive' },
  ],
  openQuestions: [{ key: '3', label: '3', prompt: 'What should States do first?' }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const template: Template = parsed.value;

const doc = (text: string) => ({ format: 'txt' as const, lines: text.split('\n') });

function accountedFor(r: ImportResult): void {
  const a = r.import.accounting;
  assert.equal(a.charsPlaced + a.charsTemplate + a.charsUnplaced, a.charsIn, `accounting ${JSON.stringify(a)}`);
}

test("a secretariat's own template drives the mapping: its labels, prompts, principles and box labels", async () => {
  const r = await mapDocument(
    template,
    doc(`Stakeholder consultation on the Global Compact for Migration
Answer in your own words; about 300 words per question are enough.
Organisation: Harbour Workers Union
Contact person: Mele Tau
Email address: mele.tau@hwu.example
Country of operation: Coralia
May we publish your contribution on the consultation website?  [x] Agree  [ ] Disagree
Part A of the consultation
1. Safe and regular pathways
GCM objectives 5, 6
a) Which pathways for regular migration do the people you work with use?
Most members travel on seasonal work visas arranged by licensed agencies.
Some go on student visas and change status later.
b) What keeps them from using those pathways?
Fees, and the distance to the nearest consulate.
2. Which guiding principles does your work apply, and how?
Human rights ☒ Yes ☐ No Our legal clinic takes up unpaid wage claims.
Gender-responsive ☐ Yes ☒ No
3. What should States do first?
Publish the fees that agencies may charge.`),
  );
  assert.equal(r.templateId, 'pacific-stakeholders-2024');
  assert.deepEqual(r.contact, { organisation: 'Harbour Workers Union', contactPerson: 'Mele Tau', email: 'mele.tau@hwu.example', country: 'Coralia' });
  assert.deepEqual(r.state, { iso3: 'XAC', name: 'Federated Islands of Coralia' });
  assert.equal(r.consent, 'yes');
  assert.deepEqual(
    r.answers.map((a) => [a.question, a.paragraphs.map((p) => p.text)]),
    [
      ['1a', ['Most members travel on seasonal work visas arranged by licensed agencies.', 'Some go on student visas and change status later.']],
      ['1b', ['Fees, and the distance to the nearest consulate.']],
      ['3', ['Publish the fees that agencies may charge.']],
    ],
  );
  assert.deepEqual(r.principles, [
    { principle: 'human-rights', integrated: 'yes', explanation: 'Our legal clinic takes up unpaid wage claims.' },
    { principle: 'gender-responsive', integrated: 'no', explanation: '' },
  ]);
  assert.deepEqual(r.import.unplaced, []);
  assert.deepEqual(
    r.import.warnings.filter((w) => w.severity !== 'info').map((w) => w.code),
    [],
  );
  accountedFor(r);
});

test('text that is neither the form nor an answer is left over, with its line, and counted', async () => {
  const r = await mapDocument(
    template,
    doc(`Stakeholder consultation on the Global Compact for Migration
Draft 3 - for internal review only
Organisation: Harbour Workers Union
a) Which pathways for regular migration do the people you work with use?
Seasonal visas.
END`),
  );
  assert.deepEqual(r.import.unplaced, [
    { line: 2, text: 'Draft 3 - for internal review only' },
    { line: 6, text: 'END' },
  ]);
  assert.equal(r.import.accounting.charsUnplaced, 'Draft3-forinternalreviewonly'.length + 3);
  assert.ok(r.import.warnings.some((w) => w.code === 'unplaced-text' && w.line === 2));
  assert.ok(r.import.warnings.some((w) => w.code === 'prompt-not-found' && w.question === '1b'));
  assert.ok(r.import.warnings.some((w) => w.code === 'missing-answer' && w.question === '1b'));
  accountedFor(r);
});

test('with native footnotes (DOCX) the markers are the explicit ones and nothing is guessed', async () => {
  const r = await mapDocument(template, {
    format: 'docx',
    lines: [
      'a) Which pathways for regular migration do the people you work with use?',
      `1. Seasonal visas${marker(1)}, with 2,400 workers in 2022 and ports8 busy.`,
      `2. Student visas.${marker(2)}`,
    ],
    footnotes: [
      { number: 1, text: 'Labour office, Seasonal Work Statistics 2022. https://stats.example/seasonal-2022' },
      { number: 2, text: 'Education ministry, Student Visas.' },
    ],
  });
  const paragraphs = r.answers.find((a) => a.question === '1a')!.paragraphs;
  assert.deepEqual(
    paragraphs.map((p) => [p.number, p.text, p.footnotes, p.anchors]),
    [
      [1, 'Seasonal visas, with 2,400 workers in 2022 and ports8 busy.', [1], [14]],
      [2, 'Student visas.', [2], [14]],
    ],
  );
  assert.deepEqual(r.footnotes[0], { number: 1, text: 'Labour office, Seasonal Work Statistics 2022. https://stats.example/seasonal-2022', urls: ['https://stats.example/seasonal-2022'] });
  accountedFor(r);
});

test('wrapped lines are joined; a line-final hyphen is kept and never followed by a space', async () => {
  const r = await mapDocument(
    template,
    doc(`a) Which pathways for regular migration do the people you work with use?

1. During the COVID-

19 pandemic evidence-

based planning and cross-

border visas helped.`),
  );
  assert.equal(r.answers[0]!.paragraphs[0]!.text, 'During the COVID-19 pandemic evidence-based planning and cross-border visas helped.');
});

test('a row of the principles table ends the footnote before it, with no leading space or blank line to say so', async () => {
  // Lines as a Word document or a re-made PDF gives them: trimmed, the row right under the note.
  const r = await mapDocument(
    template,
    doc(`a) Which pathways for regular migration do the people you work with use?

1. Seasonal visas, mostly for fruit picking.1

2. Which guiding principles does your work apply, and how?

Human rights  ☒=Agree  ☐=Disagree

1 Harbour Workers Union, Survey of Members 2023. https://hwu.example/survey-2023
Gender-responsive  ☒=Agree  ☐=Disagree`),
  );
  assert.deepEqual(r.footnotes.map((f) => f.text), ['Harbour Workers Union, Survey of Members 2023. https://hwu.example/survey-2023']);
  assert.deepEqual(r.principles.map((p) => [p.principle, p.integrated]), [['human-rights', 'yes'], ['gender-responsive', 'yes']]);
  accountedFor(r);
});

test('a prompt wrapped on a narrow page, down to one word a line, is still the form, and a link cut at a line end is one link', async () => {
  const r = await mapDocument(
    template,
    doc(`a) Which pathways for regular migration do the people you work

with

use?

1. Seasonal visas, as the union reports.1

1 Harbour Workers Union, Survey of Members 2023. https://hwu.example/surveys/members-

2023

https://hwu.example/surveys/members-
2023
b) What keeps them from using those pathways?`),
  );
  assert.deepEqual(r.answers[0]!.paragraphs.map((p) => p.text), ['Seasonal visas, as the union reports.']);
  assert.deepEqual(r.footnotes[0]!.urls, ['https://hwu.example/surveys/members-2023']);
  assert.deepEqual(r.import.unplaced, []);
  accountedFor(r);
});

test('the consent boxes wrapped onto a line of their own leave their closing bracket to the form', async () => {
  const r = await mapDocument(
    template,
    doc(`Organisation: Harbour Workers Union
(May we publish your contribution on the consultation website?
☒=Agree ☐=Disagree )
a) Which pathways for regular migration do the people you work with use?
Seasonal visas.`),
  );
  assert.equal(r.consent, 'yes');
  assert.deepEqual(r.import.unplaced, []);
  accountedFor(r);
});
