import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { ImportError } from '../source.ts';
import { assertFileSize } from '../file-size.ts';
import { isEncryptedOfficePackage, sniffFileKind } from './file-kind.ts';
import { openZip } from './zip-guard.ts';

const code = (c: string) => (err: unknown) => err instanceof ImportError && err.code === c;

/** Rewrites the uncompressed size an archive declares for its first entry (local and central headers). */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  view.setUint32(22, size, true);
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true);
      break;
    }
  }
  return out;
}

test('reads stored and deflated entries, by case-insensitive part name', () => {
  const zip = openZip(zipSync({ 'word/document.xml': strToU8('<a>hello</a>'), 'Raw.bin': [new Uint8Array([1, 2, 3]), { level: 0 }] }));
  assert.equal(new TextDecoder().decode(zip.read('word/document.xml')), '<a>hello</a>');
  assert.deepEqual([...zip.read('/raw.BIN')!], [1, 2, 3]);
  assert.equal(zip.read('missing.xml'), undefined);
});

test('refuses an entry that inflates beyond its declared size, without inflating it all', () => {
  const bomb = zipSync({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024) });
  const zip = openZip(lieAboutSize(bomb, 1000));
  assert.throws(() => zip.read('word/document.xml'), (e: unknown) => code('zip-bomb')(e) && /declares/.test((e as Error).message));
});

test('refuses archives that declare too much, too many entries, or expand too many times', () => {
  const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}.xml`, strToU8('x')]));
  assert.throws(() => openZip(zipSync(files), 'The Word document', { maxEntries: 20, maxTotalBytes: 1e9, maxRatio: 200 }), code('zip-bomb'));
  const big = zipSync({ 'a.xml': new Uint8Array(3 * 1024 * 1024) });
  assert.throws(() => openZip(big, 'The Word document', { maxEntries: 10, maxTotalBytes: 1024 * 1024, maxRatio: 200 }), code('zip-bomb'));
  assert.throws(() => openZip(big).read('a.xml'), (e: unknown) => code('zip-bomb')(e) && /200 times/.test((e as Error).message));
});

test('damaged and encrypted archives are named as such', () => {
  const good = zipSync({ 'a.xml': strToU8('<a/>'.repeat(100)) });
  assert.throws(() => openZip(good.subarray(0, good.length - 30)), code('damaged'));
  const encrypted = good.slice();
  const view = new DataView(encrypted.buffer);
  for (let i = encrypted.length - 22; i >= 0; i--) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, 1, true);
  assert.throws(() => openZip(encrypted), code('encrypted'));
});

test('sizes are refused before anything is read', () => {
  assert.throws(() => assertFileSize(200 * 1024 * 1024, 25 * 1024 * 1024, 'report.docx'), (e: unknown) => code('too-large')(e) && /200 MB, more than the 25 MB/.test((e as Error).message));
  assert.throws(() => assertFileSize(0, 100), code('empty'));
  assert.doesNotThrow(() => assertFileSize(100, 100));
});

test('file kinds are recognised from their first bytes', () => {
  assert.equal(sniffFileKind(strToU8('%PDF-1.7\n')), 'pdf');
  assert.equal(sniffFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), 'png');
  assert.equal(sniffFileKind(zipSync({ a: strToU8('b') })), 'zip');
  assert.equal(sniffFileKind(strToU8('{\\rtf1\\ansi')), 'rtf');
  assert.equal(sniffFileKind(strToU8('plain words')), 'unknown');
  const ole = new Uint8Array(2048);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  assert.equal(isEncryptedOfficePackage(ole), false);
  ole.set(new Uint8Array([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0])), 1024);
  assert.equal(isEncryptedOfficePackage(ole), true);
});
