// The differences between two responses to the same template (two versions of a submission, a
// submitted version and its resubmission): per question, the paragraphs added, removed and
// changed, with the words changed marked; the principles, the consent, the contact fields and the
// footnotes. Pure.
//
// Paragraphs (and footnotes) are matched by their stable id (paragraph-ids.ts); those without one
// fall back to their position among the question's paragraphs (footnotes: to their number).
// Within a changed text, words are compared by a longest common subsequence of words.
import type { Footnote, Paragraph, Response, Tri } from './response.ts';

/** A run of text that is in both texts, only in the older ('removed') or only in the newer ('added'). */
export interface TextPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export type ParagraphChange =
  | { kind: 'added'; id?: string; number: number | null; text: string }
  | { kind: 'removed'; id?: string; number: number | null; text: string }
  | { kind: 'changed'; id?: string; fromNumber: number | null; number: number | null; parts: TextPart[] };

export interface QuestionDiff {
  question: string;
  paragraphs: ParagraphChange[];
}

export interface PrincipleDiff {
  principle: string;
  /** Present when the yes/no answer changed. */
  integrated?: { from: Tri; to: Tri };
  /** Present when the explanation changed: its words, marked. */
  explanation?: TextPart[];
}

export interface FieldDiff {
  field: string;
  from: string;
  to: string;
  parts: TextPart[];
}

export type FootnoteChange =
  | { kind: 'added'; id?: string; number: number; text: string }
  | { kind: 'removed'; id?: string; number: number; text: string }
  | { kind: 'changed'; id?: string; fromNumber: number; number: number; parts: TextPart[]; urls?: { from: string[]; to: string[] } };

export interface ResponseDiff {
  /** True when nothing below differs. */
  same: boolean;
  /** Only the questions with a change, in the newer response's order. */
  answers: QuestionDiff[];
  principles: PrincipleDiff[];
  consent?: { from: Tri; to: Tri };
  contact: FieldDiff[];
  footnotes: FootnoteChange[];
}

type ResponseLike = Pick<Response, 'answers' | 'principles' | 'consent' | 'contact' | 'footnotes'>;

/** What changed from `from` to `to`. */
export function diffResponses(from: ResponseLike, to: ResponseLike): ResponseDiff {
  const answers: QuestionDiff[] = [];
  const fromAnswers = new Map(from.answers.map((a) => [a.question, a.paragraphs]));
  const questions = [...to.answers.map((a) => a.question), ...from.answers.map((a) => a.question).filter((q) => !to.answers.some((a) => a.question === q))];
  const toAnswers = new Map(to.answers.map((a) => [a.question, a.paragraphs]));
  for (const question of questions) {
    const paragraphs = diffParagraphs(fromAnswers.get(question) ?? [], toAnswers.get(question) ?? []);
    if (paragraphs.length > 0) answers.push({ question, paragraphs });
  }

  const principles: PrincipleDiff[] = [];
  const fromPrinciples = new Map(from.principles.map((p) => [p.principle, p]));
  for (const p of to.principles) {
    const before = fromPrinciples.get(p.principle) ?? { integrated: 'unanswered' as Tri, explanation: '' };
    const change: PrincipleDiff = { principle: p.principle };
    if (before.integrated !== p.integrated) change.integrated = { from: before.integrated, to: p.integrated };
    if (before.explanation !== p.explanation) change.explanation = diffWords(before.explanation, p.explanation);
    if (change.integrated || change.explanation) principles.push(change);
  }

  const contact: FieldDiff[] = [];
  for (const field of new Set([...Object.keys(to.contact), ...Object.keys(from.contact)])) {
    const [a, b] = [from.contact[field] ?? '', to.contact[field] ?? ''];
    if (a !== b) contact.push({ field, from: a, to: b, parts: diffWords(a, b) });
  }

  const footnotes = diffFootnotes(from.footnotes, to.footnotes);
  const consent = from.consent !== to.consent ? { from: from.consent, to: to.consent } : undefined;
  return {
    same: answers.length === 0 && principles.length === 0 && !consent && contact.length === 0 && footnotes.length === 0,
    answers,
    principles,
    ...(consent ? { consent } : {}),
    contact,
    footnotes,
  };
}

/**
 * Pairs the items of two lists: by id where both have one, then (items without an id) by `fallback`.
 * Returns, for each item of `after`, the index of its match in `before` (or -1).
 */
function pair<T extends { id?: string | undefined }>(before: readonly T[], after: readonly T[], fallback: (item: T, index: number) => string): number[] {
  const byId = new Map<string, number>();
  before.forEach((item, i) => item.id !== undefined && byId.set(item.id, i));
  const byFallback = new Map<string, number>();
  before.forEach((item, i) => item.id === undefined && byFallback.set(fallback(item, i), i));
  const used = new Set<number>();
  return after.map((item, i) => {
    const found = item.id !== undefined ? byId.get(item.id) : byFallback.get(fallback(item, i));
    if (found === undefined || used.has(found)) return -1;
    used.add(found);
    return found;
  });
}

/**
 * The changes of a list in the newer list's order, each removed item placed before the first
 * newer item matched to an older item after it.
 */
function ordered<T, C>(before: readonly T[], after: readonly T[], matches: number[], change: {
  added: (item: T) => C;
  removed: (item: T) => C;
  matched: (older: T, newer: T) => C | undefined;
}): C[] {
  const matched = new Set(matches.filter((m) => m >= 0));
  const out: C[] = [];
  let next = 0;
  const removedUpTo = (end: number) => {
    for (; next < end; next++) if (!matched.has(next)) out.push(change.removed(before[next]!));
  };
  after.forEach((item, i) => {
    const m = matches[i]!;
    if (m < 0) {
      out.push(change.added(item));
      return;
    }
    removedUpTo(m);
    const c = change.matched(before[m]!, item);
    if (c !== undefined) out.push(c);
  });
  removedUpTo(before.length);
  return out;
}

const idOf = (id: string | undefined) => (id !== undefined ? { id } : {});

function diffParagraphs(before: readonly Paragraph[], after: readonly Paragraph[]): ParagraphChange[] {
  const matches = pair(before, after, (_, i) => String(i));
  return ordered<Paragraph, ParagraphChange>(before, after, matches, {
    added: (p) => ({ kind: 'added', ...idOf(p.id), number: p.number, text: p.text }),
    removed: (p) => ({ kind: 'removed', ...idOf(p.id), number: p.number, text: p.text }),
    matched: (a, b) =>
      a.text === b.text && a.number === b.number
        ? undefined
        : { kind: 'changed', ...idOf(b.id), fromNumber: a.number, number: b.number, parts: diffWords(a.text, b.text) },
  });
}

function diffFootnotes(before: readonly Footnote[], after: readonly Footnote[]): FootnoteChange[] {
  const matches = pair(before, after, (f) => String(f.number));
  const sameUrls = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((u, i) => u === b[i]);
  return ordered<Footnote, FootnoteChange>(before, after, matches, {
    added: (f) => ({ kind: 'added', ...idOf(f.id), number: f.number, text: f.text }),
    removed: (f) => ({ kind: 'removed', ...idOf(f.id), number: f.number, text: f.text }),
    matched: (a, b) =>
      a.text === b.text && a.number === b.number && sameUrls(a.urls, b.urls)
        ? undefined
        : {
            kind: 'changed',
            ...idOf(b.id),
            fromNumber: a.number,
            number: b.number,
            parts: diffWords(a.text, b.text),
            ...(sameUrls(a.urls, b.urls) ? {} : { urls: { from: [...a.urls], to: [...b.urls] } }),
          },
  });
}

/** Above this many cells of the comparison table, a changed middle is shown as removed then added whole. */
const maxCells = 4_000_000;

/**
 * The words of `a` and `b` marked: runs in both ('same'), only in `a` ('removed'), only in `b`
 * ('added'). Words are runs of non-space characters; the spaces between two changed words go with
 * the change, so "a b c" → "a x y c" reads "a [-b-]{+x y+} c".
 */
export function diffWords(a: string, b: string): TextPart[] {
  if (a === b) return a === '' ? [] : [{ kind: 'same', text: a }];
  const x = tokens(a);
  const y = tokens(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const parts: TextPart[] = x.slice(0, start).map((text) => ({ kind: 'same', text }));
  parts.push(...middle(x.slice(start, endX), y.slice(start, endY)));
  parts.push(...x.slice(endX).map((text): TextPart => ({ kind: 'same', text })));
  return merge(parts);
}

function tokens(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** The longest common subsequence of two token lists, as parts in order. */
function middle(x: string[], y: string[]): TextPart[] {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > maxCells) {
    return [...x.map((text): TextPart => ({ kind: 'removed', text })), ...y.map((text): TextPart => ({ kind: 'added', text }))];
  }
  // lengths[i][j]: the LCS of x[i..] and y[j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = x[i] === y[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: TextPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      parts.push({ kind: 'same', text: x[i++]! });
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) parts.push({ kind: 'removed', text: x[i++]! });
    else parts.push({ kind: 'added', text: y[j++]! });
  }
  while (i < n) parts.push({ kind: 'removed', text: x[i++]! });
  while (j < m) parts.push({ kind: 'added', text: y[j++]! });
  return parts;
}

/**
 * Consecutive parts joined: spaces alone between two changes go to both sides of the change, and
 * each run of changes reads as what was removed, then what was added.
 */
function merge(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = added = '';
  };
  parts.forEach((part, k) => {
    const changing = removed !== '' || added !== '';
    const next = parts[k + 1];
    if (part.kind === 'same' && changing && part.text.trim() === '' && next !== undefined && next.kind !== 'same') {
      removed += part.text;
      added += part.text;
      return;
    }
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.kind === 'same') last.text += part.text;
      else out.push({ ...part });
    }
  });
  flush();
  return out;
}

/** The text of `parts` as plain text with changes marked: [-removed-]{+added+}. */
export function markedText(parts: readonly TextPart[]): string {
  return parts.map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');
}
