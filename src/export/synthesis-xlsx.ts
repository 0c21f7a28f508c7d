// The synthesis of a cycle as an XLSX workbook (exceljs): Objectives (respondents × objectives,
// paragraph counts), Principles (respondents × guiding principles), Figures, Excerpts. Each sheet
// has a bold, frozen header row; text cells are guarded against formulas as the tracking table's.
import ExcelJS from 'exceljs';
import type { FigureValue } from '../domain/analysis/types.ts';
import { objectives, principles } from '../domain/reference.ts';
import { guardCell } from '../domain/tracking.ts';
import type { CycleSynthesis } from '../services/synthesis.ts';

const kindLabel = (respondent: string) => (respondent === 'stakeholder' ? 'Stakeholder' : 'State');
const text = (s: string | null) => guardCell(s ?? '');

/** A figure's value as a cell: the number, the date, or a range written "from–to". */
function valueCell(v: FigureValue): string | number {
  if (typeof v === 'object') return `${v.from}–${v.to}`;
  return v;
}

function sheet(book: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

export async function synthesisXlsx(s: CycleSynthesis): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'GCM Review';
  book.title = `Synthesis: ${s.cycle.title}`;
  const who = [
    { header: 'ISO3', width: 7 },
    { header: 'Respondent', width: 32 },
    { header: 'Kind', width: 11 },
  ];

  const o = sheet(book, 'Objectives', [...who, ...objectives.map((x) => ({ header: `O${x.number}`, width: 5 })), { header: 'Paragraphs', width: 11 }]);
  for (const r of s.objectiveMatrix) o.addRow([r.iso3, text(r.name), kindLabel(r.respondent), ...r.counts, s.respondents.find((x) => x.iso3 === r.iso3 && x.respondent === r.respondent)?.paragraphs ?? 0]);
  objectives.forEach((x, i) => (o.getCell(1, 4 + i).note = `Objective ${x.number}: ${x.title}`));

  const p = sheet(book, 'Principles', [...who, ...principles.map((x) => ({ header: x.title, width: 14 }))]);
  for (const r of s.principleMatrix) p.addRow([r.iso3, text(r.name), kindLabel(r.respondent), ...r.values.map((v) => (r.asked ? v : 'not asked'))]);

  const f = sheet(book, 'Figures', [...who, { header: 'Question', width: 9 }, { header: 'Paragraph', width: 10 }, { header: 'As written', width: 30 }, { header: 'Value', width: 16 }, { header: 'Unit', width: 9 }, { header: 'What', width: 32 }, { header: 'Year', width: 7 }]);
  for (const x of s.figures) f.addRow([x.iso3, text(x.name), kindLabel(x.respondent), x.question ?? '', x.paragraph ?? '', text(x.raw), valueCell(x.value), x.unit, text(x.what), x.year ?? '']);

  const e = sheet(book, 'Excerpts', [...who, { header: 'Objective', width: 10 }, { header: 'Question', width: 9 }, { header: 'Paragraph', width: 10 }, { header: 'Confidence', width: 11 }, { header: 'Evidence', width: 28 }, { header: 'Excerpt', width: 90 }]);
  for (const obj of s.objectives) {
    for (const x of obj.excerpts) e.addRow([x.iso3, text(x.name), kindLabel(x.respondent), obj.number, x.question, x.paragraph ?? '', x.confidence, text(x.evidence.join('; ')), text(x.text)]);
  }
  e.getColumn(9).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
