// `gcm-review template …` and `db …`/`user add`, run in-process on a PGlite data folder of their own.
// Each command opens the database anew, as it would from the shell: keep their number small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { builtinTemplate, builtinTemplatesDir, parseTemplateFile } from '../../services/builtin-templates.ts';
import { CliError } from '../output.ts';
import { registerDbCommands } from './db.ts';
import { registerTemplateCommands } from './template.ts';

const run = (...args: string[]) => runCommand([registerTemplateCommands, registerDbCommands], ...args);

const refused = (pattern: RegExp) => (err: unknown) => err instanceof CliError && pattern.test(err.message);

test('built-in templates are listed and shown without a database, and none is created', async (t) => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'gcm-cli-')), 'data');
  t.after(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));
  const list = JSON.parse(await run('template', 'list', '--json', '--data-dir', dataDir));
  assert.deepEqual(list, [{ id: 'apac-2020', name: 'Asia-Pacific voluntary GCM review 2020', title: 'Voluntary GCM Review', version: 1, respondentType: 'state', builtIn: true, questionCount: 22 }]);
  assert.match(await run('template', 'list', '--data-dir', dataDir), /^ID\s+NAME\s+VERSION\s+BUILT-IN\s+QUESTIONS\napac-2020\s+Asia-Pacific voluntary GCM review 2020\s+1\s+yes\s+22\n$/);
  assert.deepEqual(JSON.parse(await run('template', 'show', 'apac-2020', '--json', '--data-dir', dataDir)), builtinTemplate('apac-2020'));
  const outline = await run('template', 'show', 'apac-2020', '--data-dir', dataDir);
  assert.match(outline, /^Cluster 1\. Ensuring that migration is voluntary, orderly and regular \(objectives 2, 5, 6, 12, 18\)$/m);
  assert.match(outline, /^ {2}4d +Please share some of the results/m);
  await assert.rejects(run('template', 'show', 'nope', '--data-dir', dataDir), refused(/no template "nope"/));
  const bad = join(dataDir, '..', 'bad.json');
  writeFileSync(bad, JSON.stringify({ id: 'bad', title: '', contactFields: [{ key: 'office', label: 'Office' }] }));
  await assert.rejects(run('template', 'add', bad, '--data-dir', dataDir), refused(/not a valid template; nothing was added:\n {2}title: must not be empty$/));
  assert.equal(existsSync(dataDir), false);
});

test('db migrate, user add, template add and db info work on a new data folder', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // Made step by step, the new store applies every migration; unpacked from the build's store image, it has them already.
  assert.match(await run('db', 'migrate', '--data-dir', dataDir), /(Applied \d+ migration\(s\):\n {2}0000_initial\n( {2}\S+\n)*|Up to date \(\d+ migration\(s\) applied before\)\.\n)$/);

  const created = await run('user', 'add', '--email', 'Ama@Example.test', '--name', 'Ama Arvenian', '--role', 'state-coordinator', '--state', 'xaa', '--data-dir', dataDir);
  assert.match(created, /^Created ama@example\.test \(state-coordinator, Republic of Arvenia\), id [0-9a-f-]{36}\nPassword \(shown only now, keep it safe\): [\w-]{20}\n$/);

  const file = join(dataDir, 'pilot.yaml');
  writeFileSync(file, 'id: arvenia-pilot\ntitle: Arvenia pilot review\ncontactFields:\n  - { key: office, label: Office }\nopenQuestions:\n  - { key: "6", prompt: How was the review prepared? }\n');
  assert.equal(await run('template', 'add', file, '--data-dir', dataDir), 'Added template arvenia-pilot, version 1: Arvenia pilot review\n');
  await assert.rejects(run('template', 'add', file, '--data-dir', dataDir), refused(/already has version 1/));
  assert.match(await run('template', 'list', '--data-dir', dataDir), /^arvenia-pilot\s+Arvenia pilot review\s+1\s+no\s+1$/m);
  assert.equal(JSON.parse(await run('template', 'show', 'arvenia-pilot', '--json', '--data-dir', dataDir)).title, 'Arvenia pilot review');

  const info = JSON.parse(await run('db', 'info', '--json', '--data-dir', dataDir));
  assert.equal(info.backend, 'pglite');
  assert.deepEqual([info.counts.users, info.counts.customTemplates, info.counts.auditEvents], [1, 1, 2]);
});

test('every shipped template passes the full check of `template add` (keys given twice included), which start-up skips', () => {
  const files = readdirSync(builtinTemplatesDir);
  assert.ok(files.length > 0);
  for (const file of files) {
    const parsed = parseTemplateFile(readFileSync(join(builtinTemplatesDir, file), 'utf8'), file);
    assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : JSON.stringify(parsed.problems)}`);
  }
});
