// The analysis's parts on short fictional texts: the figure forms the issue names, explicit
// objective mentions, the vocabulary (built-in and overridden), the checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinQuestionnaire } from '../questionnaire/builtin/index.ts';
import { emptyResponse } from '../questionnaire/response.ts';
import { analyseResponse } from './analyse.ts';
import { extractFigures } from './figures.ts';
import { explicitObjectives, tagObjectives } from './objectives.ts';
import { builtinVocabularies, compileVocabulary, termProblems, vocabularyWith } from './vocabulary.ts';

const figure = (text: string, raw: string) => {
  const found = extractFigures(text, 4).find((f) => f.raw === raw);
  assert.ok(found, `no figure "${raw}" in: ${JSON.stringify(extractFigures(text, 4).map((f) => f.raw))}`);
  return found;
};

describe('figures', () => {
  it('reads counts, percentages, money, ranges, dates and years with what they count and their year', () => {
    const text =
      'In 2021 some 1,100,000 Arvenian nationals lived abroad, 54 per cent of whom were women. They sent home USD1.43 billion in 2021. ' +
      'Wages ranged between USD1,900 – USD2,100 a year. Over 277,975 returnees were registered, 13,300 of whom were men. ' +
      'The campaign ran from 06 to 23 June 2014.';
    const count = figure(text, 'some 1,100,000');
    assert.deepEqual([count.value, count.unit, count.what, count.year, count.paragraph], [1100000, 'count', 'Arvenian nationals', 2021, 4]);
    const share = figure(text, '54 per cent');
    assert.deepEqual([share.value, share.unit, share.what], [54, 'percent', 'women']);
    const money = figure(text, 'USD1.43 billion');
    assert.deepEqual([money.value, money.unit, money.what, money.year], [1.43e9, 'USD', 'remittances', 2021]);
    const range = figure(text, 'between USD1,900 – USD2,100');
    assert.deepEqual([range.value, range.unit], [{ from: 1900, to: 2100 }, 'USD']);
    const over = figure(text, 'Over 277,975');
    assert.deepEqual([over.value, over.what], [277975, 'returnees']);
    const men = figure(text, '13,300');
    assert.deepEqual([men.value, men.what], [13300, 'men']);
    const dates = figure(text, 'from 06 to 23 June 2014');
    assert.deepEqual([dates.value, dates.unit, dates.year], [{ from: '2014-06-06', to: '2014-06-23' }, 'date', 2014]);
    assert.deepEqual(figure(text, '2021').unit, 'year');
  });

  it('leaves out numbers that name things: articles, objectives, resolutions, COVID-19, list markers, sources', () => {
    const text = 'Under Article 17 and 21 of the Act, Objective 23 and resolution 73/195, COVID-19 measures (1) applied (IOM, 2019); 350 workers were helped.';
    assert.deepEqual(
      extractFigures(text, null).map((f) => f.raw),
      ['350'],
    );
  });

  it('scales the first end of a range by the second: between 1.2 and 1.5 million', () => {
    assert.deepEqual(figure('Between 1.2 and 1.5 million migrants crossed.', 'Between 1.2 and 1.5 million').value, { from: 1.2e6, to: 1.5e6 });
  });
});

describe('objectives', () => {
  it('reads explicit mentions: lists, ranges, "GCM objective 5"', () => {
    assert.deepEqual([...explicitObjectives('We chose objectives 1, 11 and 23, then GCM objective 5 and Objectives 2 to 4.').keys()].sort((a, b) => a - b), [1, 2, 3, 4, 5, 11, 23]);
    assert.deepEqual([...explicitObjectives('Objective 24 and objective 0 do not exist; SDG 8 is not one.').keys()], []);
  });

  it('tags by the terms that match, a weak term only with another or in a question about it', () => {
    const v = compileVocabulary(builtinVocabularies.en!);
    const tags = tagObjectives('The cost of remittances fell as more migrants opened bank accounts.', v);
    const remittances = tags.find((t) => t.number === 20);
    assert.ok(remittances);
    assert.deepEqual(remittances.evidence.terms.sort(), ['bank account*', 'cost of remittances', 'remittance*']);
    assert.equal(tagObjectives('New data were published.', v).length, 0);
    const inContext = tagObjectives('New data were published.', v, [1]);
    assert.deepEqual(inContext.map((t) => [t.number, t.evidence.inQuestion]), [[1, true]]);
  });

  it('uses an override in place of the built-in terms of its objective', () => {
    const v = vocabularyWith('en', [{ objective: 20, language: 'en', terms: ['hawala'] }]);
    const c = compileVocabulary(v);
    assert.deepEqual(
      tagObjectives('Hawala networks carry most transfers.', c).map((t) => t.number),
      [20],
    );
    assert.deepEqual(tagObjectives('Remittances rose.', c).map((t) => t.number), []);
  });

  it('refuses terms that cannot be matched', () => {
    assert.deepEqual(termProblems(['remittance*', 'bank account*']), []);
    assert.equal(termProblems(['*x', '', 'a*b', 'same', 'Same']).length, 4);
  });
});

describe('the analysis of a response', () => {
  it('tags, extracts, checks and finds mentions across the answers of an item questionnaire', () => {
    const q = builtinQuestionnaire('apac-2020')!;
    const r = emptyResponse(q);
    r.answers['4a'] = {
      kind: 'prose',
      paragraphs: [
        { number: 40, text: 'In 2019 the Government selected two objectives: Objective 1, Objective 3 and Objective 23.', footnotes: [] },
        { number: 41, text: 'Arvenia signed a Memorandum of Understanding with Thailand and Malaysia on labour mobility in 2022. In 2019, 4,000 seasonal workers left.', footnotes: [] },
        { number: 42, text: 'In 2019, 4,500 seasonal workers left under the Labour Mobility Act.', footnotes: [] },
      ],
    };
    r.answers['7'] = { kind: 'prose', paragraphs: [{ number: null, text: 'The Government prioritised Objective 8 and Objective 23.', footnotes: [] }] };
    const a = analyseResponse(q, r, { vocabulary: builtinVocabularies.en!, deadline: '2020-08-31' });
    assert.deepEqual(
      a.checks.filter((c) => c.code === 'priorities').map((c) => c.message),
      ['Objective 8 is named a priority in question 7, but no other paragraph speaks to it.', 'Objective 23 is named a priority in question 7, but only one other paragraph speaks to it.'],
    );
    assert.deepEqual(a.paragraphs.find((p) => p.number === 40)?.objectives.map((o) => o.number), [1, 3, 23]);
    const codes = a.checks.map((c) => `${c.code}:${c.paragraph}`);
    assert.ok(codes.includes('stated-count:40'), codes.join());
    assert.ok(codes.includes('after-deadline:41'), codes.join());
    assert.ok(codes.includes('figure-differs:42'), codes.join());
    assert.ok(codes.includes('no-source:null'), codes.join());
    assert.ok(codes.includes('priorities:null'), codes.join());
    const mou = a.mentions.find((m) => m.kind === 'agreement');
    assert.deepEqual(mou?.countries, ['THA', 'MYS']);
    assert.ok(a.mentions.some((m) => m.kind === 'law' && m.text === 'Labour Mobility Act'));
    // Deterministic: the same input gives the same analysis.
    assert.deepEqual(analyseResponse(q, r, { vocabulary: builtinVocabularies.en!, deadline: '2020-08-31' }), a);
  });
});
