import { test } from 'node:test';
import assert from 'node:assert/strict';
import apacData from '../../test/fixtures/apac-2020.fixed-slots.json' with { type: 'json' };
import { parseTemplate, type Template, type TemplateInput } from './template.ts';
import { emptyResponse, Response, type ResponseInput } from './response.ts';
import { checkResponse, issueCodes, validateResponse, type ResponseIssue } from './validation.ts';

function template(overrides: Partial<TemplateInput> = {}): Template {
  const parsed = parseTemplate({
    id: 'mini',
    title: 'A small questionnaire',
    contactFields: [
      { key: 'country', label: 'Country', kind: 'country' },
      { key: 'email', label: 'E-mail', kind: 'email' },
      { key: 'fax', label: 'Fax', required: false },
    ],
    consent: { prompt: 'May we publish your report?' },
    clusters: [
      {
        number: 1,
        title: 'Ensuring that migration is voluntary, orderly and regular',
        objectives: [2, 5],
        questions: [
          { key: '1a', label: 'a', prompt: 'Levels and trends?', wordGuidance: 100 },
          { key: '1b', label: 'b', prompt: 'Actions?' },
        ],
      },
    ],
    principlesQuestion: { key: '5', prompt: 'Which principles?' },
    principles: [
      { key: 'human-rights', title: 'Human rights' },
      { key: 'child-sensitive', title: 'Child-sensitive' },
    ],
    openQuestions: [{ key: '6', label: '6', prompt: 'The 2030 Agenda?' }],
    ...overrides,
  });
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
  return parsed.value;
}

/** A response with nothing to report on `template()`; each test spoils one thing. */
function complete(changes: Partial<ResponseInput> = {}): Response {
  return Response.parse({
    templateId: 'mini',
    state: { iso3: 'XAA', name: 'Republic of Arvenia' },
    contact: { country: 'Republic of Arvenia', email: 'review@labour.arvenia.example', fax: '' },
    consent: 'yes',
    answers: [
      { question: '1a', paragraphs: [{ number: 1, text: 'Departures rose to 98,400 in 2019.', footnotes: [1] }, { number: 2, text: 'Most were men.' }] },
      { question: '1b', paragraphs: [{ number: 3, text: 'The Act was amended in 2019.' }] },
      { question: '6', paragraphs: [{ text: 'Target 10.7 is reported on.' }] },
    ],
    principles: [
      { principle: 'human-rights', integrated: 'yes', explanation: 'The Act applies ILO standards.' },
      { principle: 'child-sensitive', integrated: 'no', explanation: 'Not yet.' },
    ],
    footnotes: [{ number: 1, text: 'Labour Migration Statistics 2019.', urls: ['https://stats.arvenia.example/2019'] }],
    ...changes,
  });
}

const codes = (issues: ResponseIssue[]) => issues.map((i) => i.code);

type AnswerInput = NonNullable<ResponseInput['answers']>[number];
const answers = (...byQuestion: [string, AnswerInput['paragraphs']][]): AnswerInput[] =>
  byQuestion.map(([question, paragraphs]) => ({ question, paragraphs }));

test('a complete, consistent response has nothing to report', () => {
  assert.deepEqual(validateResponse(template(), complete()), []);
});

test('every issue code is documented in issueCodes', () => {
  const r = complete({
    contact: {},
    consent: 'unanswered',
    answers: [{ question: '9', paragraphs: [{ number: 3, text: 'x', footnotes: [7] }] }],
    principles: [{ principle: 'planet' }],
  });
  for (const issue of validateResponse(template(), r)) assert.ok(issueCodes.includes(issue.code), issue.code);
});

test('an empty required contact field is reported kindly; an optional one is not', () => {
  const issues = validateResponse(template(), complete({ contact: { country: 'Republic of Arvenia', email: '  ' } }));
  assert.deepEqual(issues, [
    { severity: 'warning', code: 'empty-contact-field', field: 'email', message: 'The e-mail of the coordinating office is empty.' },
  ]);
});

test('a stakeholder template speaks of the respondent, not of a coordinating office', () => {
  const [issue] = validateResponse(template({ respondentType: 'stakeholder' }), complete({ contact: { country: 'Arvenia' } }));
  assert.equal(issue?.message, 'The e-mail of the respondent is empty.');
});

test('an e-mail that is not an address is pointed out; two addresses are accepted', () => {
  const bad = validateResponse(template(), complete({ contact: { country: 'Arvenia', email: 'ministry of labour' } }));
  assert.deepEqual(codes(bad), ['invalid-email']);
  assert.match(bad[0]!.message, /"ministry of labour", does not look like an e-mail address/);
  const two = validateResponse(template(), complete({ contact: { country: 'Arvenia', email: 'a@x.example; b@y.example' } }));
  assert.deepEqual(two, []);
});

test('consent left unanswered is a warning, only when the template asks for consent', () => {
  const issues = validateResponse(template(), complete({ consent: 'unanswered' }));
  assert.deepEqual(codes(issues), ['consent-unanswered']);
  assert.equal(issues[0]!.message, 'Consent to share the report is not answered yet: please choose "Yes" or "No".');
  assert.equal(issues[0]!.field, 'consent');
  assert.deepEqual(validateResponse(template({ consent: undefined }), complete({ consent: 'unanswered' })), []);
  assert.deepEqual(validateResponse(template(), complete({ consent: 'no' })), []);
});

test('a question without text is a missing answer, whether absent, empty or blank', () => {
  const r = complete({
    answers: answers(['1a', [{ number: 1, text: 'Departures rose.', footnotes: [1] }]], ['1b', [{ number: 2, text: '   \n ' }]]),
  });
  const issues = validateResponse(template(), r);
  assert.deepEqual(
    issues.map((i) => [i.code, i.question, i.message]),
    [
      ['missing-answer', '1b', 'Question 1b has no answer yet.'],
      ['missing-answer', '6', 'Question 6 has no answer yet.'],
    ],
  );
});

test('an answer to a question the form does not ask is an error, and so is a written answer to question 5 (its checklist is the answer)', () => {
  const r = complete();
  r.answers.push({ question: '11', paragraphs: [{ number: null, text: 'Extra.', footnotes: [] }] });
  r.answers.push({ question: '5', paragraphs: [{ number: null, text: 'How the principles were integrated.', footnotes: [] }] });
  const issues = validateResponse(template(), r);
  assert.deepEqual(
    issues.map((i) => [i.severity, i.code, i.question]),
    [
      ['error', 'unknown-question', '11'],
      ['error', 'principles-question-in-prose', '5'],
    ],
  );
  assert.equal(issues[0]!.message, 'There is an answer to question 11, which this questionnaire does not ask.');
  assert.equal(
    issues[1]!.message,
    'Question 5 is answered in the checklist of guiding principles: write the text in the explanation of each principle, not as an answer of its own.',
  );
});

test('checkResponse splits the findings: errors refuse a response, warnings and notes inform', () => {
  const r = complete({ consent: 'unanswered' });
  r.answers.push({ question: '5', paragraphs: [{ number: null, text: 'How the principles were integrated.', footnotes: [99] }] });
  const { errors, warnings } = checkResponse(template(), r);
  assert.deepEqual(codes(errors), ['principles-question-in-prose']);
  assert.deepEqual(codes(warnings), ['consent-unanswered', 'marker-without-footnote']);
  assert.deepEqual(checkResponse(template(), complete()), { errors: [], warnings: [] });
  const other = checkResponse(template(), complete({ templateId: 'apac-2020' }));
  assert.deepEqual(
    other.errors.map((i) => [i.code, i.message]),
    [['other-template', 'The response answers the questionnaire "apac-2020", not "mini".']],
  );
});

test('a question answered twice is an error (the form has one place for its answer), and the paragraphs of both are read together', () => {
  const r = complete();
  r.answers.push({ question: '1b', paragraphs: [{ number: 4, text: 'More actions.', footnotes: [] }] });
  assert.deepEqual(
    validateResponse(template(), r).map((i) => [i.severity, i.code, i.question]),
    [['error', 'duplicate-answer', '1b']],
    'paragraph 4 continues the numbering: no gap or order issue',
  );
});

test('an answer far longer than its word guidance is noted as information', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  const at = (n: number) =>
    complete({
      answers: answers(['1a', [{ number: 1, text: words(n - 1), footnotes: [1] }, { number: 2, text: 'end' }]], ['1b', [{ number: 3, text: 'x' }]], ['6', [{ text: 'y' }]]),
    });
  assert.deepEqual(validateResponse(template(), at(150)), [], '50% over the guidance is still fine');
  const issues = validateResponse(template(), at(151));
  assert.deepEqual(codes(issues), ['over-word-guidance']);
  assert.equal(issues[0]!.severity, 'info');
  assert.equal(issues[0]!.question, '1a');
  assert.match(issues[0]!.message, /^The answer to 1a has 151 words; the form suggests about 100\./);
});

test('unanswered principles, principles without explanation, and unknown principles', () => {
  const r = complete({
    principles: [
      { principle: 'human-rights', integrated: 'unanswered' },
      { principle: 'whole-of-planet', integrated: 'yes', explanation: 'x' },
    ],
  });
  const issues = validateResponse(template(), r);
  assert.deepEqual(
    issues.map((i) => [i.severity, i.code, i.principle]),
    [
      ['warning', 'principle-unanswered', 'human-rights'],
      ['warning', 'principle-unanswered', 'child-sensitive'],
      ['error', 'unknown-principle', 'whole-of-planet'],
    ],
  );
  assert.equal(issues[0]!.message, 'The guiding principle "Human rights" (question 5) is not marked yes or no.');
  assert.equal(issues[0]!.question, '5');

  const unexplained = validateResponse(template(), complete({ principles: [{ principle: 'human-rights', integrated: 'yes' }, { principle: 'child-sensitive', integrated: 'no', explanation: 'Not yet.' }] }));
  assert.deepEqual(codes(unexplained), ['principle-without-explanation']);
  assert.equal(unexplained[0]!.message, 'The guiding principle "Human rights" is marked yes without an explanation; the form asks for one.');
});

test('a marker citing a footnote that does not exist names the paragraph, however it is numbered', () => {
  const r = complete({
    answers: answers(
      ['1a', [{ number: 1, text: 'Departures rose.', footnotes: [1, 4] }]],
      ['1b', [{ number: 2, text: 'Acts.' }]],
      ['6', [{ text: 'Intro.' }, { label: 'A', text: 'Objective 6.', footnotes: [5] }, { text: 'Close.', footnotes: [6] }]],
    ),
  });
  const issues = validateResponse(template(), r);
  assert.deepEqual(
    issues.map((i) => [i.severity, i.code, i.question, i.paragraph, i.paragraphIndex, i.footnote, i.message]),
    [
      ['warning', 'marker-without-footnote', '1a', 1, 0, 4, 'Paragraph 1 in 1a cites footnote 4, but there is no footnote 4.'],
      ['warning', 'marker-without-footnote', '6', undefined, 1, 5, 'Item A in question 6 cites footnote 5, but there is no footnote 5.'],
      ['warning', 'marker-without-footnote', '6', undefined, 2, 6, 'The third paragraph of question 6 cites footnote 6, but there is no footnote 6.'],
    ],
  );
});

test('footnotes never cited and footnotes numbered twice', () => {
  const r = complete({
    footnotes: [
      { number: 1, text: 'Cited.' },
      { number: 3, text: 'Never cited.' },
      { number: 1, text: 'Same number again.' },
    ],
  });
  const issues = validateResponse(template(), r);
  assert.deepEqual(
    issues.map((i) => [i.severity, i.code, i.footnote, i.message]),
    [
      ['warning', 'duplicate-footnote', 1, 'There are two footnotes numbered 1.'],
      ['warning', 'footnote-never-cited', 3, 'Footnote 3 is never cited in the text.'],
    ],
  );
});

// Paragraph numbering: numbers run on across the questions in the order of the form.
const numbered = (...byQuestion: [string, (number | null)[]][]) =>
  complete({
    answers: byQuestion.map(([question, numbers]) => ({
      question,
      paragraphs: numbers.map((number) => ({ number, text: `Paragraph ${number ?? 'without number'}.`, footnotes: number === 1 ? [1] : [] })),
    })),
  });
const numberIssues = (r: Response) =>
  validateResponse(template(), r)
    .filter((i) => i.code.startsWith('paragraph-'))
    .map((i) => [i.code, i.question, i.paragraph, i.message]);

test('numbers continuous across questions, with unnumbered paragraphs between, are fine', () => {
  assert.deepEqual(numberIssues(numbered(['1a', [1, null, 2]], ['1b', [3, 4]], ['6', [null, null]])), []);
  assert.deepEqual(numberIssues(numbered(['1a', [1, 2]], ['1b', [3]], ['6', [4, 5]])), [], 'open questions may continue the numbers');
});

test('a jump in the numbers is a gap, named with both ends', () => {
  assert.deepEqual(numberIssues(numbered(['1a', [1, 2]], ['1b', [5]], ['6', [null]])), [
    ['paragraph-number-gap', '1b', 5, 'Paragraph 5 in 1b: the numbers jump from 2 (in 1a) to 5, so 3 and 4 are missing.'],
  ]);
  assert.deepEqual(numberIssues(numbered(['1a', [1, 3]], ['1b', [4]], ['6', [null]])), [
    ['paragraph-number-gap', '1a', 3, 'Paragraph 3 in 1a: the numbers jump from 1 to 3, so 2 is missing.'],
  ]);
  assert.deepEqual(numberIssues(numbered(['1a', [null]], ['1b', [3, 4]], ['6', [null]])), [
    ['paragraph-number-gap', '1b', 3, 'Paragraph 3 in 1b is the first numbered paragraph, so 1 and 2 are missing.'],
  ]);
});

test('a number used twice is a repetition; a number going back is out of order', () => {
  assert.deepEqual(numberIssues(numbered(['1a', [1, 2, 3]], ['1b', [3, 4]], ['6', [null]])), [
    ['paragraph-number-repeated', '1b', 3, 'Paragraph 3 in 1b: the number 3 is already used in 1a.'],
  ]);
  assert.deepEqual(numberIssues(numbered(['1a', [1, 2, 2, 3]], ['1b', [4]], ['6', [null]])), [
    ['paragraph-number-repeated', '1a', 2, 'Paragraph 2 in 1a: the number 2 is already used in 1a.'],
  ]);
  assert.deepEqual(numberIssues(numbered(['1a', [1, 2, 6]], ['1b', [3, 7]], ['6', [null]])), [
    ['paragraph-number-gap', '1a', 6, 'Paragraph 6 in 1a: the numbers jump from 2 to 6, so 3 to 5 are missing.'],
    ['paragraph-number-order', '1b', 3, 'Paragraph 3 in 1b comes after paragraph 6 in 1a; numbers are expected to rise in the order of the form.'],
  ]);
});

test('numbering that starts again in each question is reported once per question, not for every paragraph', () => {
  const issues = numberIssues(numbered(['1a', [1, 2, 3]], ['1b', [1, 2]], ['6', [1, 2, 3]]));
  assert.deepEqual(
    issues.map(([code, question]) => [code, question]),
    [
      ['paragraph-numbering-restarts', '1b'],
      ['paragraph-numbering-restarts', '6'],
    ],
  );
  assert.match(String(issues[0]![3]), /start again at 1 in 1b; .*\(the last number before was 3, in 1a\)\.$/);
});

test('the numbering check follows the order of the form, not the order answers are stored in', () => {
  assert.deepEqual(numberIssues(numbered(['6', [null]], ['1b', [3]], ['1a', [1, 2]])), []);
});

test('an untouched response to apac-2020 lists everything still to do', () => {
  const parsed = parseTemplate(apacData);
  assert.ok(parsed.ok);
  const issues = validateResponse(parsed.value, emptyResponse(parsed.value));
  const count = (code: string) => issues.filter((i) => i.code === code).length;
  assert.equal(count('empty-contact-field'), 7);
  assert.equal(count('consent-unanswered'), 1);
  assert.equal(count('missing-answer'), 21);
  assert.equal(count('principle-unanswered'), 10);
  assert.equal(issues.length, 39);
  assert.ok(issues.every((i) => i.severity === 'warning'));
});
