// Words as the matcher compares them: letters and digits only, lower case, so that quotes,
// dashes, hyphenation across lines and spacing never decide whether two texts are the same.

export interface Token {
  /** The word as compared: NFKC, lower case. */
  norm: string;
  /** Offsets of the word in the text it was read from. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ norm: m[0].normalize('NFKC').toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function words(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

/** Characters that are not white space: the unit of the import's accounting. */
export function inkCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0x2007 && c !== 0x202f && c !== 0xfeff) n++;
  }
  return n;
}

export interface Alignment {
  /** Words of `a` that matched a word of `b`. */
  matched: number;
  /** Index in `a` after the last matched word (or the start, if none matched). */
  aEnd: number;
  /** Index in `b` after the last matched word. */
  bEnd: number;
}

/**
 * Walks `a` from `ai` against `b` from `bj`, word by word, forgiving a few extra, missing or
 * changed words (a form's wording is seldom copied exactly): "Please highlight migration levels"
 * still follows "Please highlight the migration levels". Stops at the end of either, or after
 * `maxMisses` mismatches in a row.
 */
export function align(a: readonly string[], ai: number, b: readonly string[], bj: number, maxMisses = 2): Alignment {
  let i = ai;
  let j = bj;
  let matched = 0;
  let aEnd = ai;
  let bEnd = bj;
  let misses = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      matched++;
      i++;
      j++;
      aEnd = i;
      bEnd = j;
      misses = 0;
      continue;
    }
    // A word left out of `a` or added to it: look two words ahead on either side.
    if (b[j + 1] === a[i] && b[j + 2] === a[i + 1]) j += 1;
    else if (a[i + 1] === b[j] && a[i + 2] === b[j + 1]) i += 1;
    else if (b[j + 2] === a[i] && b[j + 3] === a[i + 1]) j += 2;
    else if (a[i + 2] === b[j] && a[i + 3] === b[j + 1]) i += 2;
    else {
      if (++misses > maxMisses) break;
      i++;
      j++;
    }
  }
  return { matched, aEnd, bEnd };
}
