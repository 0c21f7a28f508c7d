// Which items a save changes, pure: two responses of the item model compared answer by answer, so
// that a contributor given some questions (question memberships, src/services/assignments.ts) may
// save changes to those and no others. What a person wrote is compared, not how the store numbers
// it: paragraph ids and printed numbers are left aside (paragraphs are numbered across questions,
// so a paragraph added to 1a renumbers 1b), and a footnote is compared by its text and links where
// it is cited (so renumbered footnotes change nothing). Empty text, empty lists and "unanswered"
// are the same as no answer.
import type { Answer } from './questionnaire/registry.ts';
import type { ItemResponse } from './questionnaire/response.ts';

/** The key that stands for what belongs to no item: files attached to the response as a whole. */
export const wholeResponse = '(the response as a whole)';

/** The item keys whose answers differ between `before` and `after`, sorted; `wholeResponse` when the response's own attachments do. */
export function changedItems(before: ItemResponse, after: ItemResponse): string[] {
  const changed = new Set<string>();
  for (const key of new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])) {
    if (canonical(answerContent(before, before.answers[key])) !== canonical(answerContent(after, after.answers[key]))) changed.add(key);
  }
  // Files given with a prose question belong to it; the others to the response as a whole.
  const files = (r: ItemResponse, key: string | undefined) => canonical(r.attachments.filter((a) => a.question === key).map(({ storageKey: _k, ...a }) => a));
  for (const key of new Set([...before.attachments, ...after.attachments].map((a) => a.question))) {
    if (files(before, key) !== files(after, key)) changed.add(key ?? wholeResponse);
  }
  return [...changed].sort();
}

/** An answer as written: paragraphs without ids and numbers, each footnote cited replaced by its text and links. */
function answerContent(r: ItemResponse, answer: Answer | undefined): unknown {
  if (answer?.kind !== 'prose') return answer;
  const footnotes = new Map(r.footnotes.map((f) => [f.number, { text: f.text, urls: f.urls }]));
  return {
    ...answer,
    paragraphs: answer.paragraphs.map(({ id: _id, number: _number, footnotes: cited, ...p }) => ({ ...p, footnotes: cited.map((n) => footnotes.get(n) ?? n) })),
  };
}

/** JSON with sorted keys and nothing empty: the same text for the same meaning. */
function canonical(value: unknown): string {
  return JSON.stringify(meaningful(value)) ?? '';
}

function meaningful(value: unknown): unknown {
  if (value === null || value === undefined || value === '' || value === 'unanswered') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(meaningful);
    return items.every((v) => v === undefined) ? undefined : items;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([k]) => k !== 'kind')
      .map(([k, v]) => [k, meaningful(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}
