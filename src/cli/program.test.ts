// The command line loads only the command it runs: `--help` and `template list` never load the
// server, the database or the document libraries, and the help lists every command as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Help } from 'commander';
import { fromSources, modulesLoaded, packagesIn, runCli } from '../../test/support/cli-process.ts';
import { buildProgram, commands, invokedCommand } from './program.ts';

/** What neither `--help` nor `template list` may load: each costs from 0.1 to over 1 s. */
const heavy = ['fastify', '@fastify/', 'fastify-type-provider-zod', '@electric-sql/pglite', 'pg', 'drizzle-orm', 'docx', 'pdfjs-dist', 'fflate', '@xmldom/xmldom', 'piscina'];
const heavyIn = (packages: string[]) => packages.filter((p) => heavy.some((h) => (h.endsWith('/') ? p.startsWith(h) : p === h)));
/** Store modules that need only Node's own modules: where the data folder is, and its lock (named in a refusal). */
const lightStoreModules = ['src/store/paths.ts', 'src/store/lock.ts'];
const ourServerOrStore = (modules: string[]) => modules.filter((m) => /^src\/(http|store|export|ingest)\//.test(m) && !lightStoreModules.includes(m));

test('the help lists each command exactly as the command itself describes it', async () => {
  for (const entry of commands) {
    const program = new Command();
    (await entry.load())(program);
    const command = program.commands.find((c) => c.name() === entry.name);
    assert.ok(command, `${entry.name} is registered by its module`);
    assert.equal(new Help().subcommandTerm(command), entry.term, `${entry.name}: term`);
    assert.equal(command.description(), entry.description, `${entry.name}: description`);
  }
  const names = (await buildProgram([])).commands.map((c) => c.name());
  assert.deepEqual(names, commands.map((c) => c.name));
  const asUser = (await buildProgram(['user', 'add'])).commands.map((c) => c.name());
  assert.deepEqual(asUser, names, 'db and user, registered together, keep their places');
});

test('the command run is the first word, or the one after help', () => {
  assert.equal(invokedCommand(['template', 'list', '--json']), 'template');
  assert.equal(invokedCommand(['--help']), undefined);
  assert.equal(invokedCommand(['help', 'import']), 'import');
  assert.equal(invokedCommand(['-h', 'serve']), 'serve');
});

test('--help prints every command and loads neither the server, the database nor the document libraries', () => {
  const { run, modules } = modulesLoaded(fromSources('--help'));
  assert.equal(run.code, 0, run.stderr);
  for (const entry of commands) assert.match(run.stdout, new RegExp(`^ {2}${entry.term.replace(/[[\]]/g, '\\$&')} +\\S`, 'm'));
  assert.deepEqual(heavyIn(packagesIn(modules)), []);
  assert.deepEqual(ourServerOrStore(modules), []);
  assert.deepEqual(
    modules.filter((m) => m.startsWith('src/cli/commands/')),
    [],
    'no command module is loaded to print the list of commands',
  );
});

test('template list, without a database, loads neither the server, the database nor the document libraries', (t) => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-cli-light-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const { run, modules } = modulesLoaded(fromSources('template', 'list', '--data-dir', join(work, 'data')));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^apac-2020 +Asia-Pacific voluntary GCM review 2020 +1 +yes +state +en, fr, ru +22$/m);
  assert.deepEqual(heavyIn(packagesIn(modules)), []);
  assert.deepEqual(ourServerOrStore(modules), []);
  assert.ok(!packagesIn(modules).includes('yaml'), 'the built-in templates are JSON: no YAML parser');
});

test('an unknown command is refused with the list of commands', () => {
  const run = runCli(['bogus']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /unknown command 'bogus'/);
  assert.match(run.stderr, /^ {2}import \[options\] <path> +Read a filled-in questionnaire/m);
});
