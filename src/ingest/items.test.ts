// The generic item importer on a questionnaire of a secretariat's own with one item of every kind,
// the form filled in by hand as docs/architecture.md says items print: each kind's reader, the
// footnotes numbered across the response, the accounting, and what is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { importItemDocument } from './index.ts';
import { importItems } from './items.ts';

const q = Questionnaire.parse({
  id: 'delta-survey',
  title: 'Delta survey on labour migration',
  subtitle: 'Prepared for {meeting.name}',
  introduction: ['Please answer every question that applies.'],
  items: [
    {
      kind: 'contact',
      key: 'contact',
      introduction: 'Who answers?',
      fields: [
        { key: 'country', label: 'Country', type: 'country' },
        { key: 'address', label: 'Address', type: 'multiline' },
        { key: 'email', label: 'E-mail', type: 'email' },
      ],
      afterword: 'Please return the form by {deadline} to {returnTo}.',
    },
    {
      kind: 'section',
      key: 'labour',
      label: '1',
      heading: 'Labour migration',
      introduction: ['The questions follow the Compact.'],
      concerns: { objectives: [5, 6] },
      children: [
        { kind: 'prose', key: '1a', label: 'a', prompt: 'What has changed since the last review?', guidance: 'Cite your sources in footnotes.' },
        {
          kind: 'choice',
          key: 'channels',
          label: 'b',
          prompt: 'Which channels are open to workers?',
          multiple: true,
          options: [
            { value: 'seasonal', label: 'Seasonal work' },
            { value: 'seasonal-care', label: 'Seasonal work in care' },
            { value: 'other', label: 'Other', specify: true },
          ],
        },
        {
          kind: 'checklist',
          key: 'principles',
          label: 'c',
          prompt: 'Which principles guide the policy?',
          answerLabel: 'Integrated',
          rows: [
            { key: 'rights', text: 'Human rights' },
            { key: 'gender', text: 'Gender-responsive' },
          ],
        },
        {
          kind: 'table',
          key: 'permits',
          label: 'd',
          prompt: 'Work permits issued',
          rowHeading: 'Permits',
          columns: [
            { key: 'y2024', label: '2024' },
            { key: 'y2025', label: '2025' },
          ],
          rows: [
            { key: 'first', label: 'First permits' },
            { key: 'renewed', label: 'Renewals' },
          ],
        },
        { kind: 'attachment', key: 'annexes', label: 'e', prompt: 'Please attach the permit statistics.' },
      ],
    },
    {
      kind: 'choice',
      key: 'consent',
      role: 'publication-consent',
      prompt: 'May we publish your answers?',
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
});

const form = `Delta survey on labour migration

Prepared for the Delta Regional Review 2027

Please answer every question that applies.

Who answers?

Country: Republic of Arvenia
Address: 12 Harbour Street
Port Arven
E-mail: labour@arvenia.example

Please return the form by 31 August 2027 to review@delta.example.

1. Labour migration

GCM Objectives: 5, 6

The questions follow the Compact.

a. What has changed since the last review?

Cite your sources in footnotes.

1. Seasonal permits now run for nine months instead of six, which employers asked for.1

2. A complaints line for workers opened in the spring.2

b. Which channels are open to workers?

[x] Seasonal work
☐ Seasonal work in care
☒ Other: Graduate traineeships
for two years

c. Which principles guide the policy?

Item | Integrated ☐=yes ☐=no | Explanation
Human rights | ☒=yes ☐=no | Inspections cover every farm.
Gender-responsive | ☐=yes ☒=no

d. Work permits issued

Permits | 2024 | 2025
First permits | 1,250 | 1 400
Renewals |  | 310
Note: Figures of the labour ministry.

e. Please attach the permit statistics.

Attached: permits-2025.xlsx

Here is a remark of our own.

May we publish your answers? ☒=Yes ☐=No

1 Ministry of Labour, circular 4/2026.
2 Workers' line annual report.
`;

test('each kind reads its answer from the lines after its prompt', () => {
  const first = 'Seasonal permits now run for nine months instead of six, which employers asked for.';
  const second = 'A complaints line for workers opened in the spring.';
  const r = importItems(q, { format: 'txt', lines: form.split('\n') });
  assert.deepEqual(r.answers.contact, { kind: 'contact', fields: { country: 'Republic of Arvenia', address: '12 Harbour Street\nPort Arven', email: 'labour@arvenia.example' } });
  assert.deepEqual(r.state, { iso3: 'XAA', name: 'Republic of Arvenia' });
  assert.deepEqual(r.answers['1a'], {
    kind: 'prose',
    paragraphs: [
      { number: 1, text: first, footnotes: [1], anchors: [first.length] },
      { number: 2, text: second, footnotes: [2], anchors: [second.length] },
    ],
  });
  // The longest label wins ("Seasonal work in care" is not "Seasonal work"); words to specify go on over lines.
  assert.deepEqual(r.answers.channels, { kind: 'choice', selected: ['seasonal', 'other'], specified: { other: 'Graduate traineeships\nfor two years' } });
  assert.deepEqual(r.answers.principles, {
    kind: 'checklist',
    rows: { rights: { value: 'yes', explanation: 'Inspections cover every farm.' }, gender: { value: 'no', explanation: '' } },
  });
  assert.deepEqual(r.answers.permits, { kind: 'table', cells: { first: { y2024: 1250, y2025: 1400 }, renewed: { y2025: 310 } }, note: 'Figures of the labour ministry.' });
  assert.deepEqual(r.answers.consent, { kind: 'choice', selected: ['yes'], specified: {} });
  assert.deepEqual(
    r.footnotes.map((f) => [f.number, f.text]),
    [
      [1, 'Ministry of Labour, circular 4/2026.'],
      [2, "Workers' line annual report."],
    ],
  );
});

test('text that belongs to no item is reported with its line, never dropped, and every character is accounted for', () => {
  const r = importItems(q, { format: 'txt', lines: form.split('\n') });
  // The attachment's reader cannot place the remark: it is left over, and the file is still read.
  assert.deepEqual(r.import.unplaced, [{ line: form.split('\n').indexOf('Here is a remark of our own.') + 1, text: 'Here is a remark of our own.' }]);
  assert.deepEqual(r.answers.annexes, { kind: 'attachment', attachments: [{ name: 'permits-2025.xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }] });
  const a = r.import.accounting;
  assert.equal(a.charsPlaced + a.charsTemplate + a.charsUnplaced, a.charsIn);
  assert.deepEqual(
    r.import.warnings.map((w) => w.code),
    ['row-without-explanation', 'unplaced-text'],
  );
  assert.equal(r.import.warnings[0]!.line, form.split('\n').indexOf('c. Which principles guide the policy?') + 1);
});

test('an item whose prompt is missing is said, and the answers around it are still read', async () => {
  const without = form.replace('d. Work permits issued\n', '');
  const r = await importItemDocument(new TextEncoder().encode(without), 'delta.txt', q);
  assert.ok(r.import.warnings.some((w) => w.code === 'prompt-not-found' && w.item === 'permits'));
  assert.deepEqual(r.answers.consent, { kind: 'choice', selected: ['yes'], specified: {} });
  assert.deepEqual(r.answers.permits, { kind: 'table', cells: {}, note: '' });
});
