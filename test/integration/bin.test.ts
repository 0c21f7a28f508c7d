// bin/gcm-review.js, as installed: it runs the compiled JavaScript in dist/node, loads no
// TypeScript compiler, and refuses a missing or stale build with what to do.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from '../../src/config.ts';
import { packagePath } from '../../src/package-root.ts';
import { demoDocx, demoPdf } from '../fixtures/docs/arvenia.ts';
import { modulesLoaded, packagesIn, runCli, runNode } from '../support/cli-process.ts';
import { needOffice } from '../support/office.ts';
import { startServeProcess } from '../support/serve-process.ts';

const bin = packagePath('bin/gcm-review.js');

/**
 * The packages a run loaded: those loaded from node_modules, and those bundled into the files of
 * dist/node it loaded (scripts/build-node.js lists each file's contents in dist/node/bundle.json).
 */
function packagesLoaded(modules: string[]): string[] {
  const bundle = JSON.parse(readFileSync(packagePath('dist/node/bundle.json'), 'utf8')) as Record<string, { packages: string[] }>;
  const bundled = modules.filter((m) => m.startsWith('dist/node/')).flatMap((m) => bundle[m.slice('dist/node/'.length)]?.packages ?? []);
  return [...new Set([...packagesIn(modules), ...bundled])].sort();
}

/** A package folder (a git checkout unless `installed`) holding a copy of bin/ and, if asked, a build finished at `builtAt`. */
function fakePackage(t: TestContext, builtAt?: Date, { installed = false } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'gcm-bin-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  if (!installed) mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(bin, join(root, 'bin/gcm-review.js'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  writeFileSync(join(root, 'src/cli/main.ts'), '');
  utimesSync(join(root, 'src/cli/main.ts'), new Date('2026-01-01'), new Date('2026-01-01'));
  if (builtAt) {
    mkdirSync(join(root, 'dist/node/cli'), { recursive: true });
    writeFileSync(join(root, 'dist/node/cli/main.js'), "process.stdout.write('compiled main ran: ' + process.argv.slice(2).join(' ') + '\\n');\n");
    writeFileSync(join(root, 'dist/node/.built'), '');
    utimesSync(join(root, 'dist/node/.built'), builtAt, builtAt);
  }
  return root;
}

test('without a build, bin says to run npm run build', (t) => {
  const root = fakePackage(t);
  const run = runNode([join(root, 'bin/gcm-review.js'), '--help']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `gcm-review: the compiled code (dist/node) is missing. Run \`npm run build\` in ${root} first.\n`);
});

test('with a build older than a source, bin names the changed file and says to run npm run build', (t) => {
  const root = fakePackage(t, new Date('2025-12-31'));
  const run = runNode([join(root, 'bin/gcm-review.js'), '--help']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /older than the sources \(src\/cli\/main\.ts changed since\)\. Run `npm run build`/);
});

test('an installed package (no git checkout) runs its build without comparing it with the sources', (t) => {
  const root = fakePackage(t, new Date('2025-12-31'), { installed: true });
  const run = runNode([join(root, 'bin/gcm-review.js'), 'template', 'list']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'compiled main ran: template list\n');
});

test('with a build newer than the sources, bin runs the compiled code with the arguments', (t) => {
  const root = fakePackage(t, new Date('2026-01-02'));
  const run = runNode([join(root, 'bin/gcm-review.js'), 'template', 'list']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'compiled main ran: template list\n');
});

/** False (the test skipped) when dist/node is missing or older than the sources. */
function needBuild(t: TestContext): boolean {
  const probe = runNode([bin, '--help']);
  if (probe.code !== 0 && /npm run build/.test(probe.stderr)) {
    if (testEnv.requireAll) assert.fail(`${probe.stderr.trim()} REQUIRE_ALL=1 forbids skipping.`);
    t.skip('dist/node is missing or older than the sources (npm run build)');
    return false;
  }
  return true;
}

test('the compiled --help and template list load no TypeScript compiler, server, database or document library', (t) => {
  if (!needBuild(t)) return;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'gcm-bin-')), 'data');
  t.after(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));
  for (const args of [['--help'], ['template', 'list', '--data-dir', dataDir]]) {
    const { run, modules } = modulesLoaded([bin, ...args]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      modules.filter((m) => m.startsWith('src/')),
      [],
      'nothing is run from the sources',
    );
    assert.deepEqual(packagesLoaded(modules), args[0] === '--help' ? ['commander'] : ['commander', 'zod']);
  }
});

test('the compiled import reads Word and PDF forms as the sources do, again with the compiled code its worker kept', async (t) => {
  if (!needBuild(t) || !needOffice(t)) return;
  const work = mkdtempSync(join(tmpdir(), 'gcm-bin-import-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const caches = () => readdirSync(packagePath('dist/node/ingest')).filter((f) => f.endsWith('.v8-cache'));
  for (const [name, bytes] of [['arvenia.docx', await demoDocx()], ['arvenia.pdf', await demoPdf()]] as const) {
    const file = join(work, name);
    writeFileSync(file, bytes);
    const sources = runCli(['import', '--json', file]);
    assert.equal(sources.code, 0, sources.stderr);
    for (const run of ['first', 'second']) {
      const compiled = runNode([bin, 'import', '--json', file]);
      assert.equal(compiled.code, 0, compiled.stderr);
      assert.deepEqual(JSON.parse(compiled.stdout), JSON.parse(sources.stdout), `${name}, ${run} compiled run`);
    }
  }
  // The worker's bundle and pdfjs's, each named by the hash of its file (src/ingest/code-cache.ts).
  assert.deepEqual(caches().map((f) => f.replace(/\.[0-9a-f]{16}\.v8-cache$/, '')).sort(), ['pdfjs.cjs', 'worker-main.cjs']);
});

test('the compiled server signs a user in: the bundled cookie plugin sets the session cookie', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-bin-serve-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServeProcess(['--demo', '--data-dir', dataDir], 120_000, { compiled: true });
  t.after(() => server.stop());
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'secretariat@demo.gcm-review.org', password: 'demo-secretariat' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = res.headers.get('set-cookie');
  assert.ok(cookie, 'a session cookie is set');
  const session = await fetch(`${server.url}/api/session`, { headers: { cookie: cookie.split(';')[0]! } });
  const body = (await session.json()) as { user: { email: string } | null; abilities?: { createCycle: boolean } };
  assert.equal(body.user?.email, 'secretariat@demo.gcm-review.org');
  assert.equal(body.abilities?.createCycle, true);
});
