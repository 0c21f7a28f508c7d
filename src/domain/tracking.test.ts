import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Questionnaire } from './questionnaire/questionnaire.ts';
import { completenessOf, daysToDeadline, guardCell, trackingCsv, type TrackingRow } from './tracking.ts';

// A small form of every counted sort: prose with guidance, a table, the principles checklist; the contact block and the consent are not questions.
const template = Questionnaire.parse({
  id: 'small',
  version: 1,
  title: 'A small form',
  respondentType: 'state',
  language: 'en',
  items: [
    { kind: 'contact', key: 'contact', fields: [{ key: 'country', label: 'Country', type: 'country' }] },
    { kind: 'choice', key: 'consent', prompt: 'May we publish it?', role: 'publication-consent', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
    { kind: 'prose', key: '1a', prompt: 'Trends', wordGuidance: 500 },
    { kind: 'prose', key: '1b', prompt: 'Policies', wordGuidance: 300 },
    { kind: 'prose', key: '6', prompt: 'Anything else' },
    { kind: 'table', key: 'figures', prompt: 'Figures', columns: [{ key: 'year', label: 'Year' }], rows: [{ key: 'migrants', label: 'Migrants' }] },
    { kind: 'checklist', key: '5', prompt: 'Principles', role: 'guiding-principles', rows: [{ key: 'people-centred', text: 'People-centred' }, { key: 'rule-of-law', text: 'Rule of law' }] },
  ],
});

test('completeness counts answered questions and principles, and words against the guidance', () => {
  const paragraph = (text: string) => ({ number: null, text, footnotes: [] });
  const response = {
    answers: {
      contact: { kind: 'contact' as const, fields: { country: 'Arvenia' } },
      '1a': { kind: 'prose' as const, paragraphs: [{ ...paragraph('Four words are here.'), number: 1 }] },
      '1b': { kind: 'prose' as const, paragraphs: [paragraph('   ')] },
      '6': { kind: 'prose' as const, paragraphs: [paragraph('Two words')] },
      figures: { kind: 'table' as const, cells: { migrants: { year: 1200 } }, note: '' },
      '5': { kind: 'checklist' as const, rows: { 'people-centred': { value: 'no' as const, explanation: '' }, 'rule-of-law': { value: 'unanswered' as const, explanation: 'x' } } },
    },
  };
  assert.deepEqual(completenessOf(response, template), { questionsAnswered: 3, questionsTotal: 4, principlesAnswered: 1, principlesTotal: 2, words: 6, wordGuidance: 800 });
  assert.deepEqual(completenessOf(undefined, template), { questionsAnswered: 0, questionsTotal: 4, principlesAnswered: 0, principlesTotal: 2, words: 0, wordGuidance: 800 });
  // An answer left as the empty one is not an answer.
  assert.equal(completenessOf({ answers: { figures: { kind: 'table', cells: {}, note: '' } } }, template).questionsAnswered, 0);
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
