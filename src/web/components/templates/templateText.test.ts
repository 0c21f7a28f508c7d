import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templateFileText, templateFormat } from './templateText.ts';
import type { Template } from '../../../domain/template.ts';

test('templateFormat goes by the file extension, then by the text', () => {
  assert.equal(templateFormat('id: x', 'mine.JSON'), 'json');
  assert.equal(templateFormat('{"id": "x"}', 'mine.yml'), 'yaml', 'the extension wins: JSON in a .yml file is read as YAML');
  assert.equal(templateFormat('{}', 'mine.yaml'), 'yaml');
  assert.equal(templateFormat('\uFEFF  {\n "id": "x" }'), 'json', 'pasted JSON, even after a byte-order mark and spaces');
  assert.equal(templateFormat('[1]', 'notes.txt'), 'json');
  assert.equal(templateFormat('id: pacific-2031\ntitle: "{not json}"'), 'yaml');
  assert.equal(templateFormat(''), 'yaml');
});

test('templateFileText writes the template as indented JSON that reads back the same', () => {
  const t = { id: 'x-1', title: 'T', contactFields: [{ key: 'office', label: 'Office' }] } as unknown as Template;
  const text = templateFileText(t);
  assert.match(text, /^\{\n {2}"id": "x-1",\n/);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(JSON.parse(text), t);
});
