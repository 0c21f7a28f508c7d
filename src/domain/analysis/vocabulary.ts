// The words that say a paragraph speaks to a GCM objective: per objective, a list of terms written
// from the objective's scope in the Compact (vocabulary.en.json), which an analyst may replace one
// objective at a time (stored overrides, given to the analysis as an argument).
//
// A term is a word or phrase matched as whole words, case aside: "*" ends a word with any ending
// ("remittance*"); a hyphen or a space matches either; British and American spellings match alike
// (both the text and the terms are brought to one spelling). A term starting with "~" is weak: it
// counts half (see objectives.ts).
import english from './vocabulary.en.json' with { type: 'json' };
import { objectives } from '../reference.ts';

/** Terms by objective number (1-23), in one language. */
export type Vocabulary = Readonly<Record<number, readonly string[]>>;

/** The built-in vocabulary of each language the analysis knows. */
export const builtinVocabularies: Readonly<Record<string, Vocabulary>> = {
  en: Object.fromEntries(Object.entries(english.objectives).map(([n, terms]) => [Number(n), terms])),
};

export const vocabularyLanguages = Object.keys(builtinVocabularies);

/** An analyst's terms for one objective in one language, replacing the built-in ones. */
export interface VocabularyOverride {
  objective: number;
  language: string;
  terms: readonly string[];
}

/** The vocabulary of a language: the built-in terms, each objective an override names replaced by its terms. */
export function vocabularyWith(language: string, overrides: readonly VocabularyOverride[]): Vocabulary {
  const base = builtinVocabularies[language] ?? builtinVocabularies.en!;
  const out: Record<number, readonly string[]> = { ...base };
  for (const o of overrides) if (o.language === language) out[o.objective] = o.terms;
  return out;
}

export const maxTermLength = 80;
export const maxTerms = 200;

/** What is wrong with a list of terms, one message a problem (empty when it may be used). */
export function termProblems(terms: readonly string[]): string[] {
  const problems: string[] = [];
  if (terms.length > maxTerms) problems.push(`at most ${maxTerms} terms an objective (${terms.length} given)`);
  const seen = new Set<string>();
  terms.forEach((raw, i) => {
    const term = raw.trim();
    const core = term.replace(/^~/, '');
    if (!/[\p{L}\p{N}]/u.test(core)) problems.push(`term ${i + 1} ("${raw}") has no letter or digit`);
    else if (term.length > maxTermLength) problems.push(`term ${i + 1} is longer than ${maxTermLength} characters`);
    else if (/\*(?![\s-]|$)/.test(core) || core.startsWith('*')) problems.push(`term ${i + 1} ("${raw}"): "*" may only end a word`);
    const key = normaliseText(core);
    if (seen.has(key)) problems.push(`term ${i + 1} ("${raw}") is given twice`);
    seen.add(key);
  });
  return problems;
}

export function isObjectiveNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= objectives.length;
}

/**
 * Lower case, one spelling (labour/labor, centre/center, -ise/-ize, programme/program), curly
 * quotes straight: what terms and texts are compared in.
 */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[‐‑–—]/g, '-')
    .replace(/labour/g, 'labor')
    .replace(/centre/g, 'center')
    .replace(/programme/g, 'program')
    .replace(/([a-z]{2})is(e[ds]?|ing|ations?)\b/g, '$1iz$2');
}

export interface CompiledTerm {
  objective: number;
  /** As the vocabulary writes it (without "~"). */
  term: string;
  weight: number;
  /** Its words in one spelling; a word ending with "*" matches any word it begins. */
  words: string[];
}

/**
 * The vocabulary made ready to match in one pass over a text's words: terms indexed by their first
 * word (exact words, and the stems of words ending with "*").
 */
export interface CompiledVocabulary {
  byWord: Map<string, CompiledTerm[]>;
  byStem: Map<string, CompiledTerm[]>;
  /** Lengths of the stems in byStem, to look up a word's beginnings. */
  stemLengths: number[];
}

export function compileVocabulary(vocabulary: Vocabulary): CompiledVocabulary {
  const byWord = new Map<string, CompiledTerm[]>();
  const byStem = new Map<string, CompiledTerm[]>();
  for (const { number } of objectives) {
    for (const raw of vocabulary[number] ?? []) {
      const weak = raw.trim().startsWith('~');
      const term = raw.trim().replace(/^~/, '').trim();
      const words = termWords(term);
      if (words.length === 0) continue;
      const compiled: CompiledTerm = { objective: number, term, weight: weak ? 0.5 : 1, words };
      const first = words[0]!;
      const index = first.endsWith('*') ? byStem : byWord;
      const key = first.endsWith('*') ? first.slice(0, -1) : first;
      index.set(key, [...(index.get(key) ?? []), compiled]);
    }
  }
  return { byWord, byStem, stemLengths: [...new Set([...byStem.keys()].map((k) => k.length))].sort((a, b) => a - b) };
}

/** A text's words in one spelling, each marked when punctuation (not a space or a hyphen) stands before it: terms do not match across it. */
export function textWords(text: string): { words: string[]; breakBefore: boolean[] } {
  const words: string[] = [];
  const breakBefore: boolean[] = [];
  let last = 0;
  const normalised = normaliseText(text);
  for (const m of normalised.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*'?/gu)) {
    let hard = false;
    for (let i = last; i < m.index && !hard; i++) {
      const c = normalised.charCodeAt(i);
      hard = c !== 32 && c !== 10 && c !== 9 && c !== 45 && c !== 13;
    }
    breakBefore.push(hard);
    words.push(m[0]);
    last = m.index + m[0].length;
  }
  return { words, breakBefore };
}

function termWords(term: string): string[] {
  return [...normaliseText(term).matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*'?\*?/gu)].map((m) => m[0]);
}

/** Whether the term's words match the text's from position i. */
export function termMatchesAt(term: CompiledTerm, words: readonly string[], breakBefore: readonly boolean[], i: number): boolean {
  for (let k = 0; k < term.words.length; k++) {
    const w = words[i + k];
    if (w === undefined || (k > 0 && breakBefore[i + k])) return false;
    const t = term.words[k]!;
    if (t.endsWith('*') ? !w.startsWith(t.slice(0, -1)) : w !== t) return false;
  }
  return true;
}
