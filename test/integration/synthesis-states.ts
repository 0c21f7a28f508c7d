// Three fictional States' answers to apac-2020 (text written for these tests) and one fictional
// stakeholder's to the round-table questionnaire: the synthesis's unit and integration tests.
import { builtinQuestionnaire } from '../../src/domain/questionnaire/builtin/index.ts';
import type { Questionnaire } from '../../src/domain/questionnaire/questionnaire.ts';
import { emptyResponse, ItemResponse } from '../../src/domain/questionnaire/response.ts';

type Answers = Record<string, string[]>;
type Principles = Record<string, 'yes' | 'no'>;

/** Paragraphs numbered on from 1 across the questions in form order, as a printed reply is. */
function responseOf(q: Questionnaire, state: { iso3: string; name: string }, answers: Answers, principles: Principles = {}): ItemResponse {
  const r = emptyResponse(q);
  let n = 0;
  for (const [key, texts] of Object.entries(answers)) {
    if (r.answers[key]?.kind !== 'prose') throw new Error(`${q.id} has no prose question "${key}"`);
    r.answers[key] = { kind: 'prose', paragraphs: texts.map((text) => ({ number: ++n, text, footnotes: [] })) };
  }
  const checklist = Object.entries(r.answers).find(([, a]) => a.kind === 'checklist');
  if (checklist) {
    const rows = Object.fromEntries(Object.entries(principles).map(([k, value]) => [k, { value, explanation: value === 'yes' ? 'The national plan says so.' : '' }]));
    r.answers[checklist[0]] = { kind: 'checklist', rows };
  }
  return ItemResponse.parse({ ...r, state });
}

export const arvenia = { iso3: 'XAA', name: 'Republic of Arvenia' };
export const belmora = { iso3: 'XAB', name: 'Kingdom of Belmora' };
export const coralia = { iso3: 'XAC', name: 'Federated Islands of Coralia' };

export function apac(): Questionnaire {
  return builtinQuestionnaire('apac-2020')!;
}

export function arvenianAnswers(): ItemResponse {
  return responseOf(
    apac(),
    arvenia,
    {
      '1a': ['In 2022 some 48,500 Arvenian workers left for contracts abroad, 41 per cent of them women.'],
      '1b': ['Under Objective 6 Arvenia adopted the Fair Recruitment Act, which bans recruitment fees charged to workers.'],
      '1c': ['A gap remains: seasonal workers in fishing are not covered by labour inspection.'],
      '4a': ['The statistics office began a migration survey in line with Objective 1, publishing data disaggregated by sex and age.'],
      '4b': ['A good practice is the joint labour migration board with Belmora, created under Objective 23 to share information.'],
    },
    { 'people-centred': 'yes', 'human-rights': 'yes', 'gender-responsive': 'no' },
  );
}

export function belmoranAnswers(): ItemResponse {
  return responseOf(
    apac(),
    belmora,
    {
      '2a': ['Belmora issued 12,300 identity documents to migrants abroad in 2023 (Objective 4).'],
      '2b': ['Immigration detention of children ended in 2021, in keeping with Objective 13.'],
      '2c': ['The main challenge is the cost of consular services in remote countries of destination.'],
      '3b': ['Remittances reached USD 2.1 billion in 2022; Objective 20 guides the work to lower their cost.'],
      '4b': ['Belmora signed a bilateral agreement on labour mobility with Arvenia, under Objective 23.'],
    },
    { 'people-centred': 'yes', 'international-cooperation': 'yes', 'rule-of-law': 'yes' },
  );
}

export function coralianAnswers(): ItemResponse {
  return responseOf(
    apac(),
    coralia,
    {
      '1b': ['Coralia introduced an innovative climate mobility plan for atoll communities, addressing Objective 2.'],
      '3c': ['Recognition of skills remains a gap: only 15 per cent of returning workers had their qualifications recognised (Objective 18).'],
      '4a': ['A data portal on migration under Objective 1 now publishes quarterly figures.'],
    },
    { 'whole-of-society': 'yes', 'child-sensitive': 'no' },
  );
}

/** A fictional network answering the stakeholders' questionnaire: its input is labelled apart. */
export function stakeholderAnswers(): { questionnaire: Questionnaire; response: ItemResponse; state: { iso3: string; name: string } } {
  const q = builtinQuestionnaire('stakeholder-round-tables')!;
  const state = { iso3: 'XAC', name: 'Coralian Migrant Workers Network' };
  return { questionnaire: q, state, response: responseOf(q, state, { 'round-table-4': ['Our network asks governments to act on Objective 23 by consulting migrant workers on every bilateral agreement.'] }) };
}
