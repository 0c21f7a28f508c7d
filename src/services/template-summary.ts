// The line a template takes in a list. A module of its own so that listing the built-in templates
// (`gcm-review template list` without a database) loads no database code.
import { answeredItems, languagesOf, type Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { fromFixedSlots } from '../domain/questionnaire/legacy.ts';
import { textIn } from '../domain/questionnaire/text.ts';
import type { Template } from '../domain/template.ts';
import type { TemplateSummary } from './types.ts';

/** A template as stored: today's fixed slots, or the item model (it has `items`). */
export type AnyTemplate = Template | Questionnaire;

export function isQuestionnaire(t: AnyTemplate): t is Questionnaire {
  return 'items' in t;
}

/** The template in the item model (a fixed-slot one converted text for text). */
export function asQuestionnaire(t: AnyTemplate): Questionnaire {
  return isQuestionnaire(t) ? t : fromFixedSlots(t);
}

/** The line a template takes in a list. */
export function templateSummary(t: AnyTemplate, builtIn: boolean): TemplateSummary {
  const q = asQuestionnaire(t);
  const words = (text: Questionnaire['title']) => textIn(text, q.language, q.language);
  return {
    id: q.id,
    name: words(q.name ?? q.title),
    title: words(q.title),
    version: q.version,
    respondentType: q.respondentType,
    builtIn,
    // The questions a respondent answers: not the contact block, nor the consent to publish.
    questionCount: answeredItems(q).filter(({ item }) => item.kind !== 'contact' && !(item.kind === 'choice' && item.role === 'publication-consent')).length,
    languages: isQuestionnaire(t) ? languagesOf(q) : [t.language],
  };
}
