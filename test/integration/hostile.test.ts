// Hostile and broken input, through the importer's entry point (readSource): each file is refused
// or read with a clear ImportError, within bounded memory, never a crash. The files are made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ImportError, readSource } from '../../src/ingest/index.ts';
import { DEFAULT_MAX_FILE_BYTES, readFileWithinLimit } from '../../src/ingest/file-size.ts';
import { readDocx } from '../../src/ingest/readers/docx.ts';
import { loadConfig } from '../../src/config.ts';
import { NS, minimalDocx, p } from '../fixtures/docs/minimal-docx.ts';
import { minimalPdf } from '../fixtures/docs/minimal-pdf.ts';

const MB = 1024 * 1024;

/** Asserts the promise fails with an ImportError of this code whose message matches. */
async function refused(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ImportError, `expected an ImportError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

/** Memory held in array buffers grows by less than `limit` while `run` works. */
async function withinMemory<T>(limit: number, run: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  try {
    return await run();
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    assert.ok(peak - before < limit, `array buffers grew by ${Math.round((peak - before) / MB)} MB`);
  }
}

/** Sets the uncompressed size an archive declares for every entry named `name`. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const named = (at: number) => nameBytes.every((b, i) => out[at + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === nameBytes.length && named(i + 30)) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === nameBytes.length && named(i + 46)) view.setUint32(i + 24, size, true);
  }
  return out;
}

test('a PNG named .docx is refused as not a Word document', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await refused(readSource(png, 'answers.docx'), 'unsupported-type', /cannot be imported: it looks like a PNG image/);
  await refused(readDocx(png), 'unsupported-type', /not a Word document \(\.docx\): it looks like a PNG image/);
});

test('an empty file is refused as empty, whatever its name', async () => {
  for (const name of ['empty.docx', 'empty.pdf', 'empty.txt']) await refused(readSource(new Uint8Array(0), name), 'empty', /empty/);
});

test('a 200 MB file is refused by its size before it is read; readers cap what they are handed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-hostile-'));
  const path = join(dir, 'huge.docx');
  try {
    // A sparse file: 200 MB by its size, nothing on disk.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 200 * MB);
    closeSync(fd);
    await withinMemory(20 * MB, () => refused(readFileWithinLimit(path, loadConfig({}).maxUploadBytes), 'too-large', /huge\.docx is 200 MB, more than the 25 MB/));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const oversized = new Uint8Array(DEFAULT_MAX_FILE_BYTES + 1);
  oversized.set([0x50, 0x4b, 0x03, 0x04]);
  await refused(readSource(oversized, 'big.docx'), 'too-large', /more than the 64 MB/);
});

test('DOCX zip bombs are refused while inflating, within bounded memory', async () => {
  // Declares 2 KB, inflates to 16 MB: stopped at the declared size.
  const xml = strToU8(`<w:document ${NS}><w:body>${p('a'.repeat(16 * MB))}</w:body></w:document>`);
  const honest = zipSync({ 'word/document.xml': xml });
  const lying = declareSize(honest, 'word/document.xml', 2048);
  await withinMemory(20 * MB, () => refused(readSource(lying, 'bomb.docx'), 'zip-bomb', /expands beyond the size its archive declares/));
  // Declares the truth, 16 MB from about 16 KB: more than 200 times.
  await withinMemory(40 * MB, () => refused(readSource(honest, 'bomb.docx'), 'zip-bomb', /expands more than 200 times/));
  // Declares more than the total allowed: refused before anything is inflated.
  const huge = declareSize(minimalDocx({ body: p('x') }), 'word/document.xml', 3000 * MB);
  await refused(readSource(huge, 'bomb.docx'), 'zip-bomb', /more than 100 MB/);
  // Thousands of entries.
  const many = zipSync(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`word/media/p${i}.xml`, strToU8('x')])));
  await refused(readSource(many, 'many.docx'), 'zip-bomb', /6000 parts, more than the 5000 allowed/);
});

test('XML with external entities or entity expansion is refused, never fetched or expanded', async () => {
  const doctype = (decl: string, use: string) =>
    `<?xml version="1.0"?><!DOCTYPE w:document [${decl}]><w:document ${NS}><w:body><w:p><w:r><w:t>${use}</w:t></w:r></w:p></w:body></w:document>`;
  const xxe = minimalDocx({ body: '', raw: { 'word/document.xml': doctype('<!ENTITY passwd SYSTEM "file:///etc/passwd">', '&passwd;') } });
  await assert.rejects(readSource(xxe, 'xxe.docx'), (err: unknown) => {
    assert.ok(err instanceof ImportError && err.code === 'unsafe-xml', String(err));
    assert.doesNotMatch(err.message, /root:/);
    return true;
  });
  const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
  const laughs = minimalDocx({ body: '', raw: { 'word/document.xml': doctype(lol, '&lol9;') } });
  await withinMemory(20 * MB, () => refused(readSource(laughs, 'laughs.docx'), 'unsafe-xml', /declares a document type or entities/));
  // In any part the reader opens, not only the main one.
  const inFootnotes = minimalDocx({ body: p('x'), footnotes: '', raw: { 'word/footnotes.xml': `<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/">]><w:footnotes ${NS}/>` } });
  await refused(readSource(inFootnotes, 'notes.docx'), 'unsafe-xml', /footnotes\.xml/);
});

test('XML nested thousands deep is refused, not a crash', async () => {
  const depth = 50000;
  // Attributes that differ keep the file from compressing like a zip bomb.
  const open = Array.from({ length: depth }, (_, i) => `<w:smartTag w:element="${((i * 2654435761) >>> 0).toString(36)}">`).join('');
  const body = `<w:p>${open}<w:r><w:t>x</w:t></w:r>${'</w:smartTag>'.repeat(depth)}</w:p>`;
  await refused(readSource(minimalDocx({ body }), 'deep.docx'), 'damaged', /nested far too deeply/);
});

test('password-protected files are refused as such', async () => {
  const pdf = minimalPdf([[{ text: 'Confidential answers of Arvenia', x: 72, y: 700 }]], { userPassword: 'arvenia' });
  await refused(readSource(pdf, 'locked.pdf'), 'encrypted', /password-protected/);
  // The file is a real encrypted PDF: with the password, pdfjs reads the text.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: pdf.slice(), password: 'arvenia', verbosity: 0, isEvalSupported: false });
  const page = await (await task.promise).getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
  await task.destroy();
  assert.match(text, /Confidential answers of Arvenia/);
  // Word's password-protected .docx is an Office 97-2003 container holding an "EncryptedPackage".
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ole.set(strToU8('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 1152);
  await refused(readDocx(ole), 'encrypted', /password-protected/);
});

test('a small PDF whose compressed pages expand to millions of characters is stopped', async () => {
  // 10 pages of 1,500 lines of 200 characters: 3 million characters in under 100 KB.
  const page = Array.from({ length: 1500 }, (_, i) => ({ text: 'a'.repeat(200), x: 20, y: 800 - (i % 750), size: 4 }));
  const pdf = minimalPdf(Array.from({ length: 10 }, () => page), { compress: true });
  assert.ok(pdf.length < 100_000, `the fixture is ${pdf.length} bytes`);
  await withinMemory(200 * MB, () => refused(readSource(pdf, 'text-bomb.pdf'), 'too-large', /more than the import limit of 2,000,000 characters of text/));
});

test('an image-only PDF is refused: it has no text layer', async () => {
  await refused(readSource(minimalPdf([[], [], []], { imageOnly: true }), 'scan.pdf'), 'no-text', /no text layer \(scanned\?\)/);
});

test('damaged files say they are damaged', async () => {
  const docx = minimalDocx({ body: p('Answers') });
  await refused(readSource(docx.subarray(0, docx.length - 40), 'cut.docx'), 'damaged', /damaged/);
  const pdf = minimalPdf([[{ text: 'Answers', x: 72, y: 700 }]]);
  const cut = readSource(pdf.subarray(0, 60), 'cut.pdf');
  await assert.rejects(cut, (err: unknown) => err instanceof ImportError && ['damaged', 'no-text'].includes(err.code));
});

const legacyText = 'Country: Republic of Arvenia\nOffice: Ministère du Travail – Département 3\n';

test('text in UTF-16 with a byte-order mark is decoded', async () => {
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(legacyText, 'utf16le'))]);
  assert.deepEqual((await readSource(utf16, 'utf16.txt')).lines.slice(0, 2), legacyText.split('\n').slice(0, 2));
});

test('text in Windows-1252 is decoded, dashes and quotes included', async () => {
  const cp1252 = new Uint8Array([...legacyText].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))));
  assert.deepEqual((await readSource(cp1252, 'legacy.txt')).lines.slice(0, 2), legacyText.split('\n').slice(0, 2));
});

test('NUL characters in the text of a PDF are dropped, so a draft built from it can be stored', async () => {
  // Latin-1 code 0 inside a shown string: some encoders leave such bytes behind.
  const pdf = minimalPdf([[{ text: 'Country: Republic of\u0000 Arvenia', x: 72, y: 700 }]]);
  const doc = await readSource(pdf, 'arvenia.pdf');
  assert.ok(doc.lines.some((l) => l.includes('Country: Republic of Arvenia')), JSON.stringify(doc.lines));
  assert.ok(doc.lines.every((l) => !l.includes('\u0000')));
});
