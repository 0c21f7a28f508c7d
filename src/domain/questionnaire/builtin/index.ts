// The built-in questionnaires of the item model: apac-2020 (as data, in English, French and
// Russian), the objective-by-objective national report and the stakeholder questionnaire (both
// generated from the reference data). The current loader (src/services/builtin-templates.ts)
// still reads templates/; these take over when the services switch to the item model.
//
// Each is parsed (checked against the model) the first time it is asked for, not when this module
// loads: a command that reads one template does not pay for the three. Parsed ones are frozen,
// since every caller shares them (copy one before changing it).
import { Questionnaire } from '../questionnaire.ts';
import apac2020 from './apac-2020.json' with { type: 'json' };
import { nationalReport } from './national-report.ts';
import { stakeholderQuestionnaire } from './stakeholder.ts';

const sources = new Map<string, unknown>([apac2020, nationalReport, stakeholderQuestionnaire].map((data) => [data.id, data]));
const parsed = new Map<string, Questionnaire>();

/** The ids of the built-in questionnaires, in their order, known without parsing them. */
export const builtinQuestionnaireIds: readonly string[] = Object.freeze([...sources.keys()]);

export function builtinQuestionnaire(id: string): Questionnaire | undefined {
  let q = parsed.get(id);
  if (!q && sources.has(id)) parsed.set(id, (q = deepFreeze(Questionnaire.parse(sources.get(id)))));
  return q;
}

/** All three, parsed on first use (an array to its readers: indexing, length, map... parse them then). */
const all: Questionnaire[] = [];
function filled(): Questionnaire[] {
  if (!Object.isFrozen(all)) {
    all.push(...builtinQuestionnaireIds.map((id) => builtinQuestionnaire(id)!));
    Object.freeze(all);
  }
  return all;
}
export const builtinQuestionnaires: readonly Questionnaire[] = new Proxy(all, {
  get: (_, key) => Reflect.get(filled(), key),
  has: (_, key) => Reflect.has(filled(), key),
  ownKeys: () => Reflect.ownKeys(filled()),
  getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(filled(), key),
});

/** Freezes `value` and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
