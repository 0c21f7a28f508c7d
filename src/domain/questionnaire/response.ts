// A respondent's answers in the item model: one answer per item key, each shaped by its kind.
// Footnotes are numbered across the whole response (as in the printed form), so they stay here;
// so do files attached to the response as a whole or to a prose question.
import { z } from 'zod';
import { Attachment, Footnote, StateRef } from '../response.ts';
import { Key } from './kind.ts';
import { answeredItems, type Questionnaire } from './questionnaire.ts';
import { Answer, kindOf } from './registry.ts';

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
