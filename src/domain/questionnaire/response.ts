// A respondent's answers in the item model: one answer per item key, each shaped by its kind.
// Footnotes are numbered across the whole response (as in the printed form), so they stay here;
// so do files attached to the response as a whole or to a prose question.
import { z } from 'zod';
import { Attachment, Footnote, StateRef } from '../response.ts';
import { Key } from './kind.ts';
import { answeredItems, type Questionnaire } from './questionnaire.ts';
import { Answer, kindOf } from './registry.ts';
import { consentOf } from './kinds/choice.ts';
import { carryIds, duplicateIds, type DuplicateId, type IdSource } from '../paragraph-ids.ts';

export const ItemResponse = z.object({
  templateId: z.string(),
  /** The version of the template answered (a cycle keeps its own). */
  templateVersion: z.number().int().positive().optional(),
  /** The State that answers (from the contact block); null until known. */
  state: StateRef.nullable().default(null),
  /** By item key. */
  answers: z.record(Key, Answer).default({}),
  footnotes: z.array(Footnote).default([]),
  /** Files given with the response or with a prose question (`question` is its key). Files asked for by an attachment item are in its answer. */
  attachments: z.array(Attachment).default([]),
});
export type ItemResponse = z.output<typeof ItemResponse>;
export type ItemResponseInput = z.input<typeof ItemResponse>;

/** A response with every answered item present and nothing answered. */
export function emptyResponse(template: Questionnaire): ItemResponse {
  return {
    templateId: template.id,
    templateVersion: template.version,
    state: null,
    answers: Object.fromEntries(answeredItems(template).map(({ item }) => [item.key, kindOf(item).empty(item) as Answer])),
    footnotes: [],
    attachments: [],
  };
}

/** The State's answer to the form's publication-consent choice; 'unanswered' when it has none or nothing is chosen. */
export function consentIn(template: Questionnaire, response: Pick<ItemResponse, 'answers'> | undefined): 'yes' | 'no' | 'unanswered' {
  const placed = answeredItems(template).find(({ item }) => item.kind === 'choice' && item.role === 'publication-consent');
  const answer = placed && response?.answers[placed.item.key];
  return answer?.kind === 'choice' ? consentOf(answer) : 'unanswered';
}

// Paragraph and footnote ids (src/domain/paragraph-ids.ts) read a list of answers; an item
// response's prose answers are that list, by key, and nothing else of it carries paragraphs.
function idView(r: Pick<ItemResponse, 'answers' | 'footnotes'>) {
  const answers = Object.entries(r.answers).flatMap(([question, a]) => (a.kind === 'prose' ? [{ question, paragraphs: a.paragraphs }] : []));
  return { answers, footnotes: r.footnotes };
}

/** `next` with an id on every paragraph and footnote, carried from `previous` where the same one is found there (see carryIds). */
export function carryItemIds(next: ItemResponse, previous: ItemResponse | undefined, newId: IdSource): ItemResponse {
  const carried = carryIds(idView(next), previous && idView(previous), newId);
  const answers = { ...next.answers };
  for (const a of carried.answers) answers[a.question] = { kind: 'prose', paragraphs: a.paragraphs };
  return { ...next, answers, footnotes: carried.footnotes };
}

/** Ids given to more than one paragraph or footnote, with their places in the item response ("answers.1a.paragraphs[2].id"). */
export function duplicateItemIds(r: ItemResponse): DuplicateId[] {
  const view = idView(r);
  const place = (path: string) => path.replace(/^answers\[(\d+)\]/, (_, i: string) => `answers.${view.answers[Number(i)]!.question}`);
  return duplicateIds(view).map((d) => ({ ...d, path: place(d.path), firstPath: place(d.firstPath) }));
}
