import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completenessOf, daysToDeadline, guardCell, trackingCsv, type TrackingRow } from './tracking.ts';

const template = {
  clusters: [{ questions: [{ key: '1a', wordGuidance: 500 }, { key: '1b', wordGuidance: 300 }] }],
  openQuestions: [{ key: '6' }],
  principles: [{ key: 'people-centred' }, { key: 'rule-of-law' }],
} as unknown as Parameters<typeof completenessOf>[1];

test('completeness counts answered questions and principles, and words against the guidance', () => {
  const response = {
    answers: [
      { question: '1a', paragraphs: [{ number: 1, text: 'Four words are here.', footnotes: [] }] },
      { question: '1b', paragraphs: [{ number: null, text: '   ', footnotes: [] }] },
      { question: '6', paragraphs: [{ number: null, text: 'Two words', footnotes: [] }] },
      { question: '99', paragraphs: [{ number: null, text: 'not asked', footnotes: [] }] },
    ],
    principles: [
      { principle: 'people-centred', integrated: 'no' as const, explanation: '' },
      { principle: 'rule-of-law', integrated: 'unanswered' as const, explanation: 'x' },
    ],
  };
  assert.deepEqual(completenessOf(response, template), { questionsAnswered: 2, questionsTotal: 3, principlesAnswered: 1, principlesTotal: 2, words: 6, wordGuidance: 800 });
  assert.deepEqual(completenessOf(undefined, template), { questionsAnswered: 0, questionsTotal: 3, principlesAnswered: 0, principlesTotal: 2, words: 0, wordGuidance: 800 });
});

test('days to the deadline count whole days, negative past it', () => {
  assert.equal(daysToDeadline('2030-03-01', '2030-02-27'), 2);
  assert.equal(daysToDeadline('2030-03-01', '2030-03-01'), 0);
  assert.equal(daysToDeadline('2030-03-01', '2030-03-11'), -10);
});

test('CSV cells a spreadsheet would run are defused, and quoting is RFC 4180', () => {
  for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1']) assert.equal(guardCell(bad), `'${bad}`);
  assert.equal(guardCell('Arvenia'), 'Arvenia');
  const row: TrackingRow = {
    iso3: 'XAA',
    stateName: 'Arvenia, "Republic of"',
    coordinators: [{ name: '=cmd|calc', email: 'a@x.example' }],
    status: 'draft',
    version: 1,
    lastActivity: { at: '2030-01-02T03:04:05.000Z', by: '@me' },
    completeness: { questionsAnswered: 1, questionsTotal: 3, principlesAnswered: 0, principlesTotal: 10, words: 6, wordGuidance: 800 },
    consent: 'yes',
    daysToDeadline: -3,
  };
  const [, line] = trackingCsv([row]).split('\r\n');
  assert.equal(line, `XAA,"Arvenia, ""Republic of""",'=cmd|calc,a@x.example,draft,1,2030-01-02T03:04:05.000Z,'@me,1,3,0,10,6,800,yes,-3`);
});
