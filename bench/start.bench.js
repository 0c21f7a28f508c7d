#!/usr/bin/env node
// Start-up benchmark: how long the compiled command line and server take, whole process, beside
// the floors (bare `node -e 0`, a bare Fastify started the same way) and, for imports, beside the
// plain-text converters people would otherwise use on the same file (pandoc, pdftotext). Prints
// the median and the fastest of several runs with the target from issue 6, and the median CPU time
// (user + system, all threads) each run cost, which a busy machine inflates less than the elapsed
// time; asserts nothing.
//   npm run bench:start               (compiles dist/node first)
//   RUNS=3 node bench/start.bench.js  (fewer runs)
//   ONLY=import node bench/start.bench.js  (the floor and the imports alone, without the servers)
// The Word and PDF forms are the project's own fictional Arvenia answers, each question's
// paragraphs given COPIES times to make a form of about 30 pages, written as DOCX by
// `gcm-review export` and turned into PDF by LibreOffice (kept in a cache folder between runs).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/gcm-review.js');
const seed = join(root, '../shared/seeds/000_b049ce0a491c43b1.txt');
const runs = Number(process.env.RUNS ?? 7);
const importsOnly = process.env.ONLY === 'import';
const COPIES = 6;
// The children run as an operator would, on the embedded store: no server URL, no logs.
const env = { ...process.env, LOG_LEVEL: 'silent' };
delete env.DATABASE_URL;

const work = mkdtempSync(join(tmpdir(), 'gcm-bench-start-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const emptyDataDir = join(work, 'no-data');

/** @typedef {{ wall: number, cpu: number | undefined }} Sample  elapsed and CPU milliseconds of one run */
/** @typedef {{ what: string, samples?: Sample[], target?: string, limit?: number, modules?: number, note?: string }} Row */
/** @type {Row[]} */
const rows = [];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const min = (xs) => Math.min(...xs);
const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** CPU milliseconds used by this process's children that have ended (Linux: /proc/self/stat), or undefined elsewhere. */
function childrenCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks; // cutime + cstime
  } catch {
    return undefined;
  }
}

/** Runs `command ...args` to its end. Throws with its stderr if it fails. @returns {Sample} */
function runOnce(command, args, cwd = work) {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - started;
  if (r.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${r.status}): ${r.stderr.toString().trim().slice(0, 500)}`);
  const cpuAfter = childrenCpu();
  return { wall, cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore };
}

/** `count` timed runs after one untimed (to fill the file cache). */
function timeRuns(command, args, count = runs) {
  runOnce(command, args);
  return Array.from({ length: count }, () => runOnce(command, args));
}

/** How many files a `node ...args` run loads (scripts/record-modules.js). */
function modulesLoaded(args) {
  const list = join(work, 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', join(root, 'scripts/record-modules.js'), ...args], { cwd: work, env: { ...env, RECORD_MODULES: list } });
  if (r.status !== 0) return undefined;
  return new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean)).size;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function healthStatus(port) {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
  });
}

/** Starts `node ...args(port)`, and times it from the start to the first 200 of /api/health; then stops it (its CPU counts till it has stopped). @returns {Promise<Sample>} */
async function timeToFirst200(args) {
  const port = await freePort();
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let ended = false;
  void exited.then(() => (ended = true));
  let wall;
  try {
    for (;;) {
      if (ended) throw new Error(`${args(port).join(' ')} stopped before answering: ${stderr.trim().slice(0, 500)}`);
      if ((await healthStatus(port)) === 200) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    wall = performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  }
  const cpuAfter = childrenCpu();
  return { wall, cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore };
}

const serve = (dataDir) => (port) => [bin, 'serve', '--demo', '--port', String(port), '--data-dir', dataDir];

/** A tool on the PATH, or undefined. */
function tool(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The fictional ~30-page form as DOCX (and PDF when LibreOffice is here), made once and cached. */
function forms() {
  const response = JSON.parse(readFileSync(join(root, 'src/demo/responses/arvenia.json'), 'utf8'));
  let number = 0;
  for (const answer of response.answers) {
    const once = answer.paragraphs;
    const again = once.map((p) => ({ ...p, footnotes: [], anchors: undefined }));
    answer.paragraphs = [...once, ...Array.from({ length: COPIES - 1 }, () => again).flat()].map((p) => ({ ...p, number: p.number === null ? null : ++number }));
  }
  const json = JSON.stringify(response);
  const dir = join(tmpdir(), 'gcm-review-bench-forms', createHash('sha256').update(json).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const docx = join(dir, 'arvenia-long.docx');
  const pdf = join(dir, 'arvenia-long.pdf');
  if (!existsSync(docx)) {
    writeFileSync(join(dir, 'arvenia-long.json'), json);
    runOnce(process.execPath, [bin, 'export', '--from', join(dir, 'arvenia-long.json'), '--format', 'docx', '-o', docx]);
  }
  const soffice = tool('soffice');
  if (!existsSync(pdf) && soffice) {
    runOnce(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(work, 'soffice-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx]);
  }
  return { docx, pdf: existsSync(pdf) ? pdf : undefined };
}

function pagesOf(pdf) {
  if (!tool('pdfinfo')) return undefined;
  const m = /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout);
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------

const check = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
if (check.status !== 0) {
  process.stderr.write(check.stderr);
  process.exit(1);
}
process.stdout.write(`Start-up benchmark: compiled CLI (dist/node), ${runs} runs each (fewer for servers), on ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at start.\n\n`);

rows.push({ what: 'node -e 0 (floor)', samples: timeRuns(process.execPath, ['-e', '0']) });

if (!importsOnly) {
  rows.push({ what: 'gcm-review --help', samples: timeRuns(process.execPath, [bin, '--help']), target: '< 0.3 s', limit: 300, modules: modulesLoaded([bin, '--help']) });
  rows.push({
    what: 'gcm-review template list (no data folder)',
    samples: timeRuns(process.execPath, [bin, 'template', 'list', '--data-dir', emptyDataDir]),
    target: '< 0.5 s',
    limit: 500,
    modules: modulesLoaded([bin, 'template', 'list', '--data-dir', emptyDataDir]),
  });
}

if (existsSync(seed)) {
  rows.push({ what: 'gcm-review import SEED.txt (90 KB)', samples: timeRuns(process.execPath, [bin, 'import', seed]), target: '< 0.5 s', limit: 500, modules: modulesLoaded([bin, 'import', seed]) });
} else rows.push({ what: 'gcm-review import SEED.txt', note: `skipped: ${seed} is absent` });

const { docx, pdf } = forms();
const pandoc = tool('pandoc');
const word = timeRuns(process.execPath, [bin, 'import', docx]);
const pandocTimes = pandoc ? timeRuns(pandoc, [docx, '-t', 'plain', '-o', '/dev/null']) : undefined;
rows.push({
  what: `gcm-review import FORM.docx (Arvenia x${COPIES})`,
  samples: word,
  target: pandocTimes ? `<= pandoc (${seconds(median(pandocTimes.map((t) => t.wall)))})` : 'as pandoc (not installed)',
  limit: pandocTimes ? median(pandocTimes.map((t) => t.wall)) : undefined,
  modules: modulesLoaded([bin, 'import', docx]),
});
rows.push(pandocTimes ? { what: '  pandoc FORM.docx -t plain', samples: pandocTimes } : { what: '  pandoc FORM.docx -t plain', note: 'not installed (apt-get install pandoc)' });

if (pdf) {
  const pages = pagesOf(pdf);
  const limit = pages ? (1000 * pages) / 30 : 1000;
  const pdftotext = tool('pdftotext');
  rows.push({
    what: `gcm-review import FORM.pdf (${pages ?? '?'} pages)`,
    samples: timeRuns(process.execPath, [bin, 'import', pdf]),
    target: `< 1 s per 30 pages (${seconds(limit)})`,
    limit,
    modules: modulesLoaded([bin, 'import', pdf]),
  });
  rows.push(pdftotext ? { what: '  pdftotext FORM.pdf', samples: timeRuns(pdftotext, [pdf, '/dev/null']) } : { what: '  pdftotext FORM.pdf', note: 'not installed (apt-get install poppler-utils)' });
} else rows.push({ what: 'gcm-review import FORM.pdf', note: 'skipped: LibreOffice (soffice) is not installed to make the PDF' });

if (!importsOnly) {
  const serverRuns = Math.min(runs, 5);
  const freshRuns = Math.min(runs, 3);
  const hello = [];
  for (let i = 0; i < serverRuns; i++) hello.push(await timeToFirst200((port) => [join(root, 'bench/support/hello-fastify.js'), String(port)]));
  rows.push({ what: 'bare Fastify: start to first 200 (floor)', samples: hello });

  const existing = join(work, 'data');
  await timeToFirst200(serve(existing)); // makes the folder (and the demo data); not counted
  const onExisting = [];
  for (let i = 0; i < serverRuns; i++) onExisting.push(await timeToFirst200(serve(existing)));
  rows.push({ what: 'serve --demo, existing data folder: first 200', samples: onExisting, target: '< 2 s', limit: 2000 });

  const onFresh = [];
  for (let i = 0; i < freshRuns; i++) {
    const dataDir = join(work, `fresh-${i}`);
    onFresh.push(await timeToFirst200(serve(dataDir)));
    rmSync(dataDir, { recursive: true, force: true });
  }
  rows.push({ what: 'serve --demo, fresh data folder: first 200', samples: onFresh, target: '< 4 s', limit: 4000 });

  rows.push({
    what: 'gcm-review template list (data folder exists)',
    samples: timeRuns(process.execPath, [bin, 'template', 'list', '--data-dir', existing], serverRuns),
    note: 'opens the embedded store to read added templates',
    modules: modulesLoaded([bin, 'template', 'list', '--data-dir', existing]),
  });
}

// ---------------------------------------------------------------------------------------------

const table = [['', 'median', 'fastest', 'CPU', 'runs', 'target', '', 'files loaded']];
for (const r of rows) {
  if (!r.samples) {
    table.push([r.what, '-', '-', '-', '-', r.target ?? '', '', r.note ?? '']);
    continue;
  }
  const walls = r.samples.map((x) => x.wall);
  const cpus = r.samples.map((x) => x.cpu).filter((x) => x !== undefined);
  const verdict = r.limit === undefined ? '' : median(walls) <= r.limit ? 'met' : 'MISSED';
  const files = [r.modules, r.note].filter((x) => x !== undefined).join('; ');
  table.push([r.what, seconds(median(walls)), seconds(min(walls)), cpus.length ? seconds(median(cpus)) : '-', String(walls.length), r.target ?? '', verdict, files]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) process.stdout.write(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : i < 5 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd() + '\n');
process.stdout.write('\nmedian and fastest: elapsed time of the whole process (servers: from start to the first 200). CPU: median user + system time of a run.\n');
