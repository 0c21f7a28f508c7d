// Paragraph identity: every paragraph and footnote of a stored response carries an id, unique
// within the response, that stays with it through edits, versions, export and re-import. Comments,
// objective tags, extracted figures and citations point at these ids.
//
// Pure: new ids come from an IdSource the caller gives (random bytes in the services, a seeded
// sequence in the response migrations and in tests), never from a clock or a global generator.
//
// Where a paragraph or footnote arrives without an id (a new paragraph, an imported document, a
// client that does not know about ids), `carryIds` looks for it in the version before: paragraphs
// are aligned question by question in their order, by text similarity (a weighted longest common
// subsequence), then a lone unmatched paragraph between two matched ones is taken as the same
// paragraph rewritten when it still shares some words, then a paragraph moved to another question
// is recognised by its (nearly) unchanged text. Footnotes are aligned in their order the same way,
// then a renumbered one (cited from another place) by its (nearly) unchanged text.
// Whatever is not matched gets a new id.

/** What an id looks like: short and URL-safe (the Zod schema of `response.ts` checks it). */
export const idPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** Length of the ids made here: 10 characters of base64url, 60 bits. */
const idLength = 10;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Gives a new id each call. */
export type IdSource = () => string;

/** Ids from random bytes, e.g. `idsFrom((n) => randomBytes(n))` (node:crypto) or crypto.getRandomValues. */
export function idsFrom(randomBytes: (n: number) => Uint8Array): IdSource {
  return () => Array.from(randomBytes(idLength), (b) => alphabet[b & 63]).join('');
}

/**
 * The same sequence of ids for the same seed, every time: what makes the migration of a stored
 * response give the same ids on every read, and tests deterministic. Not random: never use it
 * where an id must be unguessable.
 */
export function seededIds(seed: string): IdSource {
  let n = 0;
  return () => {
    const text = `${seed}#${n++}`;
    const [a, b] = [hash32(text, 0x9e3779b9), hash32(text, 0x85ebca6b)];
    let id = '';
    for (let i = 0; i < idLength; i++) id += alphabet[((i < 5 ? a >>> (6 * i) : b >>> (6 * (i - 5))) & 63) >>> 0];
    return id;
  };
}

/** 32-bit hash of a string (murmur3-style mixing); pure and the same on every platform. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---- The shapes this module works on: any response-like JSON (a stored version of any schema version, or a Response) ----

export interface IdParagraph {
  id?: string;
  number?: number | null;
  text: string;
}
export interface IdAnswer {
  question: string;
  paragraphs?: readonly IdParagraph[];
}
export interface IdFootnote {
  id?: string;
  number: number;
  text: string;
  urls?: readonly string[];
}
export interface WithIds {
  answers?: readonly IdAnswer[];
  footnotes?: readonly IdFootnote[];
}

/** `r` without the ids of its paragraphs and footnotes (a copy): what a document or a client that knows no ids has. */
export function withoutIds<R extends WithIds>(r: R): R {
  const out = { ...r };
  if (r.answers) (out as WithIds).answers = r.answers.map((a) => (a.paragraphs ? { ...a, paragraphs: a.paragraphs.map(({ id: _id, ...p }) => p) } : a));
  if (r.footnotes) (out as WithIds).footnotes = r.footnotes.map(({ id: _id, ...f }) => f);
  return out;
}

/** Where an id is used more than once: the later place, and the first. */
export interface DuplicateId {
  id: string;
  path: string;
  firstPath: string;
}

/** Ids given to more than one paragraph or footnote (one namespace for both), in document order. */
export function duplicateIds(r: WithIds): DuplicateId[] {
  const seen = new Map<string, string>();
  const duplicates: DuplicateId[] = [];
  const check = (id: string | undefined, path: string) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, path);
    else duplicates.push({ id, path, firstPath: first });
  };
  r.answers?.forEach((a, i) => a.paragraphs?.forEach((p, j) => check(p.id, `answers[${i}].paragraphs[${j}].id`)));
  r.footnotes?.forEach((f, i) => check(f.id, `footnotes[${i}].id`));
  return duplicates;
}

/**
 * `next` with an id on every paragraph and footnote (a copy; `next` is not changed). Ids `next`
 * already has are kept. Each one without an id takes the id of the same paragraph or footnote in
 * `previous` (the version before, with ids), when one is found that no other kept its id; else a
 * new id from `newId`. `next` must hold no duplicate ids (see `duplicateIds`).
 */
export function carryIds<R extends WithIds>(next: R, previous: WithIds | undefined, newId: IdSource): R {
  const used = new Set<string>();
  for (const a of next.answers ?? []) for (const p of a.paragraphs ?? []) if (p.id !== undefined) used.add(p.id);
  for (const f of next.footnotes ?? []) if (f.id !== undefined) used.add(f.id);
  const fresh = () => {
    // A seeded sequence can, very rarely, repeat an id kept from before: skip it.
    for (;;) {
      const id = newId();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const claim = (id: string | undefined) => (id !== undefined && !used.has(id) ? (used.add(id), id) : undefined);

  const { paragraph: paragraphSimilarity, footnote: footnoteSimilarity } = similarities();
  /** Old paragraphs and footnotes whose id went to a new one. */
  const taken = new Set<object>();
  const give = (item: { id?: string }, from: { id?: string }) => {
    const id = claim(from.id);
    if (id !== undefined) {
      item.id = id;
      taken.add(from);
    }
  };
  /** Each old item not yet matched takes the new one without an id that is most similar, from `movedAt`. */
  const matchMoved = <T extends { id?: string }>(before: readonly T[], after: readonly T[], score: (a: T, b: T) => number) => {
    for (const o of before) {
      if (taken.has(o)) continue;
      let best: T | undefined;
      let bestScore = 0;
      for (const item of after) {
        const s = item.id === undefined ? score(o, item) : 0;
        if (s >= movedAt && s > bestScore) [best, bestScore] = [item, s];
      }
      if (best) give(best, o);
    }
  };

  // ---- Paragraphs ----
  const answers = (next.answers ?? []).map((a) => ({ ...a, paragraphs: (a.paragraphs ?? []).map((p) => ({ ...p })) }));
  const old = (previous?.answers ?? []).map((a) => ({ question: a.question, paragraphs: (a.paragraphs ?? []).filter((p) => p.id !== undefined && !used.has(p.id)) }));
  // 1. Question by question, in order, by similarity; then single gaps by position.
  for (const a of answers) {
    const before = old.filter((o) => o.question === a.question).flatMap((o) => o.paragraphs);
    const todo = a.paragraphs.filter((p) => p.id === undefined);
    if (!todo.length || !before.length) continue;
    const pairs = align(before, todo, paragraphSimilarity, matchAt);
    for (const [i, j] of pairs) give(todo[j]!, before[i]!);
    for (const [i, j] of loneGaps(before.length, todo.length, pairs)) {
      if (paragraphSimilarity(before[i]!, todo[j]!) >= rewrittenAt) give(todo[j]!, before[i]!);
    }
  }
  // 2. A paragraph moved to another question keeps its id when its text is (nearly) unchanged.
  matchMoved(
    old.flatMap((o) => o.paragraphs),
    answers.flatMap((a) => a.paragraphs),
    paragraphSimilarity,
  );
  for (const a of answers) for (const p of a.paragraphs) p.id ??= fresh();

  // ---- Footnotes ----
  const footnotes = (next.footnotes ?? []).map((f) => ({ ...f }));
  const oldFootnotes = (previous?.footnotes ?? []).filter((f) => f.id !== undefined && !used.has(f.id));
  const todoFootnotes = footnotes.filter((f) => f.id === undefined);
  if (todoFootnotes.length && oldFootnotes.length) {
    for (const [i, j] of align(oldFootnotes, todoFootnotes, footnoteSimilarity, matchAt)) give(todoFootnotes[j]!, oldFootnotes[i]!);
    // A footnote cited from elsewhere in the text is renumbered (Word numbers them in the order of
    // their markers): found out of order by its (nearly) unchanged text.
    matchMoved(oldFootnotes, todoFootnotes, footnoteSimilarity);
  }
  for (const f of footnotes) f.id ??= fresh();

  const out = { ...next };
  if (next.answers) (out as WithIds).answers = answers;
  if (next.footnotes) (out as WithIds).footnotes = footnotes;
  return out;
}

/** Texts at least this similar (0-1) are the same paragraph or footnote when in order. */
const matchAt = 0.5;
/** A lone paragraph between two matched ones, in the same place, is the same one rewritten from this similarity. */
const rewrittenAt = 0.2;
/** A paragraph found in another question is the same one moved from this similarity. */
const movedAt = 0.9;

/** Words of a text, lower-cased, counted. */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Dice coefficient of two word counts: 1 for the same words, 0 for none in common (two empty texts: 1). */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of a.values()) sizeA += n;
  for (const [w, n] of b) {
    sizeB += n;
    common += Math.min(n, a.get(w) ?? 0);
  }
  return sizeA + sizeB === 0 ? 1 : (2 * common) / (sizeA + sizeB);
}

/**
 * How similar two paragraphs, or two footnotes, are (0-1; the same number adds a little, to break
 * ties). The words of each are counted once per call of carryIds: alignment compares each with many.
 */
function similarities() {
  const counted = new Map<object, Map<string, number>>();
  const wordsOf = (item: IdParagraph | IdFootnote) => {
    let w = counted.get(item);
    if (!w) counted.set(item, (w = words('urls' in item && item.urls ? `${item.text} ${item.urls.join(' ')}` : item.text)));
    return w;
  };
  const sameNumber = (a: number | null | undefined, b: number | null | undefined) => (a != null && a === b ? 0.01 : 0);
  return {
    paragraph: (a: IdParagraph, b: IdParagraph) => similarity(wordsOf(a), wordsOf(b)) + sameNumber(a.number, b.number),
    footnote: (a: IdFootnote, b: IdFootnote) => similarity(wordsOf(a), wordsOf(b)) + sameNumber(a.number, b.number),
  };
}

/** Beyond this many comparisons, only equal texts are aligned (the table would grow too large). */
const largestTable = 250_000;

/**
 * Pairs [i, j] of `before[i]` and `after[j]`, in order in both lists, with the greatest total
 * similarity (each pair at least `threshold` similar): a weighted longest common subsequence.
 */
function align<T extends { text: string }>(before: readonly T[], after: readonly T[], score: (a: T, b: T) => number, threshold: number): [number, number][] {
  // Equal texts at the start and at the end pair off at once: a save usually changes a little.
  let start = 0;
  while (start < before.length && start < after.length && before[start]!.text === after[start]!.text) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end]!.text === after[after.length - 1 - end]!.text) end++;
  const head = Array.from({ length: start }, (_, i): [number, number] => [i, i]);
  const tail = Array.from({ length: end }, (_, i): [number, number] => [before.length - end + i, after.length - end + i]);
  const middle = alignAll(before.slice(start, before.length - end), after.slice(start, after.length - end), score, threshold);
  return [...head, ...middle.map(([i, j]): [number, number] => [i + start, j + start]), ...tail];
}

function alignAll<T>(before: readonly T[], after: readonly T[], score: (a: T, b: T) => number, threshold: number): [number, number][] {
  const m = before.length;
  const n = after.length;
  if (m === 0 || n === 0) return [];
  if (m * n > largestTable) return alignEqual(before, after, score);
  const w = n + 1;
  const best = new Float64Array((m + 1) * w);
  const scores = new Float64Array(m * n);
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const s = score(before[i - 1]!, after[j - 1]!);
      scores[(i - 1) * n + (j - 1)] = s;
      const diagonal = s >= threshold ? best[(i - 1) * w + (j - 1)]! + s : -1;
      best[i * w + j] = Math.max(best[(i - 1) * w + j]!, best[i * w + (j - 1)]!, diagonal);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = m, j = n; i > 0 && j > 0; ) {
    const s = scores[(i - 1) * n + (j - 1)]!;
    if (s >= threshold && best[i * w + j] === best[(i - 1) * w + (j - 1)]! + s) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (best[i * w + j] === best[(i - 1) * w + j]) i--;
    else j--;
  }
  return pairs.reverse();
}

/** For very long lists: equal texts only, in order, greedily. */
function alignEqual<T>(before: readonly T[], after: readonly T[], score: (a: T, b: T) => number): [number, number][] {
  const pairs: [number, number][] = [];
  let i = 0;
  for (let j = 0; j < after.length && i < before.length; j++) {
    for (let k = i; k < Math.min(before.length, i + 20); k++) {
      if (score(before[k]!, after[j]!) >= 1) {
        pairs.push([k, j]);
        i = k + 1;
        break;
      }
    }
  }
  return pairs;
}

/** Between consecutive pairs (and before the first, after the last): the places where exactly one item of each list is left. */
function loneGaps(m: number, n: number, pairs: readonly [number, number][]): [number, number][] {
  const gaps: [number, number][] = [];
  let [i0, j0] = [-1, -1];
  for (const [i1, j1] of [...pairs, [m, n] as [number, number]]) {
    if (i1 - i0 === 2 && j1 - j0 === 2) gaps.push([i0 + 1, j0 + 1]);
    [i0, j0] = [i1, j1];
  }
  return gaps;
}
