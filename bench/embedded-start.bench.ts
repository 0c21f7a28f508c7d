// Embedded store benchmark: how fast the embedded PGlite store opens, and how much memory a
// server on it holds.
//   node --import tsx bench/embedded-start.bench.ts [--runs N]
// In-process (the store alone): reopening an existing folder, a fresh folder from the pre-built
// image (dist/pglite-image, or one built for the run) and a fresh folder step by step (initdb, migrations, States).
// Whole process, for each way of running the CLI that is here (the TypeScript sources through
// tsx; the compiled JavaScript when dist/node has it): `serve --demo` to the first 200 of /api/health
// on an existing and on a fresh data folder, the server's resident memory (RSS) once started and
// again after a round of requests. Prints medians of wall time and of the CPU time the process
// used (the machine may be busy with other work: CPU time says more then); asserts nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgliteImage, openPglite } from '../src/store/database.ts';
import { defaultImageFolder, findImage } from '../src/store/image.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;

interface Cli {
  name: string;
  argv: string[];
  /** Whether a fresh folder is made from the image (the package has a usable one). */
  image: boolean;
}

const packageImage = !('unusable' in findImage());
const clis: Cli[] = [{ name: 'sources (tsx)', argv: ['--import', 'tsx', join(root, 'src/cli/main.ts')], image: packageImage }];
const compiled = join(root, 'dist/node/cli/main.js');
if (existsSync(compiled)) clis.push({ name: 'compiled (dist/node)', argv: [compiled], image: packageImage });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const scratch = mkdtempSync(join(tmpdir(), 'gcm-bench-start-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => join(scratch, `data-${++folders}`);

interface Opened {
  ms: number;
  cpuMs: number;
  appliedMigrations: number;
  seededStates: boolean;
  created: string | undefined;
}

async function timeOpen(dir: string, image?: string | false): Promise<Opened> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const db = await openPglite(dir, image === undefined ? {} : { image });
  const used = process.cpuUsage(cpu);
  const out = { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, appliedMigrations: db.appliedMigrations.length, seededStates: db.seededStates, created: db.created };
  await db.close();
  return out;
}

/** "1234 ms (cpu 1100 ms)": wall time and the CPU time this process used, medians. */
function figure(list: { ms: number; cpuMs: number }[]): string {
  return `${median(list.map((r) => r.ms)).toFixed(0)} ms (cpu ${median(list.map((r) => r.cpuMs)).toFixed(0)})`;
}

// ---- In-process ----

const rows: string[][] = [];
const opened = (r: Opened) => `migrations run: ${r.appliedMigrations}, States written: ${r.seededStates}, created: ${r.created ?? 'no (existing)'}`;

const existing = newFolder();
await timeOpen(join(existing, 'pglite'));
const reopen: Opened[] = [];
for (let i = 0; i < runs; i++) reopen.push(await timeOpen(join(existing, 'pglite')));
rows.push(['store: reopen an existing folder', figure(reopen), opened(reopen[0]!)]);

let image = defaultImageFolder;
const found = findImage(image);
if ('unusable' in found) {
  image = join(scratch, 'image');
  const start = performance.now();
  await createPgliteImage(image);
  rows.push(['store: build the image (scripts/build-pglite-image.js)', `${(performance.now() - start).toFixed(0)} ms`, `${found.unusable}: built one in a scratch folder`]);
}
const fromImage: Opened[] = [];
for (let i = 0; i < runs; i++) fromImage.push(await timeOpen(join(newFolder(), 'pglite'), image));
rows.push(['store: fresh folder from the image', figure(fromImage), opened(fromImage[0]!)]);

const stepByStep: Opened[] = [];
for (let i = 0; i < Math.min(runs, 2); i++) stepByStep.push(await timeOpen(join(newFolder(), 'pglite'), false));
rows.push(['store: fresh folder step by step', figure(stepByStep), opened(stepByStep[0]!)]);

// ---- Whole process: serve --demo ----

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU time a process has used so far (Linux: user + system from /proc, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Started {
  ms: number;
  cpuMs: number;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(cli: Cli, dataDir: string): Promise<Started> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [...cli.argv, 'serve', '--demo', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - start;
  return {
    ms,
    cpuMs: cpuMs(child.pid!),
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What a browser session does: sign in, the cycle list, a cycle, every demo submission, and saves. */
async function someRequests(url: string): Promise<void> {
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'secretariat@demo.gcm-review.org', password: 'demo-secretariat' }),
  });
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
  const get = async (path: string) => (await fetch(`${url}${path}`, { headers: { cookie } })).json() as Promise<unknown>;
  const cycles = (await get('/api/cycles')) as { id: string }[];
  for (let round = 0; round < 20; round++) {
    for (const cycle of cycles) {
      await get(`/api/cycles/${cycle.id}`);
      await get(`/api/cycles/${cycle.id}/submissions`);
      for (const iso3 of ['XAA', 'XAB', 'XAC']) await fetch(`${url}/api/cycles/${cycle.id}/submissions/${iso3}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    }
    await get('/api/states');
    await get('/api/templates');
  }
}

for (const cli of clis) {
  const existingDir = newFolder();
  await (await startServer(cli, existingDir)).stop();
  const warm: Started[] = [];
  const fresh: Started[] = [];
  let rssStarted = 0;
  let rssAfter = 0;
  for (let i = 0; i < runs; i++) {
    const server = await startServer(cli, existingDir);
    warm.push(server);
    if (i === 0) {
      await new Promise((r) => setTimeout(r, 1000));
      rssStarted = rssMb(server.pid);
      await someRequests(server.url);
      await new Promise((r) => setTimeout(r, 2000));
      rssAfter = rssMb(server.pid);
    }
    await server.stop();
  }
  for (let i = 0; i < Math.min(runs, 2); i++) {
    const server = await startServer(cli, newFolder());
    fresh.push(server);
    await server.stop();
  }
  rows.push([`serve --demo, ${cli.name}: first 200, existing folder`, figure(warm), '']);
  rows.push([`serve --demo, ${cli.name}: first 200, fresh folder`, figure(fresh), cli.image ? 'from the image' : 'no image beside this CLI: step by step']);
  rows.push([`serve --demo, ${cli.name}: idle RSS once started`, `${rssStarted.toFixed(0)} MB`, '']);
  rows.push([`serve --demo, ${cli.name}: idle RSS after requests`, `${rssAfter.toFixed(0)} MB`, 'sign-in, cycles, 3 submissions x 20 rounds']);
}

const width = Math.max(...rows.map((r) => r[0]!.length));
process.stdout.write(`Embedded store (runs: ${runs}, medians)\n`);
for (const [what, value, note] of rows) process.stdout.write(`${what!.padEnd(width)}  ${value!.padStart(22)}  ${note}\n`);
