// changedItems compares what was written, item by item: ids and printed paragraph numbers aside,
// footnotes by their text where cited, empty the same as absent; itemWords counts a prose answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedItems, wholeResponse } from './item-changes.ts';
import { itemWords } from './progress.ts';
import type { ItemResponse } from './questionnaire/response.ts';

const response = (answers: ItemResponse['answers'], footnotes: ItemResponse['footnotes'] = [], attachments: ItemResponse['attachments'] = []): ItemResponse => ({
  templateId: 't',
  state: null,
  answers,
  footnotes,
  attachments,
});
const prose = (...texts: { text: string; number?: number | null; id?: string; footnotes?: number[] }[]) => ({
  kind: 'prose' as const,
  paragraphs: texts.map((p) => ({ number: null, footnotes: [], ...p })),
});

test('a paragraph added to 1a changes 1a only, though 1b is renumbered and given ids', () => {
  const before = response({ '1a': prose({ text: 'One.', number: 1 }), '1b': prose({ text: 'Two.', number: 2 }) });
  const after = response({ '1a': prose({ text: 'One.', number: 1, id: 'a1' }, { text: 'More.', number: 2 }), '1b': prose({ text: 'Two.', number: 3, id: 'b1' }) });
  assert.deepEqual(changedItems(before, after), ['1a']);
});

test('footnotes count where they are cited: renumbering changes nothing, a changed text changes the citing item', () => {
  const before = response({ '1a': prose({ text: 'A.', footnotes: [1] }), '1b': prose({ text: 'B.', footnotes: [2] }) }, [
    { number: 1, text: 'Source A', urls: [] },
    { number: 2, text: 'Source B', urls: [] },
  ]);
  const renumbered = response({ '1a': prose({ text: 'A.', footnotes: [2] }), '1b': prose({ text: 'B.', footnotes: [1] }) }, [
    { number: 2, text: 'Source A', urls: [] },
    { number: 1, text: 'Source B', urls: [] },
  ]);
  assert.deepEqual(changedItems(before, renumbered), []);
  const edited = response(before.answers, [before.footnotes[0]!, { number: 2, text: 'Source B, revised', urls: [] }]);
  assert.deepEqual(changedItems(before, edited), ['1b']);
});

test('an empty answer is no answer; other kinds and files are compared as they are', () => {
  const before = response({ '1a': prose(), consent: { kind: 'choice', selected: [], specified: {} } });
  assert.deepEqual(changedItems(before, response({ consent: { kind: 'choice', selected: [], specified: {} }, '1c': prose({ text: '' }) })), []);
  assert.deepEqual(changedItems(before, response({ ...before.answers, consent: { kind: 'choice', selected: ['yes'], specified: {} } })), ['consent']);
  const files = response(before.answers, [], [{ name: 'plan.pdf', mediaType: 'application/pdf', question: '1a' }, { name: 'all.pdf', mediaType: 'application/pdf' }]);
  assert.deepEqual(changedItems(before, files), [wholeResponse, '1a'].sort());
});

test('words are counted in prose answers only', () => {
  const r = response({ '1a': prose({ text: 'Our plan covers data.' }, { text: 'Since 2019.' }), consent: { kind: 'choice', selected: ['yes'], specified: {} } });
  assert.equal(itemWords(r, '1a'), 6);
  assert.equal(itemWords(r, 'consent'), 0);
  assert.equal(itemWords(r, '9z'), 0);
});
