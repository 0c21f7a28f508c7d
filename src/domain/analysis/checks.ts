// What looks inconsistent in a response, for the officer to look at (never a verdict):
// - a stated count that disagrees with what follows ("the two selected objectives", then three named);
// - guiding principles ticked yes with no explanation;
// - answers that report figures and cite no source;
// - years later than the cycle's deadline (the answer was updated after it, or a year is mistyped);
// - the same figure reported differently in two places;
// - the priorities named in the priorities question against what the other answers dwell on.
import { explicitObjectives } from './objectives.ts';
import type { Check, Figure } from './types.ts';

const numberWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const countWord = `(${Object.keys(numberWords).join('|')}|\\d{1,2})`;
/** "two objectives", "the two selected GCM objectives", "3 priority objectives". */
const statedCountPattern = new RegExp(`\\b${countWord}\\s+(?:(?:selected|priority|prioriti[sz]ed|main|key|chosen|specific|following|GCM|of the|global compact)\\s+)*objectives\\b`, 'giu');

/** A paragraph as the checks see it. */
export interface CheckedParagraph {
  number: number | null;
  question: string;
  text: string;
  footnotes: number;
}

const where = (p: { number: number | null; question: string }) => (p.number !== null ? `Paragraph ${p.number}` : `The answer to ${questionName(p.question)}`);
const questionName = (q: string) => (/^\d+$/.test(q) ? `question ${q}` : q);
const list = (ns: number[]) => (ns.length === 1 ? String(ns[0]) : `${ns.slice(0, -1).join(', ')} and ${ns.at(-1)}`);

/** A count of objectives stated, then a different number of objectives named (in the paragraph, or in the rest of its answer when the paragraph names none). */
export function statedCountChecks(answer: readonly CheckedParagraph[]): Check[] {
  const checks: Check[] = [];
  answer.forEach((p, i) => {
    if (!/bjectives/i.test(p.text)) return;
    for (const m of p.text.matchAll(statedCountPattern)) {
      const stated = numberWords[m[1]!.toLowerCase()] ?? Number(m[1]);
      const after = p.text.slice(m.index + m[0].length);
      let named = [...explicitObjectives(after).keys()];
      let scope = 'names';
      if (named.length === 0) {
        named = [...explicitObjectives(answer.slice(i + 1).map((q) => q.text).join('\n')).keys()];
        scope = 'and the paragraphs after it name';
      }
      named.sort((a, b) => a - b);
      if (named.length === 0 || named.length === stated) continue;
      checks.push({
        code: 'stated-count',
        message: `${where(p)} speaks of "${m[0]}" ${scope === 'names' ? 'but names' : `but ${scope}`} ${named.length}: objectives ${list(named)}.`,
        question: p.question,
        paragraph: p.number,
      });
    }
  });
  return checks;
}

export function principleChecks(question: string, rows: readonly { title: string; value: string; explanation: string }[]): Check[] {
  return rows
    .filter((r) => r.value === 'yes' && r.explanation.trim() === '')
    .map((r) => ({
      code: 'principle-unexplained' as const,
      message: `The guiding principle "${r.title}" is ticked as integrated with no explanation of how.`,
      question,
      paragraph: null,
    }));
}

/** Words that name where a figure comes from. */
const sourcePattern =
  /\baccording to\b|\bsource[sd]?\b|\bas reported by\b|\breported by\b|\bdata (?:from|of|by)\b|\bestimates? (?:of|by|from)\b|\bstud(?:y|ies)\b|\bsurvey\b|\bcensus\b|\bstatistics\b|\breport(?:ed)? (?:of|by)\b|\bfound that\b|\brecords? of\b|\bregist(?:er|ry)\b|\bdatabase\b|\([A-Z][\p{L}&. ]+,?\s*(?:19|20)\d{2}\)|\b(?:UNDESA|UN DESA|World Bank|ILO|IOM|UNHCR|UNICEF|OECD|ADB|national statistics office|bureau of statistics)\b/u;

/** Answers that report figures (counts, percentages, money) and cite no source: no footnote, no "according to", no "(IOM, 2019)". */
export function sourceChecks(answer: readonly CheckedParagraph[], figures: readonly Figure[]): Check[] {
  if (answer.length === 0) return [];
  const reported = figures.filter((f) => f.unit !== 'year' && f.unit !== 'date');
  if (reported.length === 0) return [];
  if (answer.some((p) => p.footnotes > 0 || sourcePattern.test(p.text))) return [];
  const question = answer[0]!.question;
  return [
    {
      code: 'no-source',
      message: `The answer to ${questionName(question)} reports ${reported.length} figure${reported.length === 1 ? '' : 's'} (${reported
        .slice(0, 3)
        .map((f) => f.raw)
        .join('; ')}${reported.length > 3 ? '; …' : ''}) and cites no source.`,
      question,
      paragraph: null,
    },
  ];
}

/** Words around a year that make it a plan, not an account: not a sign of an update after the deadline. */
const futurePattern = /\b(?:will|shall|plan(?:s|ned)?|to be|expected|scheduled|aims?|target(?:s|ed)?|by (?:the end of )?(?:19|20)\d{2}|until|upcoming|forthcoming|next|2030 Agenda|envisag\w*|intends?|foresee\w*)\b/iu;

/** Years and dates later than the deadline, outside sentences about plans. */
export function deadlineChecks(p: CheckedParagraph, figures: readonly Figure[], deadline: string): Check[] {
  const limit = deadline.slice(0, 10);
  const late = new Set<string>();
  for (const f of figures) {
    // A period that runs past the deadline ("2019-2023") is a plan's: its start alone counts.
    const values = typeof f.value === 'object' ? [f.value.from] : [f.value];
    for (const v of values) {
      const iso = f.unit === 'year' && typeof v === 'number' ? (v > Number(limit.slice(0, 4)) ? String(v) : null) : f.unit === 'date' && typeof v === 'string' && v.slice(0, limit.length) > limit.slice(0, v.length) ? v : null;
      if (!iso) continue;
      const sentence = sentenceAround(p.text, f.raw);
      if (!futurePattern.test(sentence)) late.add(f.unit === 'year' ? iso : f.raw);
    }
  }
  if (late.size === 0) return [];
  return [
    {
      code: 'after-deadline',
      message: `${where(p)} mentions ${[...late].join(', ')}, later than the deadline (${limit}): the answer was updated after the deadline, or a year is mistyped.`,
      question: p.question,
      paragraph: p.number,
    },
  ];
}

function sentenceAround(text: string, raw: string): string {
  const at = text.indexOf(raw.split(' ').at(-1)!);
  if (at < 0) return text;
  const start = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('; ', at), 0);
  const end = text.indexOf('. ', at);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Fewer paragraphs than this elsewhere on a priority objective is pointed out. */
const priorityEvidence = 2;

/**
 * The objectives the priorities question names against the paragraphs of the other answers that
 * speak to each (`dwelt`: objective → paragraphs): a priority hardly spoken of elsewhere, and the
 * objectives spoken of most (at least 5 paragraphs and a tenth of those tagged) that it leaves out.
 */
export function priorityChecks(question: string, priorities: readonly number[], dwelt: ReadonlyMap<number, number>, tagged: number): Check[] {
  if (priorities.length === 0) return [];
  const checks: Check[] = [];
  const name = questionName(question);
  for (const n of priorities) {
    const count = dwelt.get(n) ?? 0;
    if (count < priorityEvidence) {
      checks.push({ code: 'priorities', message: `Objective ${n} is named a priority in ${name}, but ${count === 0 ? 'no other paragraph speaks' : 'only one other paragraph speaks'} to it.`, question, paragraph: null });
    }
  }
  const most = [...dwelt]
    .filter(([n, count]) => !priorities.includes(n) && count >= Math.max(5, tagged / 10))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3);
  for (const [n, count] of most) {
    checks.push({ code: 'priorities', message: `The answers dwell on objective ${n} (${count} paragraphs), which ${name} does not name among the priorities.`, question, paragraph: null });
  }
  return checks;
}

const normaliseWhat = (w: string) =>
  w
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/\b(?:total|overall|some|about|the|registered|estimated)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The same thing counted for the same year with different values, in different paragraphs. */
export function differingFigureChecks(figures: readonly Figure[], questionOf: (f: Figure) => string): Check[] {
  const groups = new Map<string, Figure[]>();
  for (const f of figures) {
    // Two words at least ("migrant workers", not "workers"), so that two different counts of one broad noun are not compared.
    if (typeof f.value !== 'number' || f.what === null || f.year === null || f.unit === 'year' || f.unit === 'date' || normaliseWhat(f.what).split(' ').length < 2) continue;
    const key = `${f.unit}|${f.year}|${normaliseWhat(f.what)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const checks: Check[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    // Differing by more than 1 %, and by less than a factor of 3 (beyond that they are two different counts).
    const a = first.value as number;
    const other = group.find((f) => {
      const b = f.value as number;
      return f.paragraph !== first.paragraph && Math.abs(b - a) > 0.01 * Math.max(Math.abs(a), 1) && Math.max(a, b) <= 3 * Math.min(a, b);
    });
    if (!other) continue;
    const at = (f: Figure) => (f.paragraph !== null ? `paragraph ${f.paragraph}` : questionName(questionOf(f)));
    checks.push({
      code: 'figure-differs',
      message: `${first.what} in ${first.year}: "${first.raw}" in ${at(first)} but "${other.raw}" in ${at(other)}.`,
      question: questionOf(other),
      paragraph: other.paragraph,
    });
  }
  return checks;
}
