// The questionnaire laid out as the paper form is: a list of blocks that the DOCX and text
// writers render. One layout for both keeps the exports alike and lets the importer read them back
// with the same rules it uses for forms filled in offline.
//
// The form, in order: title, subtitle, meeting ("place, (dates)"); the introduction; then every
// item of the template in the order of the form (a section before its children), each printed by
// its kind's `layout` (src/domain/questionnaire/kinds/*.ts: a prose question "a. prompt" and the
// answer's paragraphs, numbered ones keeping their numbers; a checklist as a table
// "People-centred | ☒=yes ☐=no | explanation"; the consent with ☐/☒ boxes; …); the closing line.
// Every template goes this one way; a fixed-slot template (apac-2020) and a stored response of
// today's model are converted first (fromFixedSlots, fromLegacyResponse) and print as they always have.
import { fillQuestionnairePlaceholders } from '../domain/questionnaire/placeholders.ts';
import { plain, type Block } from '../domain/questionnaire/layout.ts';
import { fromFixedSlots, fromLegacyResponse } from '../domain/questionnaire/legacy.ts';
import { walk, type Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { kindOf, type Answer } from '../domain/questionnaire/registry.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import { textIn, type Text } from '../domain/questionnaire/text.ts';
import type { Response } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';

export { EMPTY_BOX, TICKED_BOX, paragraphRuns, yesNoBoxes, type Block, type Run } from '../domain/questionnaire/layout.ts';

/** A form to export: a questionnaire, the answers to it, and the language its text is printed in. */
export interface ExportForm {
  questionnaire: Questionnaire;
  response: ItemResponse;
  /** The language of the form's text (the answers stay as written); the questionnaire's default one when absent. */
  language?: string | undefined;
}

/**
 * The form to export from what the callers hold: a questionnaire and an ItemResponse as they are, or
 * a stored fixed-slot template and response of today's model, converted (until storage switches over).
 */
export function exportForm(template: Template | Questionnaire, response: Response | ItemResponse, language?: string): ExportForm {
  const questionnaire = 'items' in template ? template : fromFixedSlots(template);
  const answers = Array.isArray(response.answers) ? fromLegacyResponse(questionnaire, response as Response) : (response as ItemResponse);
  return { questionnaire, response: answers, language };
}

/**
 * The form's blocks. A template filled with a cycle's terms (services' cycle template) prints
 * them; one not filled yet prints the words its placeholders carry (a blank form of the template).
 */
export function formLayout({ questionnaire, response, language }: ExportForm): Block[] {
  const q = fillQuestionnairePlaceholders(questionnaire);
  const t = textOf(q, language);
  const out: Block[] = [{ kind: 'title', text: t(q.title) }];
  if (q.subtitle !== undefined) out.push({ kind: 'subtitle', text: t(q.subtitle) });
  const place = q.meeting?.place === undefined ? undefined : t(q.meeting.place);
  const dates = q.meeting?.dates === undefined ? undefined : t(q.meeting.dates);
  if (place || dates) out.push({ kind: 'subtitle', text: [place, dates && `(${dates})`].filter(Boolean).join(', ') });
  for (const p of q.introduction) out.push(plain(t(p)));
  for (const { item } of walk(q)) out.push(...kindOf(item).layout(item, answerTo(item, response), { t }));
  if (q.closing !== undefined) out.push(plain(t(q.closing)));
  return out;
}

/** The form's text in the export's language (the questionnaire's default language where a text has no translation). */
export function textOf(q: Questionnaire, language: string | undefined): (text: Text) => string {
  return (text) => textIn(text, language ?? q.language, q.language);
}

/** The answer to an item, if there is one of its kind (an answer of another kind is validation's to report). */
function answerTo(item: { kind: string; key?: string }, response: ItemResponse): Answer | undefined {
  const answer = item.key === undefined ? undefined : response.answers[item.key];
  return answer?.kind === item.kind ? answer : undefined;
}

/** The footnotes of a response in number order, for writers that list them at the end. */
export function footnotesInOrder(response: Pick<ItemResponse, 'footnotes'>): { number: number; text: string; urls: string[] }[] {
  return [...response.footnotes].sort((a, b) => a.number - b.number);
}

/** Who answered, for the document's properties: the State, else the country in the contact block. */
export function respondentName(form: ExportForm): string | undefined {
  if (form.response.state) return form.response.state.name;
  for (const { item } of walk(form.questionnaire)) {
    if (item.kind !== 'contact') continue;
    const answer = answerTo(item, form.response);
    const field = item.fields.find((f) => f.type === 'country') ?? item.fields.find((f) => f.key === 'country');
    if (answer?.kind === 'contact' && field) return answer.fields[field.key];
  }
  return undefined;
}
