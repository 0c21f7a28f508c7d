// A table question: fixed rows and columns, e.g. figures by year (rows: what is counted;
// columns: the years). Number columns take numbers; text columns take words.
import { z } from 'zod';
import { Key, Label, capitalise, defineKind, duplicateKeys, textAt, type Finding, type ReadContext, type ReadLine } from '../kind.ts';
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
  read(item, lines, ctx) {
    // "<row heading> | <column> | …" (the form's), then "<row> | <cell> | …" a row (a Word table of
    // one column gives "<row>: <cell>"), then "Note: <note>", whose further lines go on with it.
    const answer: TableAnswer = { kind: 'table', cells: {}, note: '' };
    const form: string[] = [];
    const unplaced: ReadLine[] = [];
    const headings = [item.rowHeading, ...item.columns.map((c) => c.label)].filter((t) => t !== undefined);
    let inNote = false;
    for (const line of lines) {
      const cells = line.text.split('|').map((c) => c.trim());
      const pair = cells.length === 1 ? ctx.labelled(line.text, item.rows) : null;
      const row = pair ? item.rows.find((r) => r.key === pair.key) : item.rows.find((r) => wholeCell(ctx, cells[0]!, r.label));
      const note = NOTE.exec(line.text);
      if (row && (pair || cells.length > 1)) {
        const values = pair ? [pair.value] : cells.slice(1);
        form.push(pair ? line.text.slice(0, pair.labelEnd) : cells[0]!);
        // A blank cell is left out (absent and null are the same blank); a row with none filled, too.
        const filled = item.columns.flatMap((c, i) => {
          const value = cellValue(values[i] ?? '', c.type);
          return value === null ? [] : [[c.key, value] as const];
        });
        if (filled.length) answer.cells[row.key] = Object.fromEntries(filled);
        inNote = false;
      } else if (note) {
        form.push(note[1]!);
        answer.note = note[2]!.trim();
        inNote = true;
      } else if (inNote) {
        answer.note = `${answer.note}\n${line.text.trim()}`;
      } else if (cells.length > 1 && cells.every((c) => c === '' || headings.some((h) => wholeCell(ctx, c, h)))) {
        form.push(line.text);
      } else unplaced.push(line);
    }
    return { answer, form, unplaced };
  },
});

/** "Note: …" under a table, in the form's languages. */
const NOTE = /^\s*((?:note|notes|remarque|nota|примечание|примечания)\s*[:：])\s*(.*)$/iu;

/** The cell holds this text and nothing else. */
function wholeCell(ctx: ReadContext, cell: string, text: Text): boolean {
  const end = ctx.starts(cell, text);
  return end !== null && cell.slice(end).trim() === '';
}

/**
 * A cell as written: blank is null; a number column takes "1,250,000", "1 250 000" or "12.5" as a
 * number, and keeps anything else as written (validation then says it is not a number).
 */
function cellValue(text: string, type: 'number' | 'text'): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  if (type === 'text') return t;
  const plain = t.replace(/[\s\u00a0\u202f]/g, '');
  const n = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(plain) ? Number(plain.replaceAll(',', '')) : /^-?\d+(?:[.,]\d+)?$/.test(plain) ? Number(plain.replace(',', '.')) : NaN;
  return Number.isFinite(n) ? n : t;
}
