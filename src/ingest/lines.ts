// Physical lines as a reader gives them, and the layout facts that tell a paragraph break from a
// line wrapped by a PDF: how many blank lines usually separate two lines of text, whether lines
// are hard-wrapped at all, and how to join two pieces of a wrapped line again.

export interface Line {
  /** Position in the document's lines, from 0. */
  index: number;
  /** 1-based line number, for people. */
  no: number;
  /** The line without surrounding white space; tabs inside are kept (they separate table cells). */
  text: string;
  /** The line began with white space: in PDF extractions, the first line of a new page. */
  indented: boolean;
  /** Blank lines between this line and the previous line with text. */
  gapBefore: number;
}

export interface Layout {
  /** The usual number of blank lines between two lines of one paragraph (1 in double-spaced PDF text). */
  typicalGap: number;
  /** Lines are broken at a fixed width (PDF text); otherwise each line is a whole paragraph (Word text). */
  wrapped: boolean;
  /** The width lines are wrapped at, in characters (the 90th percentile of their lengths). */
  width: number;
}

const SPACES = /[\u00a0\u2007\u202f\ufeff\f\v]/g;

/** The lines with text, with their layout facts. */
export function textLines(raw: readonly string[]): { lines: Line[]; layout: Layout } {
  const lines: Line[] = [];
  let gap = 0;
  raw.forEach((r, index) => {
    const clean = r.replace(SPACES, ' ').replace(/\r$/, '');
    const text = clean.trim();
    if (text === '') {
      gap++;
      return;
    }
    const previous = lines.at(-1);
    if (previous && gap === 0 && continuesLinkLine(previous.text, text)) previous.text += text;
    else lines.push({ index, no: index + 1, text, indented: /^\s/.test(clean), gapBefore: lines.length ? gap : 0 });
    gap = 0;
  });
  return { lines, layout: layoutOf(lines) };
}

/**
 * A line that is only a link, cut where the page was too narrow for it ("https://…/criminalizing-"),
 * goes on with the next line when that is one unbroken piece ("thailands-crackdown-context"):
 * the two are one link, as the text a PDF was made from has it.
 */
function continuesLinkLine(link: string, next: string): boolean {
  return isLinkLine(link) && /[-/_.=&?#~%]$/.test(link) && /^[^\s]+$/.test(next) && !isLinkLine(next);
}

function layoutOf(lines: Line[]): Layout {
  const typicalGap = gapInsideSentences(lines) ?? mostCommonGap(lines);
  const lengths = lines.map((l) => l.text.length).sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  // Wrapped text breaks most of its long lines in mid-sentence; one paragraph a line ends them.
  const long = lines.filter((l) => l.text.length >= 40);
  const midSentence = long.filter((l) => !endsSentence(l.text)).length;
  const breaksSentences = long.length < 5 || midSentence >= 0.5 * long.length;
  return { typicalGap, wrapped: p90 > 0 && p90 <= 160 && breaksSentences, width: p90 };
}

/**
 * The gap between lines where a sentence goes on ("… with workers" / "commonly migrating …"): such
 * lines are surely of one paragraph. A text printed with an empty line after each of its lines
 * and then wrapped again on a narrower page has about as many gaps of 0 as of 1 there; the larger
 * one, if common, is the gap a paragraph can have inside it. Undefined with too few such places.
 */
function gapInsideSentences(lines: Line[]): number | undefined {
  const gaps = new Map<number, number>();
  let total = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!/[\p{Ll},]$/u.test(lines[i - 1]!.text) || !/^\p{Ll}/u.test(lines[i]!.text)) continue;
    gaps.set(lines[i]!.gapBefore, (gaps.get(lines[i]!.gapBefore) ?? 0) + 1);
    total++;
  }
  if (total < 10) return undefined;
  return Math.max(...[...gaps].filter(([, n]) => n >= 0.25 * total).map(([g]) => g));
}

function mostCommonGap(lines: Line[]): number {
  const gaps = new Map<number, number>();
  for (const l of lines.slice(1)) gaps.set(l.gapBefore, (gaps.get(l.gapBefore) ?? 0) + 1);
  let typicalGap = 0;
  let best = -1;
  for (const [g, n] of gaps) if (n > best || (n === best && g < typicalGap)) [typicalGap, best] = [g, n];
  return typicalGap;
}

/** A word broken at the end of a line with a hyphen ("COVID-", "evidence-"). */
export function endsWithHyphenatedWord(text: string): boolean {
  return /[\p{L}\p{N}]-$/u.test(text);
}

/**
 * Joins the pieces of a wrapped line. A hyphen at the end of a piece is kept and the pieces are
 * joined without a space ("COVID-" + "19" → "COVID-19", "evidence-" + "based" → "evidence-based"):
 * in these documents a line-final hyphen almost always belongs to a compound, and a wrong join
 * ("contribu-tion") is easier to forgive than a lost hyphen in a name or a URL.
 */
export function joinPieces(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return endsWithHyphenatedWord(a) ? a + b : `${a} ${b}`;
}

/** Collapses runs of spaces and tabs (PDF text is full of double spaces). */
export function tidySpaces(text: string): string {
  return text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
}

/** The text ends a sentence (or a heading that introduces a list). */
export function endsSentence(text: string): boolean {
  return /[.!?:;][)"'\u201d\u2019\]]*(?:\d{0,3}|(?:\u27e6fn:\d+\u27e7)+)$/.test(text.trimEnd());
}

/** A line that is only a link, as PDF extractions repeat them after the page they sit on. */
export function isLinkLine(text: string): boolean {
  return /^(?:https?:\/\/|mailto:|www\.)\S+$/i.test(text);
}

/** "• item", "- item", "– item": an item of a list inside a paragraph. */
export const BULLET = /^[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7\u2013*-][ \t]+(?=\S)/;
