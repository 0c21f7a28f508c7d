// Progress on assigned questions, pure: the words written in each answer of a response (what the
// progress view sets against the questionnaire's word guidance), and the statuses an assignment
// moves through. Counting takes the item model's response (answers by item key), whatever shape
// the store keeps: callers holding a stored fixed-slot response convert it with fromLegacyResponse.
import type { Answer } from './questionnaire/registry.ts';
import type { ItemResponse } from './questionnaire/response.ts';
import { wordCount } from './response.ts';

/** Where a contributor's work on one question stands; the contributor moves it, the coordinator reads it. */
export const assignmentStatuses = ['not-started', 'drafting', 'ready-for-review', 'done'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

/** Words written in one answer: a prose answer's paragraphs (other kinds are chosen or filled in, not written: 0). */
export function answerWords(answer: Answer | undefined): number {
  if (answer?.kind !== 'prose') return 0;
  return answer.paragraphs.reduce((n, p) => n + wordCount(p.text), 0);
}

/** Words written in the answer to item `key` of a response (0 when it has none). */
export function itemWords(response: ItemResponse, key: string): number {
  return answerWords(response.answers[key]);
}
