// Import benchmark. Prints figures; asserts nothing.
//   npm run bench:import          (the whole-process rows need the compiled code: npm run build)
//
// 1. Whole process, as people run it: `gcm-review import FILE` (bin/gcm-review.js, compiled), beside
//    the plain-text converters they would otherwise use on the same file (`pandoc FILE -t plain`,
//    `pdftotext`) and bare `node -e 0`: the seed questionnaire as text, as LibreOffice's DOCX of it,
//    and as LibreOffice's PDF of it (its first 30 pages, and whole). Targets: seed text under 0.5 s,
//    Word no slower than pandoc, 30 PDF pages under 1 s.
// 2. In one process: reading (readSource) and reading plus mapping (importDocument) in the calling
//    thread, the same through the import pool's worker threads, and a batch of 500 mixed documents.
// 3. Hostile documents: how long the pool takes to refuse each, and which limit refuses it.
// 4. The layouts States use (issue 13, test/fixtures/layouts): one line each, reading plus mapping
//    in the calling thread, with the share of the document's characters placed or recognised.
//    `npm run bench:import -- --layouts` prints these lines only.
// Rows that need LibreOffice, pandoc, pdftotext or the seed are left out, with a note, when missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportText } from '../src/export/txt.ts';
import { importDocument, readSource } from '../src/ingest/index.ts';
import { ImportPool } from '../src/ingest/pool.ts';
import { ImportError } from '../src/ingest/source.ts';
import { demoDocx, demoNames, demoPdf, demoResponse, formTemplate } from '../test/fixtures/docs/arvenia.ts';
import { inflatingPdf, manyFootnotesDocx, manyFootnotesText, oneLineText, xmlFloodDocx } from '../test/fixtures/docs/hostile.ts';
import { layoutFixtures, partialLayoutFixtures } from '../test/fixtures/layouts/index.ts';
import { convert, sofficeAvailable } from '../test/support/office.ts';

const template = formTemplate();
const root = fileURLToPath(new URL('..', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const notes: string[] = [];

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

function row(what: string, size: string, times: number[], note?: string): Row {
  const sorted = [...times].sort((a, b) => a - b);
  return { what, size, runs: times.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), ...(note ? { note } : {}) };
}

async function time(run: () => Promise<unknown>, runs: number, warmUps = 3): Promise<number[]> {
  for (let i = 0; i < warmUps; i++) await run(); // module loading, JIT, pdfjs's fake worker
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    out.push(performance.now() - start);
  }
  return out;
}

const kb = (bytes: Uint8Array | number) => `${Math.round((typeof bytes === 'number' ? bytes : bytes.length) / 1024)} KB`;

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

// ---- The documents ----

async function seedInputs(): Promise<{ text?: Input; docx?: Input; pdf?: Input; pdf30?: Input }> {
  const seed = existsSync(seedsDir) ? readdirSync(seedsDir).find((f) => f.endsWith('.txt')) : undefined;
  if (!seed) {
    notes.push(`seed rows left out: no .txt file in ${seedsDir}`);
    return {};
  }
  const seedPath = join(seedsDir, seed);
  const text: Input = { name: 'seed (text)', file: seedPath, bytes: readFileSync(seedPath) };
  if (!sofficeAvailable()) {
    notes.push('seed as DOCX and PDF left out: LibreOffice (soffice) is not installed to make them');
    return { text };
  }
  // The first 30 pages: the seed's text cut where LibreOffice's PDF of it reaches 30 pages.
  const lines = readFileSync(seedPath, 'utf8').split('\n');
  const first30 = join(tmpdir(), 'gcm-review-bench-seed-30-pages.txt');
  writeFileSync(first30, lines.slice(0, Math.floor((lines.length * 29) / 51)).join('\n'));
  const at = async (name: string, path: string): Promise<Input> => ({ name, file: path, bytes: readFileSync(path) });
  return {
    text,
    docx: await at('seed (DOCX)', await convert(seedPath, 'docx')),
    pdf: await at('seed (PDF)', await convert(seedPath, 'pdf')),
    pdf30: await at('seed, first 30 pages (PDF)', await convert(first30, 'pdf')),
  };
}

function pdfPages(path: string): string {
  if (!has('pdfinfo')) return '';
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return `${/Pages:\s+(\d+)/.exec(info)?.[1] ?? '?'} pages`;
}

// ---- 1. Whole process ----

function processTimes(command: string, args: string[], runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    if (i > 0) out.push(ms); // the first run fills the disk cache
  }
  return out;
}

function wholeProcess(seed: Awaited<ReturnType<typeof seedInputs>>): Row[] {
  const runs = 7;
  const rows: Row[] = [row('node -e 0', '', processTimes(process.execPath, ['-e', '0'], runs))];
  const bin = join(root, 'bin/gcm-review.js');
  const probe = spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8' });
  if (probe.status !== 0) {
    notes.push(`whole-process rows left out: ${probe.stderr.trim()}`);
    return rows;
  }
  const gcm = (input: Input) => row(`gcm-review import: ${input.name}`, kb(input.bytes), processTimes(process.execPath, [bin, 'import', input.file], runs));
  if (seed.text) rows.push(gcm(seed.text));
  if (seed.docx) {
    rows.push(gcm(seed.docx));
    if (has('pandoc')) rows.push(row(`pandoc -t plain: ${seed.docx.name}`, kb(seed.docx.bytes), processTimes('pandoc', [seed.docx.file, '-t', 'plain'], runs)));
    else notes.push('pandoc row left out: pandoc is not installed');
  }
  for (const pdf of [seed.pdf30, seed.pdf]) {
    if (!pdf) continue;
    rows.push({ ...gcm(pdf), note: pdfPages(pdf.file) });
    if (has('pdftotext')) rows.push(row(`pdftotext: ${pdf.name}`, kb(pdf.bytes), processTimes('pdftotext', [pdf.file, '-'], runs)));
    else notes.push('pdftotext rows left out: poppler-utils is not installed');
  }
  return rows;
}

// ---- 2. In one process ----

async function inProcess(list: Input[], pool: ImportPool): Promise<Row[]> {
  const rows: Row[] = [];
  for (const input of list) {
    const runs = input.file.endsWith('.pdf') ? 20 : 30;
    const size = kb(input.bytes);
    const name = input.file.split('/').pop()!;
    rows.push(row(`${input.name}: read`, size, await time(() => readSource(input.bytes, name), runs)));
    rows.push(row(`${input.name}: read + map`, size, await time(() => importDocument(input.bytes, name, template), runs)));
    rows.push(row(`${input.name}: read + map in the pool`, size, await time(() => pool.run({ bytes: input.bytes, fileName: name, template }), runs)));
  }
  return rows;
}

/** 500 documents: the three fictional States, each as DOCX, text and (with LibreOffice) PDF, in turn. */
async function batch(count: number): Promise<Row[]> {
  const kinds: Input[] = [];
  for (const name of demoNames) {
    kinds.push({ name, file: `${name}.docx`, bytes: await demoDocx(name) });
    kinds.push({ name, file: `${name}.txt`, bytes: new TextEncoder().encode(exportText(template, demoResponse(name))) });
    if (sofficeAvailable()) kinds.push({ name, file: `${name}.pdf`, bytes: await demoPdf(name) });
  }
  const mix = sofficeAvailable() ? 'DOCX, text, PDF' : 'DOCX, text';
  const timed = async (input: Input, run: (input: Input) => Promise<unknown>, times: number[]) => {
    const t = performance.now();
    await run(input);
    times.push(performance.now() - t);
  };
  const summarise = (how: string, times: number[], started: number): Row => {
    const total = (performance.now() - started) / 1000;
    return { ...row(`batch of ${count} (${mix}) ${how}`, '', times), note: `total ${total.toFixed(1)} s, ${(count / total).toFixed(0)} documents/s` };
  };
  const inThread: number[] = [];
  let started = performance.now();
  for (let i = 0; i < count; i++) await timed(kinds[i % kinds.length]!, (input) => importDocument(input.bytes, input.file, template), inThread);
  const rows = [summarise('in the calling thread, one after another', inThread, started)];
  // Through the pool all at once, as many uploads would come; each timed from when it was handed in.
  const pooled = new ImportPool({ maxQueue: count });
  try {
    const times: number[] = [];
    started = performance.now();
    await Promise.all(Array.from({ length: count }, (_, i) => timed(kinds[i % kinds.length]!, (input) => pooled.run({ bytes: input.bytes, fileName: input.file, template }), times)));
    rows.push(summarise(`in the pool (${pooled.threads} workers), all at once`, times, started));
  } finally {
    await pooled.close();
  }
  return rows;
}

// ---- 3. Hostile documents ----

async function hostile(pool: ImportPool): Promise<Row[]> {
  const cases: Input[] = [
    { name: 'Word file of 2 MB holding 95 MB of XML', file: 'flood.docx', bytes: xmlFloodDocx(95) },
    { name: 'text of one 24 MB line', file: 'line.txt', bytes: oneLineText(24) },
    { name: 'Word file with 50,000 footnotes', file: 'notes.docx', bytes: manyFootnotesDocx(50_000) },
    { name: 'text with 50,000 footnotes', file: 'notes.txt', bytes: manyFootnotesText(50_000) },
    { name: 'PDF inflating to 400 MB', file: 'inflating.pdf', bytes: inflatingPdf(400) },
  ];
  const rows: Row[] = [];
  for (const input of cases) {
    let refusal = 'read (not refused)';
    const times = await time(
      async () => {
        try {
          await pool.run({ bytes: input.bytes, fileName: input.file, template });
        } catch (err) {
          refusal = err instanceof ImportError ? `refused: ${String(err.details.limit ?? err.code)}` : `failed: ${(err as Error).message}`;
        }
      },
      input.file.endsWith('.pdf') ? 1 : 3,
      0,
    );
    rows.push(row(`hostile: ${input.name}`, kb(input.bytes), times, refusal));
  }
  return rows;
}

// ---- 4. Layouts ----

async function layouts(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const fixture of [...layoutFixtures, ...partialLayoutFixtures]) {
    const bytes = await fixture.bytes();
    let accounted = '';
    const times = await time(async () => {
      const a = (await importDocument(bytes, fixture.file, template)).import.accounting;
      accounted = `${(((a.charsPlaced + a.charsTemplate) / a.charsIn) * 100).toFixed(1)}% of characters placed or form text, ${a.charsUnplaced} unplaced`;
    }, 30);
    rows.push(row(`layout ${fixture.title.split(',')[0]!} (${fixture.file}): read + map`, kb(bytes), times, accounted));
  }
  return rows;
}

function print(rows: Row[]) {
  const header = ['what', 'size', 'runs', 'median ms', 'p95 ms', ''];
  const cells = rows.map((r) => [r.what, r.size, String(r.runs), r.median.toFixed(1), r.p95.toFixed(1), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

// `npm run bench:import -- --layouts`: only the layouts' lines (section 4).
const layoutsOnly = process.argv.includes('--layouts');
const seed: Awaited<ReturnType<typeof seedInputs>> = layoutsOnly ? {} : await seedInputs();
const rows: Row[] = layoutsOnly ? [] : wholeProcess(seed);
const pool = new ImportPool();
try {
  if (layoutsOnly) rows.push(...(await layouts()));
  else await everyRow();
} finally {
  await pool.close();
}
print(rows);
for (const n of [`Node ${process.version}, ${process.platform}; whole-process runs after one to fill the disk cache; in-process runs after 3 warm-up runs.`, ...notes]) console.log(`note: ${n}`);

async function everyRow(): Promise<void> {
  const list = [seed.text, seed.docx, seed.pdf30].filter((i): i is Input => i !== undefined);
  list.push({ name: 'Arvenia (DOCX)', file: 'arvenia.docx', bytes: await demoDocx('arvenia') });
  if (sofficeAvailable()) list.push({ name: 'Arvenia (PDF)', file: 'arvenia.pdf', bytes: await demoPdf('arvenia') });
  rows.push(...(await inProcess(list, pool)));
  rows.push(...(await batch(500)));
  rows.push(...(await hostile(pool)));
  rows.push(...(await layouts()));
}
