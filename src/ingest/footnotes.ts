// Footnote definitions in text that lost its layout: "3 Criminalizing irregular migrant labor …"
// at the foot of a page, sometimes over several lines, with links broken across lines and then
// repeated whole on lines of their own. Which lines start a footnote is decided over the whole
// document at once: footnote numbers rise one by one, so the longest such run of candidates wins,
// and a line of body text that happens to begin with a number ("7 have closed …") falls out.
import type { Footnote } from '../domain/response.ts';
import { markerLikeNumbers } from './markers.ts';
import { MARKER_RE } from './source.ts';
import { endsSentence, endsWithHyphenatedWord, isLinkLine, joinPieces, type Layout, type Line } from './lines.ts';

export interface FootnoteBlock {
  number: number;
  /** Indices (in the text lines) of the lines that hold this footnote. */
  lines: number[];
}

const DEFINITION = /^(\d{1,3})[ \t]+(?=\S)/;
/** "1" alone on its line with the note's text on the next (pdftotext sets a note's number apart). */
const LONE_NUMBER = /^(\d{1,3})$/;

/** A footnote's number at the start of line i: before its text, or alone with the text on the next line. */
function definitionAt(lines: readonly Line[], i: number): { n: number; text: string } | null {
  const l = lines[i]!;
  const m = DEFINITION.exec(l.text);
  if (m) return { n: Number(m[1]), text: l.text.slice(m[0].length) };
  const lone = LONE_NUMBER.exec(l.text);
  const next = lines[i + 1];
  if (!lone || !next || next.gapBefore > 0 || /^\d/.test(next.text) || !/\p{L}/u.test(next.text)) return null;
  return { n: Number(lone[1]), text: next.text };
}

/** The lines that start footnote definitions, and the lines each footnote runs over. */
export function findFootnotes(lines: readonly Line[], layout: Layout, isStructural: (i: number) => boolean): FootnoteBlock[] {
  // Numbers glued to words in the text ("Arabia.1"): evidence that a footnote of that number is cited.
  const cited = new Set<number>();
  for (const [i, l] of lines.entries()) {
    if (definitionAt(lines, i) || LONE_NUMBER.test(lines[i - 1]?.text ?? '')) continue;
    for (const n of markerLikeNumbers(l.text)) cited.add(n);
    for (const m of l.text.matchAll(MARKER_RE)) cited.add(Number(m[1]));
  }
  const candidates: { i: number; n: number; weight: number; cited: boolean }[] = [];
  lines.forEach((l, i) => {
    const m = definitionAt(lines, i);
    if (!m) return;
    // "COVID-" / "19 crisis": the number finishes the word broken on the line before.
    const prev = lines[i - 1];
    if ((prev && endsWithHyphenatedWord(prev.text)) || isStructural(i)) return;
    const n = m.n;
    const lower = /^\p{Ll}/u.test(m.text);
    candidates.push({ i, n, cited: cited.has(n), weight: (lower ? 0.5 : 1) * (cited.has(n) ? 1 : 0.6) });
  });
  // Two definitions in one block of lines (nothing blank between them) belong together.
  const sameBlock = (a: number, b: number) => b - a <= 8 && lines.slice(a + 1, b + 1).every((l) => l.gapBefore === 0 && !l.indented);
  const chosen = bestRun(candidates, (j, k) => sameBlock(candidates[j]!.i, candidates[k]!.i));
  // Footnotes that nothing cites are believed only next to footnotes that are cited.
  if (chosen.filter((c) => c.cited).length * 2 < chosen.length) return [];
  const starts = new Set(chosen.map((c) => c.i));
  return chosen.map((c) => ({ number: c.n, lines: extent(lines, layout, c.i, starts, isStructural) }));
}

/**
 * The run of candidates with rising numbers that scores best: each counts its weight, and each
 * number skipped costs 0.75 (so 1, 2, 4, 5 is still believed; 1, 2, 2019 is not). A candidate in
 * the same block of lines as the one before it in the run counts fully and skips cost less.
 */
function bestRun<T extends { n: number; weight: number }>(cs: T[], together: (j: number, k: number) => boolean): T[] {
  const score: number[] = [];
  const prev: number[] = [];
  let bestEnd = -1;
  cs.forEach((c, k) => {
    score[k] = c.weight - 0.75 * (c.n - 1);
    prev[k] = -1;
    for (let j = 0; j < k; j++) {
      const d = cs[j]!;
      if (d.n >= c.n) continue;
      const s = together(j, k) ? score[j]! + 1 - 0.25 * (c.n - d.n - 1) : score[j]! + c.weight - 0.75 * (c.n - d.n - 1);
      if (s > score[k]!) [score[k], prev[k]] = [s, j];
    }
    if (score[k]! > 0 && (bestEnd < 0 || score[k]! > score[bestEnd]!)) bestEnd = k;
  });
  const run: T[] = [];
  for (let k = bestEnd; k >= 0; k = prev[k]!) run.unshift(cs[k]!);
  return run;
}

/** The lines of one footnote: its first line and those that go on with it. */
function extent(lines: readonly Line[], layout: Layout, start: number, starts: Set<number>, isStructural: (i: number) => boolean): number[] {
  // A number alone: its text is the next line, whatever its indent.
  const out = LONE_NUMBER.test(lines[start]!.text) ? [start, start + 1] : [start];
  for (let j = out.at(-1)! + 1; j < lines.length; j++) {
    const l = lines[j]!;
    const before = lines[j - 1]!.text;
    const link = /(?:https?:\/\/|www\.)\S*$/.exec(before)?.[0];
    const brokenLink = link !== undefined && /[-/_.=&?#~%]$/.test(link);
    if (starts.has(j) || l.indented || isStructural(j) || /^\d{1,3}[.)][ \t]/.test(l.text)) break;
    if (isLinkLine(l.text) && l.gapBefore > 0) break; // the links repeated after the notes
    if (l.gapBefore > layout.typicalGap) break;
    // A footnote is over at the end of a sentence, or of a whole link (sources end with theirs).
    const sentenceOver = (endsSentence(before) || link !== undefined) && !brokenLink;
    if (layout.typicalGap > 0 ? l.gapBefore === layout.typicalGap && sentenceOver : sentenceOver && !isLinkLine(l.text)) break;
    out.push(j);
  }
  return out;
}

/** A footnote's text from its lines, with links broken across lines joined again. */
export function footnoteOf(number: number, pieces: readonly string[], fullLinks: ReadonlySet<string>): Footnote {
  let text = '';
  for (const raw of pieces) {
    const piece = raw.replace(/[ \t]+/g, ' ').trim();
    text = continuesLink(text, piece, fullLinks) ? text + piece : joinPieces(text, piece);
  }
  text = text.replace(/^\d{1,3}\s+/, '');
  return { number, text, urls: linksIn(text) };
}

/** The next piece goes on with a link cut at the end of the text so far. */
function continuesLink(text: string, piece: string, fullLinks: ReadonlySet<string>): boolean {
  const last = /(?:https?:\/\/|www\.)\S*$/.exec(text)?.[0];
  if (!last || /^\s/.test(piece) || piece === '') return false;
  if (/[-/_.=&?#~%]$/.test(last)) return true;
  const first = piece.split(/\s/)[0]!;
  for (const link of fullLinks) if (link.startsWith(last + first)) return true;
  return false;
}

export function linksIn(text: string): string[] {
  const found = [...text.matchAll(/(?:https?:\/\/|www\.)[^\s<>"\u201c\u201d]+/g)].map((m) => m[0].replace(/[.,;:)\]]+$/, ''));
  return [...new Set(found)];
}

/** A link line's address, comparable with links found in footnotes. */
export function sameLink(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/^mailto:/i, '').replace(/[/.,;:]+$/, '').toLowerCase();
  return n(a) === n(b);
}
