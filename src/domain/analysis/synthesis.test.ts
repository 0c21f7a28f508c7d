// The synthesis on three fictional States' replies and one stakeholder's (text written for the
// tests, test/integration/synthesis-states.ts), each analysed with the built-in vocabulary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apac, arvenianAnswers, belmoranAnswers, coralianAnswers, stakeholderAnswers } from '../../../test/integration/synthesis-states.ts';
import type { Questionnaire } from '../questionnaire/questionnaire.ts';
import type { ItemResponse } from '../questionnaire/response.ts';
import { analyseResponse } from './analyse.ts';
import { excerptOf, synthesize, type SynthesisSource } from './synthesis.ts';
import { builtinVocabularies } from './vocabulary.ts';

function source(questionnaire: Questionnaire, response: ItemResponse): SynthesisSource {
  return { state: response.state!, questionnaire, response, analysis: analyseResponse(questionnaire, response, { vocabulary: builtinVocabularies.en! }) };
}

const q = apac();
const stakeholder = stakeholderAnswers();
const s = synthesize([
  source(q, coralianAnswers()),
  source(q, arvenianAnswers()),
  source(q, belmoranAnswers()),
  { ...source(stakeholder.questionnaire, stakeholder.response), state: stakeholder.state },
]);

describe('synthesis of a cycle', () => {
  it('lists the respondents by name, the stakeholder labelled as one', () => {
    assert.deepEqual(
      s.respondents.map((r) => [r.iso3, r.respondent, r.paragraphs]),
      [
        ['XAC', 'stakeholder', 1],
        ['XAC', 'state', 3],
        ['XAB', 'state', 5],
        ['XAA', 'state', 5],
      ],
    );
  });

  it('says per objective which States addressed it and in how many paragraphs, stakeholders apart', () => {
    const o23 = s.objectives.find((o) => o.number === 23)!;
    assert.equal(o23.cluster, 4);
    assert.deepEqual(o23.states.map((c) => [c.iso3, c.paragraphs]), [['XAB', 1], ['XAA', 1]]);
    assert.deepEqual(o23.stakeholders.map((c) => c.name), ['Coralian Migrant Workers Network']);
    const o1 = s.objectives.find((o) => o.number === 1)!;
    assert.deepEqual(o1.states.map((c) => c.iso3).sort(), ['XAA', 'XAC']);
    assert.equal(s.objectives.find((o) => o.number === 16)!.states.length, 0);
  });

  it('keeps the strongest excerpts with State, question and paragraph, explicit mentions first', () => {
    const o13 = s.objectives.find((o) => o.number === 13)!;
    const [top] = o13.excerpts;
    assert.deepEqual([top?.iso3, top?.question, top?.paragraph, top?.evidence], ['XAB', '2b', 2, ['Objective 13']]);
    assert.match(top!.text, /detention of children/);
    assert.ok(top!.confidence >= 0.9);
    for (const o of s.objectives) {
      assert.ok(o.excerpts.length <= 5);
      for (let i = 1; i < o.excerpts.length; i++) assert.ok(o.excerpts[i - 1]!.confidence >= o.excerpts[i]!.confidence);
    }
  });

  it('sums per round table, counting a paragraph once', () => {
    const c4 = s.clusters.find((c) => c.number === 4)!;
    assert.deepEqual(c4.objectives, [1, 3, 7, 17, 23]);
    assert.deepEqual(c4.states.map((c) => [c.iso3, c.paragraphs]), [['XAC', 1], ['XAB', 1], ['XAA', 2]]);
    assert.ok(c4.excerpts.length >= 3);
    const keys = c4.excerpts.map((e) => `${e.iso3}/${e.respondent}/${e.paragraph}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('gives the States × objectives matrix in paragraph counts', () => {
    const arvenia = s.objectiveMatrix.find((r) => r.iso3 === 'XAA')!;
    assert.equal(arvenia.counts.length, 23);
    for (const n of [1, 6, 23]) assert.ok(arvenia.counts[n - 1]! >= 1, `objective ${n}`);
    assert.equal(arvenia.counts[12], 0);
  });

  it('gives the States × principles matrix from the checklist, the stakeholder not asked', () => {
    const col = (key: string) => s.principleKeys.indexOf(key);
    const arvenia = s.principleMatrix.find((r) => r.iso3 === 'XAA')!;
    assert.deepEqual([arvenia.asked, arvenia.values[col('people-centred')], arvenia.values[col('gender-responsive')], arvenia.values[col('rule-of-law')]], [true, 'yes', 'no', 'unanswered']);
    assert.equal(s.principleMatrix.find((r) => r.respondent === 'stakeholder')!.asked, false);
  });

  it('tables the figures with their State, question and paragraph', () => {
    const remittances = s.figures.find((f) => f.unit === 'USD');
    assert.deepEqual(
      [remittances?.iso3, remittances?.question, remittances?.paragraph, remittances?.value, remittances?.year],
      ['XAB', '3b', 4, 2.1e9, 2022],
    );
    const women = s.figures.find((f) => f.iso3 === 'XAA' && f.unit === 'percent');
    assert.deepEqual([women?.value, women?.paragraph, women?.question], [41, 1, '1a']);
  });

  it('collects the practices called good or innovative', () => {
    assert.deepEqual(s.goodPractices.map((g) => g.iso3).sort(), ['XAA', 'XAC']);
    assert.match(s.goodPractices.find((g) => g.iso3 === 'XAC')!.text, /innovative climate mobility plan/);
  });

  it('collects gaps and challenges from the "c" questions of the clusters only', () => {
    assert.deepEqual(
      s.challenges.map((c) => [c.iso3, c.question, c.paragraph]),
      [
        ['XAC', '3c', 2],
        ['XAB', '2c', 3],
        ['XAA', '1c', 3],
      ],
    );
    assert.ok(s.challenges.find((c) => c.question === '3c')!.objectives.includes(18));
  });

  it('refuses an analysis that is not of the response given', () => {
    const a = source(q, arvenianAnswers());
    assert.throws(() => synthesize([{ ...a, analysis: { ...a.analysis, paragraphs: [] } }]), /lists 0 paragraphs but the response has 5/);
  });

  it('cuts a long excerpt at a word', () => {
    const long = `${'word '.repeat(200)}end`;
    const e = excerptOf(long);
    assert.ok(e.length <= 501 && e.endsWith('…') && !e.includes('  '));
  });
});
