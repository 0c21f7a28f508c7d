// The analysis of one response in the item model: pure and deterministic (the same response,
// questionnaire and vocabulary give the same analysis), every result with its evidence. The
// vocabulary is an argument: the built-in one with the analyst's overrides (vocabulary.ts).
import { clusters } from '../reference.ts';
import { answeredItems, type Questionnaire } from '../questionnaire/questionnaire.ts';
import type { ItemResponse } from '../questionnaire/response.ts';
import { textIn } from '../questionnaire/text.ts';
import { deadlineChecks, differingFigureChecks, principleChecks, priorityChecks, sourceChecks, statedCountChecks, type CheckedParagraph } from './checks.ts';
import { extractFigures } from './figures.ts';
import { findMentions } from './mentions.ts';
import { explicitObjectives, tagObjectives } from './objectives.ts';
import type { Analysis, Check, Figure, Mention } from './types.ts';
import { compileVocabulary, type CompiledVocabulary, type Vocabulary } from './vocabulary.ts';

export interface AnalysisOptions {
  /** Terms per objective (the built-in vocabulary with the analyst's overrides: vocabularyWith). */
  vocabulary: Vocabulary;
  /** The cycle's deadline (YYYY-MM-DD): years and dates after it are pointed out. */
  deadline?: string | null | undefined;
}

/** The question that asks which objectives the State has prioritised (apac-2020's question 7), by its English prompt. */
const prioritiesPrompt = /\bprioriti[sz]/i;

const compiled = new WeakMap<Vocabulary, CompiledVocabulary>();

/** The vocabulary compiled once per object (the analysis of many responses with one vocabulary compiles it once). */
export function compiledVocabulary(vocabulary: Vocabulary): CompiledVocabulary {
  let c = compiled.get(vocabulary);
  if (!c) {
    c = compileVocabulary(vocabulary);
    compiled.set(vocabulary, c);
  }
  return c;
}

/** The objectives a question concerns: its own, and those of its clusters. */
function contextOf(concerns: { clusters: readonly number[]; objectives: readonly number[] }): number[] {
  return [...new Set([...concerns.objectives, ...concerns.clusters.flatMap((n) => clusters.find((c) => c.number === n)?.objectives ?? [])])];
}

export function analyseResponse(questionnaire: Questionnaire, response: ItemResponse, options: AnalysisOptions): Analysis {
  const vocabulary = compiledVocabulary(options.vocabulary);
  const language = questionnaire.language;
  const state = response.state?.iso3 ?? null;
  const result: Analysis = { paragraphs: [], figures: [], checks: [], mentions: [] };
  const questionOf = new Map<Figure, string>();
  const mentions = new Map<string, Mention>();
  const laterChecks: Check[] = [];
  /** The question that asks for the State's priorities, and the objectives its answer names. */
  let priorities: { question: string; objectives: number[] } | null = null;

  for (const placed of answeredItems(questionnaire)) {
    const { item } = placed;
    const answer = response.answers[item.key];
    const question = placed.number ?? item.key;
    if (item.kind === 'checklist' && item.role === 'guiding-principles' && answer?.kind === 'checklist') {
      const rows = item.rows.map((row) => ({ title: textIn(row.text, language, questionnaire.language), value: answer.rows[row.key]?.value ?? 'unanswered', explanation: answer.rows[row.key]?.explanation ?? '' }));
      result.checks.push(...principleChecks(question, rows));
      continue;
    }
    if (answer?.kind !== 'prose') continue;
    const context = contextOf(placed.concerns);
    if (!priorities && item.kind === 'prose' && prioritiesPrompt.test(textIn(item.prompt, 'en', questionnaire.language))) {
      const named = new Set(answer.paragraphs.flatMap((p) => [...explicitObjectives(p.text).keys()]));
      priorities = { question, objectives: [...named].sort((a, b) => a - b) };
    }
    const checked: CheckedParagraph[] = [];
    const answerFigures: Figure[] = [];
    for (const p of answer.paragraphs) {
      if (p.text.trim() === '') continue;
      result.paragraphs.push({ number: p.number, question, objectives: tagObjectives(p.text, vocabulary, context) });
      const figures = extractFigures(p.text, p.number);
      for (const f of figures) questionOf.set(f, question);
      answerFigures.push(...figures);
      const cp = { number: p.number, question, text: p.text, footnotes: p.footnotes.length };
      checked.push(cp);
      if (options.deadline) laterChecks.push(...deadlineChecks(cp, figures, options.deadline));
      for (const m of findMentions(p.text, state)) {
        const key = `${m.kind}|${m.text.toLowerCase()}`;
        const known = mentions.get(key);
        if (known) {
          if (p.number !== null && !known.paragraphs.includes(p.number)) known.paragraphs.push(p.number);
          for (const c of m.countries) if (!known.countries.includes(c)) known.countries.push(c);
        } else mentions.set(key, { ...m, question, paragraphs: p.number === null ? [] : [p.number] });
      }
    }
    result.figures.push(...answerFigures);
    result.checks.push(...statedCountChecks(checked), ...sourceChecks(checked, answerFigures));
  }
  result.checks.push(...laterChecks, ...differingFigureChecks(result.figures, (f) => questionOf.get(f) ?? ''));
  if (priorities) {
    const { question } = priorities;
    const others = result.paragraphs.filter((p) => p.question !== question && p.objectives.length > 0);
    const dwelt = new Map<number, number>();
    for (const p of others) for (const o of p.objectives) dwelt.set(o.number, (dwelt.get(o.number) ?? 0) + 1);
    result.checks.push(...priorityChecks(question, priorities.objectives, dwelt, others.length));
  }
  result.mentions = [...mentions.values()];
  return result;
}
