// The tracking table as an XLSX workbook (exceljs): a bold, frozen header row, column widths, the
// last activity as a date cell, text cells guarded against formulas like the CSV's.
import ExcelJS from 'exceljs';
import { guardCell, trackingCells, trackingColumns, type TrackingRow } from '../domain/tracking.ts';

const widths = [7, 28, 28, 36, 12, 9, 20, 24, 11, 11, 11, 11, 9, 11, 11, 11];

export async function trackingXlsx(title: string, rows: readonly TrackingRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'GCM Review';
  book.title = title;
  const sheet = book.addWorksheet('Tracking', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = trackingColumns.map((header, i) => ({ header, key: String(i), width: widths[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(trackingCells(r).map((v) => (typeof v === 'string' ? guardCell(v) : v)));
  sheet.getColumn(7).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: trackingColumns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
