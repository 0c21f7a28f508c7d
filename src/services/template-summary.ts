// The line a template takes in a list. A module of its own so that listing the built-in templates
// (`gcm-review template list` without a database) loads no database code.
import { proseQuestions, templateName, type Template } from '../domain/template.ts';
import type { TemplateSummary } from './types.ts';

/** The line a template takes in a list. */
export function templateSummary(t: Template, builtIn: boolean): TemplateSummary {
  return {
    id: t.id,
    name: templateName(t),
    title: t.title,
    version: t.version,
    respondentType: t.respondentType,
    builtIn,
    questionCount: proseQuestions(t).length + (t.principlesQuestion ? 1 : 0),
  };
}
