import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportError } from '../source.ts';
import { readText } from './text.ts';

const text = 'Country: Arvenia\r\nName: Ilse Marrow – Director\r\n☒ Yes ☐ No';
const expected = ['Country: Arvenia', 'Name: Ilse Marrow – Director', '☒ Yes ☐ No'];

test('UTF-8 with or without a byte-order mark, with CRLF or LF', () => {
  assert.deepEqual(readText(Buffer.from(text, 'utf8')).lines, expected);
  assert.deepEqual(readText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8')])).lines, expected);
});

test('UTF-16 with a byte-order mark, little- and big-endian', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.deepEqual(readText(le).lines, expected);
  const be = Buffer.from(le);
  be.swap16();
  assert.deepEqual(readText(be).lines, expected);
});

test('Windows-1252 when the bytes are not UTF-8', () => {
  // "Title: Café – “Saint Aubel”" as Word writes it on a Western system.
  const bytes = Buffer.from([...Buffer.from('Title: Caf', 'latin1'), 0xe9, 0x20, 0x96, 0x20, 0x93, ...Buffer.from('Saint Aubel', 'latin1'), 0x94]);
  assert.deepEqual(readText(bytes).lines, ['Title: Café – “Saint Aubel”']);
});

test('binary content is refused as not text', () => {
  assert.throws(() => readText(Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01, 0x02])), (e: unknown) => e instanceof ImportError && e.code === 'unsupported-type');
  const noise = Buffer.alloc(400);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 37) % 31 || 1;
  assert.throws(() => readText(noise), /not text/);
});
