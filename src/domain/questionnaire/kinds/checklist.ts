// A checklist: rows each answered yes, no or not at all, with an explanation (the guiding
// principles of the Compact, "Principle has been integrated: yes / no, explanation").
import { z } from 'zod';
import { principles } from '../../reference.ts';
import { Tri } from '../../response.ts';
import { Key, Label, defineKind, duplicateKeys, textAt, type Finding, type ItemProblem, type ReadLine } from '../kind.ts';
import { labelled, yesNoBoxes, yesNoRuns } from '../layout.ts';
import { Text } from '../text.ts';

export const ChecklistRow = z.object({ key: Key, text: Text });

export const ChecklistItem = z.object({
  kind: z.literal('checklist'),
  key: Key,
  label: Label.optional(),
  prompt: Text,
  /** "guiding-principles": the rows are the Compact's guiding principles, keyed as in the reference data. */
  role: z.enum(['guiding-principles']).optional(),
  /** The heading above the rows' titles; when absent "Guiding principle" for the guiding principles, else "Item". */
  rowHeading: Text.optional(),
  /** The heading of the yes / no column, e.g. "Principle has been integrated". */
  answerLabel: Text.optional(),
  /** The heading of the explanation column. */
  explanationLabel: Text.optional(),
  rows: z.array(ChecklistRow).min(1, 'a checklist needs at least one row'),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistRowAnswer = z.object({ value: Tri.default('unanswered'), explanation: z.string().default('') });
export const ChecklistAnswer = z.object({
  kind: z.literal('checklist'),
  /** By row key. */
  rows: z.record(Key, ChecklistRowAnswer).default({}),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export const checklist = defineKind<ChecklistItem, ChecklistAnswer>({
  kind: 'checklist',
  summary: 'rows answered yes / no / unanswered, each with an explanation (the guiding principles)',
  item: ChecklistItem,
  answer: ChecklistAnswer,
  empty: (item) => ({ kind: 'checklist', rows: Object.fromEntries(item.rows.map((r) => [r.key, { value: 'unanswered', explanation: '' }])) }),
  check(item, answer, ctx) {
    const findings: Finding[] = [];
    const where = ` (${ctx.name})`;
    for (const row of item.rows) {
      const a = answer?.rows[row.key];
      const name = ctx.t(row.text);
      if (!a || a.value === 'unanswered') {
        findings.push({ severity: 'warning', code: 'row-unanswered', item: item.key, row: row.key, message: `"${name}"${where} is not marked yes or no.` });
      } else if (a.explanation.trim() === '') {
        findings.push({
          severity: 'warning',
          code: 'row-without-explanation',
          item: item.key,
          row: row.key,
          message: `"${name}"${where} is marked ${a.value} without an explanation; the form asks for one.`,
        });
      }
    }
    for (const key of Object.keys(answer?.rows ?? {})) {
      if (!item.rows.some((r) => r.key === key)) {
        findings.push({ severity: 'error', code: 'unknown-row', item: item.key, row: key, message: `There is an answer about "${key}", which is not a row of ${ctx.name}.` });
      }
    }
    return findings;
  },
  texts: (item) => [
    ...textAt(['prompt'], item.prompt, 'marker'),
    ...textAt(['rowHeading'], item.rowHeading, 'printed'),
    ...textAt(['answerLabel'], item.answerLabel, 'printed'),
    ...textAt(['explanationLabel'], item.explanationLabel, 'printed'),
    ...item.rows.flatMap((r, i) => textAt(['rows', i, 'text'], r.text, 'printed')),
  ],
  layout(item, answer, { t }) {
    // "<row> | ☒=yes ☐=no | <explanation>" a row, under "<rowHeading> | <answerLabel> ☐=yes ☐=no | <explanationLabel>".
    // The guiding principles' table has its own headings when the template gives none.
    const principles = item.role === 'guiding-principles';
    const answerLabel = item.answerLabel === undefined ? (principles ? 'Principle has been integrated' : undefined) : t(item.answerLabel);
    const header = [
      item.rowHeading === undefined ? (principles ? 'Guiding principle' : 'Item') : t(item.rowHeading),
      [answerLabel, yesNoBoxes('unanswered')].filter((s) => s !== undefined).join(' '),
      item.explanationLabel === undefined ? 'Explanation' : t(item.explanationLabel),
    ];
    const rows = item.rows.map((r) => {
      const a = answer?.rows[r.key];
      return [[{ text: t(r.text) }], yesNoRuns(a?.value ?? 'unanswered'), [{ text: a?.explanation ?? '' }]];
    });
    return [labelled(item.label, t(item.prompt)), { kind: 'table', header, rows, widths: [28, 22, 50] }];
  },
  problems(item) {
    const problems: ItemProblem[] = duplicateKeys(item.rows, 'rows', 'row key');
    if (item.role === 'guiding-principles') {
      item.rows.forEach((r, i) => {
        if (!principles.some((p) => p.key === r.key)) {
          problems.push({ path: ['rows', i, 'key'], message: `must be one of the ten guiding principles: ${principles.map((p) => p.key).join(', ')}` });
        }
      });
    }
    return problems;
  },
  read(item, lines, ctx) {
    // A table: "Item | Principle has been integrated ☐=yes ☐=no | Explanation", then
    // "<row> | ☒=yes ☐=no | <explanation>" a row; a line that is no row goes on with the row before.
    const answer: ChecklistAnswer = { kind: 'checklist', rows: {} };
    const form: string[] = [];
    const unplaced: ReadLine[] = [];
    const headings = [item.answerLabel, item.explanationLabel, 'Item', 'Explanation'].filter((t) => t !== undefined);
    let current: { value: Tri; explanation: string } | undefined;
    for (const line of lines) {
      const cells = line.text.split('|');
      const first = cells[0]!.trim();
      const row = item.rows.find((r) => ctx.starts(first, r.text) !== null && first.slice(ctx.starts(first, r.text)!).trim() === '');
      if (row) {
        form.push(first);
        const rest = cells.slice(1).join('|');
        const boxes = ctx.yesNo(rest);
        const explanation = boxes ? `${rest.slice(0, boxes.start)} ${rest.slice(boxes.end)}` : rest;
        current = { value: boxes?.value ?? 'unanswered', explanation: tidyCell(explanation) };
        answer.rows[row.key] = current;
      } else if (!current && cells.some((c) => headings.some((h) => ctx.starts(c.trim(), h) !== null))) {
        form.push(line.text);
      } else if (current) {
        current.explanation = [current.explanation, tidyCell(line.text)].filter(Boolean).join(' ');
      } else unplaced.push(line);
    }
    return { answer, form, unplaced };
  },
});

/** A cell's text without the pipes and spaces around it. */
function tidyCell(text: string): string {
  return text.replace(/^[\s|]+|[\s|]+$/g, '').replace(/\s*\|\s*/g, ' | ');
}
