// Footnote markers in body text. Readers that know where markers are write ⟦fn:N⟧; in plain text
// a marker is a number glued to the end of a word or a closing bracket ("Arabia.1", "(IOM, 2019)2",
// "Cambodia8.", "NCCT)14", "3D16"). Such numbers are taken only in sequence (the next footnote
// number is by far the strongest cue), so "2,309 people", "USD1.43", "COVID-19", "2019",
// "Article 17" and "(2017)" are left alone. The one exception is a footnote cited out of number
// order (8 after 3, with 4 to 7 further on): a number glued to a word is its marker when the
// footnote exists and that number stands nowhere else in the body that a marker could.
import { MARKER_RE } from './source.ts';

export interface MarkedText {
  text: string;
  footnotes: number[];
  anchors: number[];
}

/** Words that numbers are glued to without being footnote markers: currencies, "COVID19", "OP48", "No5". */
const NOT_A_MARKER_WORD = /^(?:usd?|eur|gbp|jpy|thb|khr|aud|nzd|cad|chf|cny|rmb|inr|php|idr|vnd|myr|sgd|krw|bdt|npr|lkr|pkr|mmk|lak|covid|sars|mers|op|para|art|no|nr|vol|sdg|sdgs)$/i;

interface Candidate {
  value: number;
  start: number;
  end: number;
  /** Glued to a word or bracket; weak ones stand after a full stop and a space ("Employment. 18"). */
  strong: boolean;
  /** "[3]", as e-mails cite a references list: a marker only when that list has the number. */
  bracket?: boolean;
}

function* candidates(text: string): Generator<Candidate> {
  for (const m of text.matchAll(/\d+/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (m[0].length > 3 || m[0].startsWith('0')) continue;
    const after = text.charAt(e);
    if (after !== '' && !/[\s.,;:!?)\]}"'\u201d\u2019\u00bb]/.test(after)) continue;
    if (/[.,]/.test(after) && /\d/.test(text.charAt(e + 1))) continue;
    const before = text.charAt(s - 1);
    const value = Number(m[0]);
    if (before === '[' && after === ']') {
      // "in 2019 [1]." : the marker, its brackets and the space before it go, leaving "in 2019."
      yield { value, start: s - (text.charAt(s - 2) === ' ' ? 2 : 1), end: e + 1, strong: true, bracket: true };
    } else if (/\p{L}/u.test(before)) {
      const run = /\p{L}+$/u.exec(text.slice(Math.max(0, s - 24), s))![0];
      const beforeRun = text.charAt(s - run.length - 1);
      if (NOT_A_MARKER_WORD.test(run) || /[-/_@#]/.test(beforeRun)) continue;
      // "Q1", "G7" are names; "3D16" is the term "3D" and marker 16.
      if (run.length === 1 && !/\d/.test(beforeRun)) continue;
      yield { value, start: s, end: e, strong: true };
    } else if (/[)\]"'\u201d\u2019]/.test(before)) {
      yield { value, start: s, end: e, strong: true };
    } else if (before === '.' && /[\p{L})\]"'\u201d\u2019]/u.test(text.charAt(s - 2))) {
      yield { value, start: s, end: e, strong: true };
    } else if (endsSentenceHere(text, e)) {
      // Weak markers end the text or come before a new sentence: "Employment. 18", "in March 2022.3".
      if (before === ' ' && text.charAt(s - 2) === '.' && /[\p{L})]/u.test(text.charAt(s - 3))) yield { value, start: s - 1, end: e, strong: false };
      else if (before === '.' && /(?<!\d)\d{4}$/.test(text.slice(Math.max(0, s - 6), s - 1))) yield { value, start: s, end: e, strong: false };
    }
  }
}

/** Nothing but a stop or white space, then the end of the text or a new sentence, after offset `e`. */
const SENTENCE_END = /[.,;:]?(?:\s+[\p{Lu}"'\u201c\u2018(]|\s*$)/uy;

function endsSentenceHere(text: string, e: number): boolean {
  SENTENCE_END.lastIndex = e;
  return SENTENCE_END.test(text);
}

/** The numbers that look like markers anywhere in a text (evidence that footnote N is cited). */
export function markerLikeNumbers(text: string): number[] {
  return [...candidates(text)].map((c) => c.value);
}

/**
 * The numbers that stand where a marker could at exactly one place in these texts (the body of a
 * document): if a footnote of that number exists, that place is where it is cited, in or out of order.
 */
export function soleMarkers(texts: readonly string[]): Set<number> {
  const counts = new Map<number, number>();
  for (const text of texts) for (const c of candidates(text)) counts.set(c.value, (counts.get(c.value) ?? 0) + 1);
  return new Set([...counts].flatMap(([n, count]) => (count === 1 ? [n] : [])));
}

/**
 * Takes the markers out of a paragraph's text. `sequence.next` is the footnote number expected
 * next and moves on with each marker found in sequence; `sequence.sole` (soleMarkers of the whole
 * body) lets a footnote cited ahead of its turn be taken without moving the sequence on;
 * `defined` says whether a footnote has a definition.
 */
export function takeMarkers(text: string, sequence: { next: number; sole?: ReadonlySet<number> }, defined: (n: number) => boolean): MarkedText {
  let out = '';
  let from = 0;
  const footnotes: number[] = [];
  const anchors: number[] = [];
  for (const c of candidates(text)) {
    if (c.bracket && !defined(c.value)) continue;
    const expected = sequence.next;
    const inSequence = c.value === expected && (c.strong || defined(c.value));
    // A marker or two may be missing before this one; believe it only if its footnote exists.
    const skipping = c.strong && c.value > expected && c.value <= expected + 2 && defined(c.value);
    // Cited ahead of its turn (8 after 3): the only place its number could be a marker.
    const ahead = c.strong && c.value > expected && defined(c.value) && sequence.sole?.has(c.value) === true;
    if (!inSequence && !skipping && !ahead) continue;
    out += text.slice(from, c.start);
    anchors.push(out.length);
    footnotes.push(c.value);
    from = c.end;
    if (inSequence || skipping) sequence.next = c.value + 1;
  }
  out += text.slice(from);
  return { text: out, footnotes, anchors };
}

/** Takes out the ⟦fn:N⟧ markers a reader placed (DOCX footnotes): nothing is guessed. */
export function takeExplicitMarkers(text: string): MarkedText {
  let out = '';
  let from = 0;
  const footnotes: number[] = [];
  const anchors: number[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    out += text.slice(from, m.index);
    // "word ⟦fn:1⟧" leaves no space before where the marker stood.
    if (out.endsWith(' ') && /^(?:[\s.,;:)]|$)/.test(text.slice(m.index + m[0].length))) out = out.slice(0, -1);
    anchors.push(out.length);
    footnotes.push(Number(m[1]));
    from = m.index + m[0].length;
  }
  out += text.slice(from);
  return { text: out, footnotes, anchors };
}
