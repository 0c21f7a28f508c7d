// Import benchmark: how long reading (readSource) and reading plus mapping (importDocument)
// take for the seed questionnaire as text (when ../shared/seeds is there) and as LibreOffice's
// DOCX and PDF of that text, the fictional Arvenia questionnaire as DOCX and as PDF (LibreOffice
// makes the converted files; rows that need it are skipped without it), and a batch of 500 mixed
// documents. Prints median and 95th percentile; asserts nothing.
//   npm run bench:import
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { exportText } from '../src/export/txt.ts';
import { importDocument, readSource } from '../src/ingest/index.ts';
import { demoDocx, demoNames, demoPdf, demoResponse, formTemplate } from '../test/fixtures/docs/arvenia.ts';
import { convert, sofficeAvailable } from '../test/support/office.ts';

const template = formTemplate();
const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));

interface Input {
  name: string;
  file: string;
  bytes: Uint8Array;
}

interface Row {
  what: string;
  size: string;
  runs: number;
  median: number;
  p95: number;
  note?: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run(); // warm up: module loading, JIT, pdfjs's fake worker
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

async function measure(input: Input, runs: number): Promise<Row[]> {
  const size = `${Math.round(input.bytes.length / 1024)} KB`;
  const read = await time(() => readSource(input.bytes, input.file), runs);
  const full = await time(() => importDocument(input.bytes, input.file, template), runs);
  return [
    { what: `${input.name}: read`, size, runs, median: percentile(read, 50), p95: percentile(read, 95) },
    { what: `${input.name}: read + map`, size, runs, median: percentile(full, 50), p95: percentile(full, 95) },
  ];
}

async function inputs(): Promise<{ list: Input[]; notes: string[] }> {
  const list: Input[] = [];
  const notes: string[] = [];
  const seed = existsSync(seedsDir) ? readdirSync(seedsDir).find((f) => f.endsWith('.txt')) : undefined;
  if (seed) list.push({ name: 'seed (text)', file: seed, bytes: readFileSync(join(seedsDir, seed)) });
  else notes.push(`seed skipped: no .txt file in ${seedsDir}`);
  // The same seed as LibreOffice turns it into a Word document and a PDF (converted once, cached).
  if (seed && sofficeAvailable()) {
    for (const format of ['docx', 'pdf'] as const) {
      list.push({ name: `seed (${format.toUpperCase()})`, file: `seed.${format}`, bytes: readFileSync(await convert(join(seedsDir, seed), format)) });
    }
  } else if (seed) notes.push('seed as DOCX and PDF skipped: LibreOffice (soffice) is not installed to make them');
  list.push({ name: 'Arvenia (DOCX)', file: 'arvenia.docx', bytes: await demoDocx('arvenia') });
  if (sofficeAvailable()) list.push({ name: 'Arvenia (PDF)', file: 'arvenia.pdf', bytes: await demoPdf('arvenia') });
  else notes.push('PDF skipped: LibreOffice (soffice) is not installed to make it');
  return { list, notes };
}

/** 500 documents: the three fictional States, each as DOCX, text and (with LibreOffice) PDF, in turn. */
async function batch(count: number): Promise<Row> {
  const kinds: Input[] = [];
  for (const name of demoNames) {
    kinds.push({ name, file: `${name}.docx`, bytes: await demoDocx(name) });
    kinds.push({ name, file: `${name}.txt`, bytes: new TextEncoder().encode(exportText(template, demoResponse(name))) });
    if (sofficeAvailable()) kinds.push({ name, file: `${name}.pdf`, bytes: await demoPdf(name) });
  }
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const input = kinds[i % kinds.length]!;
    const t = performance.now();
    await importDocument(input.bytes, input.file, template);
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const mix = sofficeAvailable() ? 'DOCX, text, PDF' : 'DOCX, text';
  return {
    what: `batch of ${count} (${mix}): read + map`,
    size: '',
    runs: count,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    note: `total ${(total / 1000).toFixed(1)} s, ${(count / (total / 1000)).toFixed(0)} documents/s`,
  };
}

function print(rows: Row[], notes: string[]) {
  const header = ['what', 'size', 'runs', 'median ms', 'p95 ms', ''];
  const cells = rows.map((r) => [r.what, r.size, String(r.runs), r.median.toFixed(1), r.p95.toFixed(1), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  for (const n of notes) console.log(`note: ${n}`);
}

const { list, notes } = await inputs();
const rows: Row[] = [];
for (const input of list) rows.push(...(await measure(input, input.file.endsWith('.pdf') ? 20 : 30)));
rows.push(await batch(500));
print(rows, [`Node ${process.version}, ${process.platform}; first runs (module loading) are left out.`, ...notes]);
