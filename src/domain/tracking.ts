// The secretariat's tracking table, pure: how complete a response is against its template, how
// many days are left to a deadline, and the table as CSV (guarded against formula injection).
// src/services/tracking.ts reads the rows (one query) and src/export/tracking-xlsx.ts writes XLSX.
import { diff } from 'jsondiffpatch';
import { answeredItems, type Questionnaire } from './questionnaire/questionnaire.ts';
import { kindOf } from './questionnaire/registry.ts';
import type { ItemResponse } from './questionnaire/response.ts';
import { wordCount } from './response.ts';
import type { SubmissionStatus } from './workflow.ts';

export interface Completeness {
  questionsAnswered: number;
  questionsTotal: number;
  principlesAnswered: number;
  principlesTotal: number;
  /** Words written in the answers to questions. */
  words: number;
  /** The template's suggested lengths, added up over its questions (0 when it suggests none). */
  wordGuidance: number;
}

/**
 * How much of `template` a response answers; `response` undefined before the first save. Questions
 * are the items a respondent answers, but for the contact block, the publication consent and the
 * guiding-principles checklist, whose rows count as principles. A prose question counts once it has
 * words, any other once its answer is not the empty one.
 */
export function completenessOf(response: Pick<ItemResponse, 'answers'> | undefined, template: Questionnaire): Completeness {
  let questionsTotal = 0;
  let questionsAnswered = 0;
  let words = 0;
  let wordGuidance = 0;
  let principlesAnswered = 0;
  let principlesTotal = 0;
  for (const { item } of answeredItems(template)) {
    const answer = response?.answers[item.key];
    if (item.kind === 'contact' || (item.kind === 'choice' && item.role === 'publication-consent')) continue;
    if (item.kind === 'checklist' && item.role === 'guiding-principles') {
      principlesTotal += item.rows.length;
      if (answer?.kind === 'checklist') principlesAnswered += item.rows.filter((r) => (answer.rows[r.key]?.value ?? 'unanswered') !== 'unanswered').length;
      continue;
    }
    questionsTotal++;
    if (item.kind === 'prose') {
      wordGuidance += item.wordGuidance ?? 0;
      const n = answer?.kind === 'prose' ? answer.paragraphs.reduce((sum, p) => sum + wordCount(p.text), 0) : 0;
      words += n;
      if (n > 0) questionsAnswered++;
    } else if (answer && diff(answer, kindOf(item).empty(item)) !== undefined) questionsAnswered++;
  }
  return { questionsAnswered, questionsTotal, principlesAnswered, principlesTotal, words, wordGuidance };
}

/** Days from `today` to `deadline` (both YYYY-MM-DD): positive before it, 0 on the day, negative past it. */
export function daysToDeadline(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** One invited State in the tracking table. */
export interface TrackingRow {
  iso3: string;
  stateName: string;
  coordinators: { name: string; email: string }[];
  status: SubmissionStatus;
  version: number;
  /** The latest version: when, and who saved it; null before the first save. */
  lastActivity: { at: string; by: string } | null;
  completeness: Completeness;
  consent: 'yes' | 'no' | 'unanswered';
  /** Days to the cycle's deadline (negative: past it); null once the State has submitted. */
  daysToDeadline: number | null;
}

/** Statuses after which a State has nothing left to send (no reminder, no countdown). */
export const handedIn: readonly SubmissionStatus[] = ['submitted', 'accepted', 'published', 'unpublished'];

/** The table's columns, as the CSV and XLSX files head them. */
export const trackingColumns = [
  'ISO3',
  'State',
  'Coordinators',
  'Coordinator e-mails',
  'Status',
  'Version',
  'Last activity',
  'Last activity by',
  'Questions answered',
  'Questions',
  'Principles answered',
  'Principles',
  'Words',
  'Word guidance',
  'Consent',
  'Days to deadline',
] as const;

/** A row's cells, in the order of `trackingColumns` (a date as a Date, counts as numbers). */
export function trackingCells(r: TrackingRow): (string | number | Date | null)[] {
  const c = r.completeness;
  return [
    r.iso3,
    r.stateName,
    r.coordinators.map((p) => p.name).join('; '),
    r.coordinators.map((p) => p.email).join('; '),
    r.status,
    r.version,
    r.lastActivity ? new Date(r.lastActivity.at) : null,
    r.lastActivity?.by ?? '',
    c.questionsAnswered,
    c.questionsTotal,
    c.principlesAnswered,
    c.principlesTotal,
    c.words,
    c.wordGuidance,
    r.consent,
    r.daysToDeadline,
  ];
}

/**
 * A text cell a spreadsheet will not run: one starting with = + - @ (or a tab or carriage return,
 * which some readers skip before looking) gets a leading apostrophe.
 */
export function guardCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: string | number | Date | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = value instanceof Date ? value.toISOString() : guardCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV (RFC 4180: CRLF line ends, fields quoted where needed, formulas guarded), with a byte-order mark for spreadsheets. */
export function csvText(rows: readonly (readonly (string | number | Date | null)[])[]): string {
  return '\uFEFF' + rows.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The table as CSV (see csvText). */
export function trackingCsv(rows: readonly TrackingRow[]): string {
  return csvText([trackingColumns, ...rows.map(trackingCells)]);
}
