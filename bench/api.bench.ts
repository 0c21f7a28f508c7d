// API benchmark: reading and saving a 21 KB submission over HTTP, beside a bare Fastify hello
// world measured in the same run.
//   npm run bench:api [-- --database-url postgres://…] [--duration 15] [--connections 10]
// --profile DIR writes a CPU profile of each measured load on each server (PGlite-GET.cpuprofile,
// …; the setup is left out); --only pglite|postgres runs one of them; --no-build runs dist/node as
// it is instead of compiling it first.
// Each server runs in a process of its own, loaded with autocannon from this one: a bare Fastify
// answering {"hello":"world"}, then the app as `npm start` runs it (the compiled `gcm-review
// serve`, compiled first) on PGlite (a fresh data folder) and on PostgreSQL (a fresh database on
// the server of --database-url or TEST_DATABASE_URL; skipped with a message when neither is
// given), each filled beforehand by this process through the services. On each app: GET of the
// submission, the same GET sending the ETag it gave (answered 304: a client that keeps its copy;
// no target), then PUT of a draft, each connection saving one-word edits onto a submission of its
// own and naming the version it started from, so that no save conflicts. Afterwards every saved
// version is read back over HTTP and compared with what was sent. Prints req/s, p50/p99 latency,
// the ratio to hello world, the server's CPU time per request and its memory (idle: started, one
// sign-in; and after the load), and the targets; asserts nothing, but exits with 1 when a request
// failed or a save was lost.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import type { Response } from '../src/domain/response.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const duration = Number(option('duration') ?? 15);
const connections = Number(option('connections') ?? 10);
/** With --profile DIR, the app servers write a CPU profile of each load there (open them in Chrome's DevTools). */
const profileDir = option('profile');
/** With --only pglite or --only postgres, the other is left out. */
const only = option('only');

/** The submission everyone reads and edits: a fictional State's answers, about 21 KB of JSON. */
const base = JSON.parse(readFileSync(new URL('../src/demo/responses/arvenia.json', import.meta.url), 'utf8')) as Response;
const paragraphs = base.answers.flatMap((a) => a.paragraphs);
/** The paragraph each edit changes: a long one, so that a one-word edit is a small part of it. */
const edited = paragraphs.reduce((longest, p) => (p.text.length > longest.text.length ? p : longest));

/** The response (`from`, or the file's) with the middle word of the long paragraph replaced by `word`. */
function withWord(word: string, from: Response = base): Response {
  const response = structuredClone(from);
  const paragraph = response.answers.flatMap((a) => a.paragraphs).find((p) => p.text === edited.text)!;
  const words = paragraph.text.split(' ');
  words[Math.floor(words.length / 2)] = word;
  paragraph.text = words.join(' ');
  return response;
}

// ---- The servers (child processes) ----

/** A server to measure: the bare hello world, or `gcm-review serve` on a database the benchmark filled. */
type Mode = { kind: 'hello' } | { kind: 'app'; database: 'pglite' } | { kind: 'app'; database: 'postgres'; url: string };

interface Ready {
  url: string;
  /** For the app: the cycle, the State read by GET, and one State per connection for PUT. */
  cycleId?: string;
  readState?: string;
  writeStates?: string[];
  email?: string;
  password?: string;
}

interface Stats {
  rss: number;
  /** CPU time used by the server process so far (user and system). */
  cpuMicros: number;
}

/**
 * What each app server serves: an administrator, a cycle and a draft (the 21 KB response) for the
 * State read and for each connection's State, stored through the services from the sources, in
 * this process, before the server starts. The database is closed again (an embedded store is one
 * process's at a time) and the server opens it as `serve` does.
 */
async function fill(mode: Extract<Mode, { kind: 'app' }>, dataDir: string): Promise<Omit<Ready, 'url'>> {
  const [{ openPglite, openPostgres }, { createServices, systemActor }, { states }] = await Promise.all([
    import('../src/store/database.ts'),
    import('../src/services/index.ts'),
    import('../src/domain/reference.ts'),
  ]);
  const db = mode.database === 'postgres' ? await openPostgres(mode.url) : await openPglite(join(dataDir, 'pglite'));
  try {
    const services = createServices(db);
    const email = 'bench-admin@example.test';
    const password = randomBytes(12).toString('hex');
    await services.users.create(systemActor, { email, name: 'Bench Admin', password, role: 'secretariat-admin' });
    const invited = states.filter((s) => !s.iso3.startsWith('X')).slice(0, connections + 1).map((s) => s.iso3);
    const cycle = await services.cycles.create(systemActor, {
      title: 'Benchmark cycle',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-12-31',
      returnAddresses: [],
      invitedStates: invited,
    });
    for (const iso3 of invited) {
      const name = states.find((s) => s.iso3 === iso3)!.name;
      await services.submissions.saveDraft(systemActor, cycle.id, iso3, { ...base, state: { iso3, name } }, { baseVersion: 0, source: 'demo' });
    }
    return { cycleId: cycle.id, readState: invited[0]!, writeStates: invited.slice(1), email, password };
  } finally {
    await db.close();
  }
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server in a process of its own (bench/support/api-server.js, plain node): the hello
 * world, or the compiled `gcm-review serve`, logging as in production (the lines go nowhere), on
 * the data just filled; ready once it answers /api/health.
 */
async function start(mode: Mode): Promise<{ child: ChildProcess; ready: Ready; cleanUp: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-bench-api-'));
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const filled = mode.kind === 'app' ? await fill(mode, dataDir) : undefined;
    const port = await freePort();
    const serveArgs = ['--data-dir', dataDir, '--port', String(port), ...(mode.kind === 'app' && mode.database === 'postgres' ? ['--database-url', mode.url] : [])];
    const child = fork(fileURLToPath(new URL('./support/api-server.js', import.meta.url)), [JSON.stringify(mode.kind === 'app' ? { kind: 'app', args: serveArgs } : mode)], {
      execArgv: [],
      env: { ...withoutDatabaseUrl(process.env), LOG_LEVEL: 'info', SESSION_SECRET: randomBytes(32).toString('hex') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`The ${mode.kind} server exited (${code}) before it was ready: ${stderr.trim()}`))));
    const url = await Promise.race([
      exited,
      mode.kind === 'hello'
        ? new Promise<string>((resolve) => child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready.url)))
        : healthy(`http://127.0.0.1:${port}`),
    ]);
    return { child, ready: { url, ...filled }, cleanUp };
  } catch (err) {
    cleanUp();
    throw err;
  }
}

/** The environment without DATABASE_URL: the server's database is the one its arguments name. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/** `url` once its /api/health answers 200. */
async function healthy(url: string): Promise<string> {
  for (const started = Date.now(); Date.now() - started < 120_000; ) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The server at ${url} did not answer /api/health within 2 minutes.`);
}

async function stop({ child, cleanUp }: { child: ChildProcess; cleanUp: () => void }): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  cleanUp();
}

/** The server's figures; `profile` starts a CPU profile of what follows, `profileTo` writes the one under way there. */
function statsOf(child: ChildProcess, profiling: { profile?: string; profileTo?: string } = {}): Promise<Stats> {
  return new Promise((resolve) => {
    const listener = (m: { stats?: Stats }) => {
      if (!m.stats) return;
      child.off('message', listener);
      resolve(m.stats);
    };
    child.on('message', listener);
    child.send({ stats: true, ...profiling });
  });
}

/** autocannon's figures, and the server's CPU time per request: unlike req/s, barely moved by other work on the machine. */
async function measure(name: string, child: ChildProcess, options: autocannon.Options, expected?: number): Promise<Figures> {
  const file = profileDir ? join(profileDir, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`) : undefined;
  const before = await statsOf(child, { profile: file });
  const result = await load(options);
  const after = await statsOf(child, { profileTo: file });
  return { ...figures(name, result, expected), cpuMs: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, result.requests.total) };
}

// ---- The load ----

interface Figures {
  name: string;
  /** Server CPU milliseconds per request. */
  cpuMs?: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

/** `expected`: the one status every answer must have, when not a 2xx (autocannon counts those as failures). */
function figures(name: string, r: autocannon.Result, expected?: number): Figures {
  const wrong = expected === undefined ? r.non2xx : r.requests.total - (r.statusCodeStats?.[`${expected}`]?.count ?? 0);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + wrong, requests: r.requests.total };
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function signIn(ready: Ready): Promise<string> {
  const res = await fetch(`${ready.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ready.email, password: ready.password }),
  });
  if (res.status !== 200) throw new Error(`Signing in answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('gcm_session='))!.split(';')[0]!;
}

/** The save each connection makes, over and over: a new word, from the version it saved last. */
interface Writer {
  iso3: string;
  version: number;
  sent: number;
  /** version → the word that version holds. */
  words: Map<number, string>;
  pending?: string;
  /** The submission's response as this connection first read it. */
  read: Response;
}

async function benchApp(name: string, mode: Mode): Promise<{ rows: Figures[]; lost: string[]; rss: number }> {
  const server = await start(mode);
  const { child, ready } = server;
  try {
    const cookie = await signIn(ready);
    // Idle: started, the data made, one sign-in, nothing else yet.
    const idle = (await statsOf(child)).rss;
    const headers = { cookie, 'content-type': 'application/json' };
    const submission = (iso3: string) => `/api/cycles/${ready.cycleId}/submissions/${iso3}`;

    const get = await measure(`${name} GET`, child, { url: `${ready.url}${submission(ready.readState!)}`, headers: { cookie } });
    // A client that keeps its copy: the same GET with the ETag it was given, answered 304 (not a target; for comparison).
    const etag = (await fetch(`${ready.url}${submission(ready.readState!)}`, { headers: { cookie } })).headers.get('etag')!;
    const revalidate = await measure(`${name} GET, If-None-Match (304)`, child, { url: `${ready.url}${submission(ready.readState!)}`, headers: { cookie, 'if-none-match': etag } }, 304);

    // The body is made by splicing the word and the base version into a JSON text made once.
    // Each connection edits its submission as a client would: the response as read (with the ids
    // the server gave its paragraphs), one word changed, so that every version reads back as sent.
    const writers: Writer[] = [];
    for (const iso3 of ready.writeStates!) {
      const read = (await (await fetch(`${ready.url}${submission(iso3)}`, { headers: { cookie } })).json()) as { version: number; response: Response };
      writers.push({ iso3, version: read.version, sent: 0, words: new Map(), read: read.response });
    }
    let nextWriter = 0;
    const templates = new Map(
      writers.map((w) => {
        const text = JSON.stringify({ baseVersion: -1, response: withWord('\u0001', w.read) });
        const [head, tail] = text.split('\\u0001') as [string, string];
        return [w.iso3, { head: head.replace('"baseVersion":-1', '"baseVersion":\u0002'), tail }];
      }),
    );
    const put = await measure(
      `${name} PUT`,
      child,
      {
        url: ready.url,
        setupClient: (client: autocannon.Client) => {
          const writer = writers[nextWriter++ % writers.length]!;
          const { head, tail } = templates.get(writer.iso3)!;
          client.setRequests([
            {
              method: 'PUT',
              path: submission(writer.iso3),
              headers,
              setupRequest: (request) => {
                writer.pending = `w${++writer.sent}`;
                return { ...request, body: head.replace('\u0002', String(writer.version)) + writer.pending + tail };
              },
              onResponse: (status, body) => {
                if (status !== 200) return;
                writer.version = (JSON.parse(body) as { version: number }).version;
                writer.words.set(writer.version, writer.pending!);
              },
            },
          ]);
        },
      },
    );
    const { rss } = await statsOf(child);

    // Every version each connection saved reads back as sent, and none is missing.
    const lost: string[] = [];
    for (const writer of writers) {
      for (const [version, word] of writer.words) {
        const res = await fetch(`${ready.url}${submission(writer.iso3)}/versions/${version}`, { headers: { cookie } });
        const read = res.status === 200 ? ((await res.json()) as { response: Response }).response : undefined;
        if (!read || !isDeepStrictEqual(read, withWord(word, writer.read))) {
          lost.push(`${writer.iso3} version ${version} (${res.status})`);
        }
      }
      const listed = (await (await fetch(`${ready.url}${submission(writer.iso3)}/versions`, { headers: { cookie } })).json()) as unknown[];
      // The save in flight when the load stopped may have been stored without its answer being counted.
      const inFlight = writer.version + 1;
      if (listed.length === inFlight) {
        const res = await fetch(`${ready.url}${submission(writer.iso3)}/versions/${inFlight}`, { headers: { cookie } });
        const read = ((await res.json()) as { response: Response }).response;
        if (isDeepStrictEqual(read, withWord(writer.pending!, writer.read))) writer.words.set(inFlight, writer.pending!);
      }
      if (listed.length !== writer.words.size + 1) lost.push(`${writer.iso3}: ${listed.length} versions stored, ${writer.words.size + 1} saved`);
    }
    const saves = writers.reduce((n, w) => n + w.words.size, 0);
    console.log(`  ${name}: ${saves} saves read back ${lost.length ? `with ${lost.length} problems` : 'identical'}; server RSS ${(idle / 2 ** 20).toFixed(0)} MiB idle (target < 250), ${(rss / 2 ** 20).toFixed(0)} MiB after the load`);
    return { rows: [get, revalidate, put], lost, rss };
  } finally {
    await stop(server);
  }
}

async function postgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> } | string> {
  const { default: pg } = await import('pg');
  const name = `gcm_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (err) {
    return `PostgreSQL at ${url.replace(/:[^:@/]*@/, '@')} is not reachable (${(err as Error).message})`;
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Compiles dist/node, which the app servers run (as `npm start` does). */
function build(): void {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-node.js', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`Compiling dist/node failed (exit ${r.status}).`);
}

async function main(): Promise<void> {
  console.log(
    `API benchmark: ${connections} connections × ${duration} s per figure; ${cpus().length} CPUs, load average before ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')}; submission of ${JSON.stringify(base).length} bytes of JSON`,
  );
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const rows: Figures[] = [];
  if (!args.includes('--no-build')) build();
  const helloServer = await start({ kind: 'hello' });
  try {
    rows.push(await measure('bare Fastify hello world', helloServer.child, { url: helloServer.ready.url }));
  } finally {
    await stop(helloServer);
  }
  const hello = rows[0]!.rps;
  const lost: string[] = [];
  const targets: Record<string, number> = { 'PGlite GET': 10, 'PGlite PUT': 20, 'PostgreSQL GET': 4, 'PostgreSQL PUT': 10 };

  if (only !== 'postgres') {
    const pglite = await benchApp('PGlite', { kind: 'app', database: 'pglite' });
    rows.push(...pglite.rows);
    lost.push(...pglite.lost);
  }

  const serverUrl = option('database-url') ?? process.env.TEST_DATABASE_URL;
  if (only === 'pglite') {
    // left out on request
  } else if (!serverUrl) {
    console.log('  PostgreSQL: skipped (give --database-url or set TEST_DATABASE_URL)');
  } else {
    const database = await postgresDatabase(serverUrl);
    if (typeof database === 'string') console.log(`  PostgreSQL: skipped (${database})`);
    else {
      try {
        const postgres = await benchApp('PostgreSQL', { kind: 'app', database: 'postgres', url: database.url });
        rows.push(...postgres.rows);
        lost.push(...postgres.lost);
      } finally {
        await database.drop();
      }
    }
  }

  const table = [['', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'of hello world', 'target', 'server CPU ms/req']];
  for (const r of rows) {
    const target = targets[r.name];
    table.push([
      r.name,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      `${r.errors} of ${r.requests}`,
      r === rows[0] ? '' : `1/${(hello / r.rps).toFixed(1)}`,
      target ? `≥ 1/${target} ${r.rps * target >= hello ? 'met' : 'MISSED'}` : '',
      r.cpuMs === undefined ? '' : r.cpuMs.toFixed(3),
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  console.log(`load average after: ${loadavg().map((n) => n.toFixed(1)).join(' / ')}`);
  const failed = rows.reduce((n, r) => n + r.errors, 0);
  if (lost.length) console.log(`Lost or changed versions: ${lost.slice(0, 10).join('; ')}${lost.length > 10 ? ' …' : ''}`);
  if (failed || lost.length) process.exitCode = 1;
}

await main();
