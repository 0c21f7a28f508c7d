// Yes/No check boxes as they survive in text: "☒ Yes ☐ No", "[x] Yes [ ] No", "Yes ☒", and the
// PDF case where a ticked box drew nothing at all, leaving "=yes" with no box before it.
import type { Tri } from '../domain/response.ts';
import { normaliseBoxes } from './readers/check-boxes.ts';

const TICKED = '\u2612\u2611\u25a0\u25fc\u25aa\u2713\u2714\u2717\u2718\u2613\u22a0\u25a3\u25cf\u2327';
const EMPTY = '\u2610\u25a1\u25fb\u25cb\u25ef';
const GLYPH = `[${TICKED}${EMPTY}]|\\[\\s*[xX\u2713\u2714]?\\s*\\]|\\(\\s*[xX]?\\s*\\)`;

export type BoxMark = 'ticked' | 'empty' | 'lost';

export interface BoxAnswer {
  value: Tri;
  /** Both boxes ticked: read as unanswered, and worth a warning. */
  conflict: boolean;
  /** A "yes"/"no" was read as ticked because its box glyph was lost ("=yes" with nothing before it). */
  lost: boolean;
  /** Where the boxes stand in the text: what is before belongs to a question, what is after to an explanation. */
  start: number;
  end: number;
}

interface Mark {
  label: 'yes' | 'no';
  mark: BoxMark;
  start: number;
  end: number;
}

/** What every pair of boxes holds: a box, a bracket or "=". Most lines hold none and skip the full pattern, which is slow. */
const BOXISH = new RegExp(`[${TICKED}${EMPTY}[(=]`);

const patterns = new Map<string, RegExp>();

function pattern(yes: string, no: string): RegExp {
  const key = `${yes}\u0000${no}`;
  let re = patterns.get(key);
  if (!re) {
    const labels = `(${escape(yes)}|${escape(no)})(?![\\p{L}\\p{N}])`;
    // glyph [=] label  |  "=" label with no glyph (lost)  |  label [:=] glyph
    re = new RegExp(`(${GLYPH})[ \\t]*=?[ \\t]*${labels}|(?<![\\p{L}\\p{N}])=[ \\t]*${labels}|(?<![\\p{L}\\p{N}])${labels}[ \\t]*[:=]?[ \\t]*(${GLYPH})`, 'giu');
    patterns.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * Reads the first pair of Yes/No boxes in `text` (labels as the template prints them). Returns
 * null when the text holds no box with one of these labels.
 */
export function readYesNo(text: string, yesLabel = 'Yes', noLabel = 'No'): BoxAnswer | null {
  const t = normaliseBoxes(text);
  if (!BOXISH.test(t)) return null;
  const marks: Mark[] = [];
  const yes = yesLabel.toLowerCase();
  for (const m of t.matchAll(pattern(yesLabel, noLabel))) {
    const glyph = m[1] ?? m[5];
    const label = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase() === yes ? 'yes' : 'no';
    const mark: BoxMark = glyph === undefined ? 'lost' : isTicked(glyph) ? 'ticked' : 'empty';
    marks.push({ label, mark, start: m.index, end: m.index + m[0].length });
    if (marks.length === 2) break;
  }
  // A lost glyph is only believable next to a box that survived ("=yes ☐=no").
  if (marks.length === 0 || (marks.every((m) => m.mark === 'lost') && marks.length < 2)) return null;
  const ticked = (l: 'yes' | 'no') => marks.some((m) => m.label === l && m.mark !== 'empty');
  const y = ticked('yes');
  const n = ticked('no');
  return {
    value: y && !n ? 'yes' : n && !y ? 'no' : 'unanswered',
    conflict: y && n,
    lost: marks.some((m) => m.mark === 'lost'),
    start: marks[0]!.start,
    end: marks[marks.length - 1]!.end,
  };
}

function isTicked(glyph: string): boolean {
  return TICKED.includes(glyph) || /[xX\u2713\u2714]/.test(glyph);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Yes and no as words, in the languages States answer in (besides the template's own labels). */
const YES_WORDS = ['yes', 'y', 'oui', 'да', 'sí', 'si', '是', 'نعم', 'x', '\u2713', '\u2714'];
const NO_WORDS = ['no', 'n', 'non', 'нет', '否', 'لا'];

/**
 * An answer given as a word at the start of the text ("yes - explanation", "| Oui |", ": No."), as
 * States write it in a table column or a line of text: its value and where the word (with the
 * separator after it) ends. `x` and a tick count as yes. Null when the text does not begin so.
 */
export function readYesNoWord(text: string, yesLabel = 'Yes', noLabel = 'No'): { value: Tri; end: number } | null {
  const m = /^[\s|:=\t–—-]*([\p{L}\u2713\u2714]+)(?![\p{L}\p{N}])[ \t]*(?:[-–—:;,.|][ \t]*|$)/u.exec(text);
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  const value: Tri | null = w === yesLabel.toLowerCase() || YES_WORDS.includes(w) ? 'yes' : w === noLabel.toLowerCase() || NO_WORDS.includes(w) ? 'no' : null;
  return value ? { value, end: m[0].length } : null;
}
