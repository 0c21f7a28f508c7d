// A table question: fixed rows and columns, e.g. figures by year (rows: what is counted;
// columns: the years). Number columns take numbers; text columns take words.
import { z } from 'zod';
import { Key, Label, capitalise, defineKind, duplicateKeys, textAt, type Finding } from '../kind.ts';
import { labelled, plain, type Block } from '../layout.ts';
import { Text } from '../text.ts';

export const TableColumn = z.object({
  key: Key,
  label: Text,
  type: z.enum(['number', 'text']).default('number'),
  /** What the numbers count ("US$", "persons"), printed with the column. */
  unit: Text.optional(),
});
export const TableRow = z.object({ key: Key, label: Text });

export const TableItem = z.object({
  kind: z.literal('table'),
  key: Key,
  label: Label.optional(),
  prompt: Text,
  /** The heading above the row labels. */
  rowHeading: Text.optional(),
  columns: z.array(TableColumn).min(1, 'a table needs at least one column'),
  rows: z.array(TableRow).min(1, 'a table needs at least one row'),
});
export type TableItem = z.infer<typeof TableItem>;

export const Cell = z.union([z.number(), z.string()]).nullable();
export const TableAnswer = z.object({
  kind: z.literal('table'),
  /** By row key, then column key; null or absent is a blank cell. */
  cells: z.record(z.string(), z.record(z.string(), Cell)).default({}),
  /** Sources and remarks on the figures. */
  note: z.string().default(''),
});
export type TableAnswer = z.infer<typeof TableAnswer>;

export const table = defineKind<TableItem, TableAnswer>({
  kind: 'table',
  summary: 'a table of fixed rows and columns, e.g. figures by year',
  item: TableItem,
  answer: TableAnswer,
  empty: () => ({ kind: 'table', cells: {}, note: '' }),
  check(item, answer, ctx) {
    const findings: Finding[] = [];
    let filled = 0;
    for (const [rowKey, cells] of Object.entries(answer?.cells ?? {})) {
      const row = item.rows.find((r) => r.key === rowKey);
      if (!row) {
        findings.push({ severity: 'error', code: 'unknown-row', item: item.key, row: rowKey, message: `${capitalise(ctx.name)} has no row "${rowKey}".` });
        continue;
      }
      for (const [columnKey, value] of Object.entries(cells)) {
        const column = item.columns.find((c) => c.key === columnKey);
        const at = { item: item.key, row: rowKey, column: columnKey };
        if (!column) {
          findings.push({ severity: 'error', code: 'unknown-column', ...at, message: `${capitalise(ctx.name)} has no column "${columnKey}".` });
        } else if (value !== null && value !== '') {
          filled++;
          if (column.type === 'number' && typeof value !== 'number') {
            findings.push({
              severity: 'error',
              code: 'not-a-number',
              ...at,
              message: `"${value}" in ${ctx.name} (${ctx.t(row.label)}, ${ctx.t(column.label)}) is not a number; please put words in the note below the table.`,
            });
          }
        }
      }
    }
    if (filled === 0) findings.push({ severity: 'warning', code: 'missing-answer', item: item.key, message: `${capitalise(ctx.name)} has no figures yet.` });
    return findings;
  },
  texts: (item) => [
    ...textAt(['prompt'], item.prompt, 'marker'),
    ...textAt(['rowHeading'], item.rowHeading, 'printed'),
    ...item.columns.flatMap((c, i) => [...textAt(['columns', i, 'label'], c.label, 'printed'), ...textAt(['columns', i, 'unit'], c.unit, 'printed')]),
    ...item.rows.flatMap((r, i) => textAt(['rows', i, 'label'], r.label, 'printed')),
  ],
  layout(item, answer, { t }) {
    // "<rowHeading> | <column> | …", then "<row> | <cell> | …" a row (a blank cell is empty), then the note.
    const cell = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));
    const header = [item.rowHeading === undefined ? '' : t(item.rowHeading), ...item.columns.map((c) => t(c.label))];
    const rows = item.rows.map((r) => [[{ text: t(r.label) }], ...item.columns.map((c) => [{ text: cell(answer?.cells[r.key]?.[c.key]) }])]);
    const out: Block[] = [labelled(item.label, t(item.prompt)), { kind: 'table', header, rows }];
    if (answer?.note.trim()) out.push(plain(`Note: ${answer.note.trim()}`));
    return out;
  },
  problems: (item) => [...duplicateKeys(item.columns, 'columns', 'column key'), ...duplicateKeys(item.rows, 'rows', 'row key')],
});
