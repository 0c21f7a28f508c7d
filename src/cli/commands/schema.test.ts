import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../../test/support/cli.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { registerSchemaCommand, schemaFiles, schemasDir, writeSchemaFiles } from './schema.ts';
import { CliError } from '../output.ts';
import { builtinTemplates } from '../../services/builtin-templates.ts';

const demoDir = join(schemasDir, '../src/demo/responses');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

test('the committed schemas/ are exactly what the models generate (run `npm run schemas` after changing a model)', () => {
  const generated = schemaFiles();
  assert.deepEqual(Object.keys(generated).sort(), ['response.schema.json', 'template.schema.json']);
  for (const [file, text] of Object.entries(generated)) {
    assert.equal(readFileSync(join(schemasDir, file), 'utf8'), text, `schemas/${file} is out of date`);
  }
});

test('every built-in template with fixed slots validates against the published template schema', () => {
  const validate = new Ajv2020({ strict: false }).compile(readJson(join(schemasDir, 'template.schema.json')) as object);
  const templates = builtinTemplates();
  assert.ok(templates.some((t) => t.id === 'apac-2020'));
  for (const t of templates) assert.ok(validate(t), `${t.id}: ${JSON.stringify(validate.errors)}`);
  const fixture = fileURLToPath(new URL('../../../test/fixtures/apac-2020.fixed-slots.json', import.meta.url));
  assert.ok(validate(readJson(fixture)), `the fixed slots of apac-2020 as written: ${JSON.stringify(validate.errors)}`);
  assert.equal(validate({ id: 'x', title: '', contactFields: [] }), false, 'the schema does refuse a bad template');
});

test('the demo responses validate against the published response schema', () => {
  const validate = new Ajv2020({ strict: false }).compile(readJson(join(schemasDir, 'response.schema.json')) as object);
  for (const file of ['arvenia.json', 'belmora.json', 'coralia.json']) {
    assert.ok(validate(readJson(join(demoDir, file))), `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

const run = (...args: string[]) => runCommand([registerSchemaCommand], 'schema', ...args);

test('`gcm-review schema template` prints the schema; without a name it lists them', async () => {
  assert.equal(await run('template'), schemaFiles()['template.schema.json']);
  assert.equal(await run('response.schema.json'), schemaFiles()['response.schema.json']);
  assert.match(await run(), /^template\s+schemas\/template\.schema\.json\nresponse\s+schemas\/response\.schema\.json\n$/);
  await assert.rejects(run('survey'), (err: unknown) => err instanceof CliError && /no schema called "survey".*template, response/.test(err.message));
});

test('writeSchemaFiles writes the generated text', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-schemas-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(writeSchemaFiles(dir, ['response']), [join(dir, 'response.schema.json')]);
  assert.equal(readFileSync(join(dir, 'response.schema.json'), 'utf8'), schemaFiles()['response.schema.json']);
  assert.equal(writeSchemaFiles(dir).length, 2);
});
