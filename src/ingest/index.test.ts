import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError, readSource } from './index.ts';

const code = (p: Promise<unknown>) => p.then(() => 'read', (e: unknown) => (e instanceof ImportError ? e.code : `other: ${String(e)}`));

test('an empty file is refused as empty', async () => {
  await assert.rejects(readSource(new Uint8Array(), 'answers.txt'), { message: 'The file is empty.', code: 'empty' });
});

test('text is read whatever its name; PDFs and Word documents go to their readers', async () => {
  assert.equal((await readSource(Buffer.from('Country: Arvenia\n'), 'answers.txt')).format, 'txt');
  assert.equal((await readSource(Buffer.from('Country: Arvenia\n'), 'answers')).format, 'txt');
  // A ZIP that is not a Word document reaches the Word reader, which says what is wrong.
  assert.equal(await code(readSource(Buffer.from('PK\u0003\u0004rest of a zip', 'latin1'), 'answers.docx')), 'damaged');
});

test('files that are neither text nor a questionnaire format are refused with what they look like', async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  await assert.rejects(readSource(png, 'scan.png'), (e: unknown) => e instanceof ImportError && e.code === 'unsupported-type' && /PNG image/.test(e.message));
  await assert.rejects(readSource(Buffer.from('just text'), 'answers.pdf'), /says it is a PDF or a Word document, but its content is neither/);
  await assert.rejects(readSource(Buffer.from([1, 0, 2, 0, 3]), 'answers.txt'), (e: unknown) => e instanceof ImportError && e.code === 'unsupported-type');
});
