// Which GCM objectives a paragraph speaks to, and why. Two kinds of evidence:
// - explicit mentions ("Objective 23", "objectives 1, 11 and 23", "GCM objective 5"): confidence 0.95;
// - the vocabulary's terms (vocabulary.ts): each distinct term weighs 1, a weak one ("~") 0.5, and
//   half a point more when the question is about that objective (its cluster's objectives: context,
//   never an answer by itself). A paragraph is tagged when the weight reaches 1.
import { objectives } from '../reference.ts';
import type { ObjectiveTag } from './types.ts';
import { termMatchesAt, textWords, type CompiledTerm, type CompiledVocabulary } from './vocabulary.ts';

const objectiveCount = objectives.length;

/** "Objective 23", "objectives 1, 11 and 23", "GCM Objectives: 2, 5, 6", "objectives 4 to 6". */
const explicitPattern =
  /\b(?:GCM\s+)?objectives?\s*(?:no\.?\s*|number\s+|#\s*)?:?\s*(\d{1,2})(?![\d.,]\d)((?:\s*(?:,|;|&|and|or|to|through|-|–|—)\s*(?:(?:GCM\s+)?objectives?\s*)?\d{1,2}(?![\d.,]\d)\b)*)/giu;

/** The objectives a text names explicitly, each with the words that name it. */
export function explicitObjectives(text: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  if (!/bjective/i.test(text)) return found;
  for (const m of text.matchAll(explicitPattern)) {
    const quote = m[0].trim();
    const numbers: number[] = [Number(m[1])];
    let previous = numbers[0]!;
    for (const part of (m[2] ?? '').matchAll(/(,|;|&|and|or|to|through|-|–|—)\s*(?:(?:GCM\s+)?objectives?\s*)?(\d{1,2})/giu)) {
      const n = Number(part[2]);
      const range = /^(to|through|-|–|—)$/i.test(part[1]!) && n > previous;
      if (range) for (let k = previous + 1; k < n; k++) numbers.push(k);
      numbers.push(n);
      previous = n;
    }
    for (const n of numbers) {
      if (n < 1 || n > objectiveCount) continue;
      const quotes = found.get(n) ?? [];
      if (!quotes.includes(quote)) quotes.push(quote);
      found.set(n, quotes);
    }
  }
  return found;
}

/** Weight a paragraph's terms must reach for the objective to be tagged. */
export const tagThreshold = 1;
const contextBonus = 0.5;

/**
 * The objectives a paragraph speaks to, by number, with their evidence and confidence.
 * `context` is the objectives the question is about.
 */
export function tagObjectives(text: string, vocabulary: CompiledVocabulary, context: readonly number[] = []): ObjectiveTag[] {
  const explicit = explicitObjectives(text);
  const { words, breakBefore } = textWords(text);
  const matched = new Map<number, Map<string, number>>();
  const consider = (terms: readonly CompiledTerm[] | undefined, i: number) => {
    for (const term of terms ?? []) {
      if (!termMatchesAt(term, words, breakBefore, i)) continue;
      const found = matched.get(term.objective) ?? new Map<string, number>();
      found.set(term.term, term.weight);
      matched.set(term.objective, found);
    }
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    consider(vocabulary.byWord.get(word), i);
    for (const n of vocabulary.stemLengths) {
      if (n > word.length) break;
      consider(vocabulary.byStem.get(word.slice(0, n)), i);
    }
  }
  const tags: ObjectiveTag[] = [];
  for (let number = 1; number <= objectiveCount; number++) {
    const terms = matched.get(number) ?? new Map<string, number>();
    const mentions = explicit.get(number) ?? [];
    const inQuestion = context.includes(number);
    const termWeight = [...terms.values()].reduce((a, b) => a + b, 0);
    const weight = termWeight + (inQuestion && termWeight > 0 ? contextBonus : 0);
    if (mentions.length === 0 && weight < tagThreshold) continue;
    const confidence = mentions.length > 0 ? 0.95 : Math.min(0.9, round(0.3 + 0.2 * weight));
    tags.push({ number, evidence: { mentions, terms: [...terms].map(([term, w]) => (w < 1 ? `~${term}` : term)), inQuestion }, confidence });
  }
  return tags;
}

const round = (x: number) => Math.round(x * 100) / 100;
