// The built-in questionnaires of the item model: apac-2020 (as data, in English, French and
// Russian), the objective-by-objective national report and the stakeholder questionnaire (both
// generated from the reference data). The current loader (src/services/builtin-templates.ts)
// still reads templates/; these take over when the services switch to the item model.
import { Questionnaire } from '../questionnaire.ts';
import apac2020 from './apac-2020.json' with { type: 'json' };
import { nationalReport } from './national-report.ts';
import { stakeholderQuestionnaire } from './stakeholder.ts';

export const builtinQuestionnaires: readonly Questionnaire[] = [apac2020, nationalReport, stakeholderQuestionnaire].map((data) => Questionnaire.parse(data));

export function builtinQuestionnaire(id: string): Questionnaire | undefined {
  return builtinQuestionnaires.find((q) => q.id === id);
}
