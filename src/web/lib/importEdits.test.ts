import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Response } from '../../domain/response.ts';
import type { ImportResult } from '../api.ts';
import { findParagraph, moveParagraph, questionOrder, toResponse, warningTarget } from './importEdits.ts';

const p = (number: number | null, text: string) => ({ number, text, footnotes: [] });
const response: Response = {
  schemaVersion: 2,
  templateId: 't',
  state: { iso3: 'XAA', name: 'Republic of Arvenia' },
  contact: { country: 'Republic of Arvenia' },
  consent: 'yes',
  answers: [
    { question: '1a', paragraphs: [p(1, 'one'), p(2, 'two'), p(3, 'three')] },
    { question: '1b', paragraphs: [p(4, 'four'), p(6, 'six'), p(null, 'loose')] },
  ],
  principles: [],
  footnotes: [],
  attachments: [],
};

test('moveParagraph takes the paragraph out of one answer and puts it in number order into another', () => {
  const moved = moveParagraph(response, '1a', 2, '1b');
  assert.deepEqual(moved.answers[0]!.paragraphs.map((x) => x.text), ['one', 'two']);
  assert.deepEqual(moved.answers[1]!.paragraphs.map((x) => x.text), ['three', 'four', 'six', 'loose']);
  assert.deepEqual(response.answers[0]!.paragraphs.length, 3, 'the original is not changed');
});

test('moveParagraph appends unnumbered paragraphs and creates a missing answer', () => {
  const moved = moveParagraph(response, '1b', 2, '6');
  assert.deepEqual(moved.answers.map((a) => [a.question, a.paragraphs.length]), [['1a', 3], ['1b', 2], ['6', 1]]);
  assert.equal(moveParagraph(response, '1a', 9, '1b'), response, 'a paragraph that is not there moves nothing');
  assert.equal(moveParagraph(response, '1a', 0, '1a'), response);
});

test('findParagraph follows a numbered paragraph to where it is now', () => {
  assert.deepEqual(findParagraph(moveParagraph(response, '1a', 2, '1b'), 3), { question: '1b', index: 0 });
  assert.equal(findParagraph(response, 99), undefined);
});

test('toResponse strips the import report and source before saving', () => {
  const result: ImportResult = {
    ...response,
    import: { unplaced: [], warnings: [], accounting: { charsIn: 1, charsPlaced: 1, charsTemplate: 0, charsUnplaced: 0 } },
    source: { fileName: 'a.txt', format: 'txt', lines: ['x'] },
  };
  assert.deepEqual(toResponse(result), response);
});

test('questionOrder lists cluster questions then open questions', () => {
  const keys = questionOrder({
    clusters: [{ number: 1, title: 'c', objectives: [2], questions: [{ key: '1a', prompt: 'a', attachmentsAllowed: true }] }],
    openQuestions: [{ key: '6', prompt: 'six', attachmentsAllowed: true }],
  }).map((q) => q.key);
  assert.deepEqual(keys, ['1a', '6']);
});

test('warningTarget names the place a warning is about and finds the paragraph where it is now', () => {
  const template = { principles: [{ key: 'gender-responsive', title: 'Gender-responsive' }], contactFields: [{ key: 'email', label: 'E-mail', kind: 'email' as const, required: true }] };
  const moved = moveParagraph(response, '1a', 2, '1b');
  assert.deepEqual(warningTarget({ code: 'x', severity: 'info', message: 'm', question: '1a', paragraph: 3, line: 40 }, moved, template), {
    where: 'question 1a, paragraph 3, line 40',
    id: 'answer-1b-p0',
    line: 40,
  });
  assert.deepEqual(warningTarget({ code: 'x', severity: 'info', message: 'm', principle: 'gender-responsive', question: '5' }, response, template).where, 'question 5, principle “Gender-responsive”');
  assert.equal(warningTarget({ code: 'x', severity: 'info', message: 'm', field: 'email' }, response, template).id, 'import-contact-email');
  assert.deepEqual(warningTarget({ code: 'x', severity: 'info', message: 'm', line: 7 }, response), { where: 'line 7', id: null, line: 7 });
});
