// The import pool with real worker threads: documents are read off the calling thread, the queue is
// bounded, and a worker past its time or memory limit, or cancelled, is ended and replaced.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinTemplate } from '../services/builtin-templates.ts';
import { inflatingPdf, xmlFloodDocx } from '../../test/fixtures/docs/hostile.ts';
import { ImportPool, ImportPoolBusy } from './pool.ts';
import { ImportError } from './source.ts';

const template = builtinTemplate('apac-2020')!;
const belmora = readFileSync(new URL('../../test/fixtures/import/belmora-word.txt', import.meta.url));
/** About 1.9 million characters in 30,000 lines: within every limit, and a second or more to map. */
const long = new TextEncoder().encode(Array.from({ length: 30_000 }, (_, i) => `Line ${i} of a long answer about migration and labour rights.`).join('\n'));

const pools: ImportPool[] = [];
const pool = (...args: ConstructorParameters<typeof ImportPool>) => {
  const p = new ImportPool(...args);
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

function refusedFor(limit: string, code: string) {
  return (err: unknown) => {
    assert.ok(err instanceof ImportError, String(err));
    assert.equal(err.code, code, err.message);
    assert.equal(err.details.limit, limit, err.message);
    return true;
  };
}

test('a document is read and mapped in a worker; the caller keeps its bytes', async () => {
  const p = pool({ threads: 1 });
  const bytes = new Uint8Array(belmora);
  const { result, source } = await p.run({ bytes, fileName: 'belmora.txt', template, withSource: true });
  assert.deepEqual(result.state, { iso3: 'XAB', name: 'Kingdom of Belmora' });
  assert.equal(source?.format, 'txt');
  assert.equal(bytes.length, belmora.length, 'the bytes were not handed away');
  assert.equal((await p.run({ bytes, fileName: 'belmora.txt', template })).source, undefined);
});

test('past the workers and the queue, a document is refused at once', async () => {
  const p = pool({ threads: 1, maxQueue: 1 });
  const first = p.run({ bytes: long, fileName: 'long.txt', template });
  const second = p.run({ bytes: belmora, fileName: 'belmora.txt', template });
  assert.equal(p.full, true);
  await assert.rejects(p.run({ bytes: belmora, fileName: 'belmora.txt', template }), (err: unknown) => err instanceof ImportPoolBusy && err.retryAfterSeconds > 0);
  assert.ok((await first).result.import.accounting.charsIn > 1_000_000);
  assert.deepEqual((await second).result.state?.iso3, 'XAB');
  assert.equal(p.full, false);
});

/** The readers' limits lifted, so that the pool's own limits (time, memory) are what stops a document. */
const unlimited = { maxXmlBytes: 1e9, maxXmlElements: 1e9, maxTextChars: 1e9, maxLines: 1e9, maxLineChars: 1e9 };
/** 40 MB of XML in a Word document: 2 million elements to parse, 400,000 lines to map. */
let flood: Uint8Array | undefined;
const floodDocx = () => (flood ??= xmlFloodDocx(40));

test('a document past the time limit is refused and its worker replaced', async () => {
  const p = pool({ threads: 1, limits: { ...unlimited, timeoutMs: 2000 } });
  // Far more than 2 seconds of work.
  await assert.rejects(p.run({ bytes: floodDocx(), fileName: 'flood.docx', template }), refusedFor('time', 'timeout'));
  assert.equal((await p.run({ bytes: belmora, fileName: 'belmora.txt', template })).result.state?.iso3, 'XAB');
});

test('a worker past the memory limit is ended, the document refused, and the next one read', async () => {
  const p = pool({ threads: 1, limits: { ...unlimited, maxMemoryMb: 64 } });
  // Its parsed XML alone takes hundreds of megabytes.
  await assert.rejects(p.run({ bytes: floodDocx(), fileName: 'flood.docx', template }), refusedFor('memory', 'too-large'));
  assert.equal((await p.run({ bytes: belmora, fileName: 'belmora.txt', template })).result.state?.iso3, 'XAB');
});

test('a document whose buffers pass the memory limit (a PDF\'s inflated streams, which no heap limit counts) is refused', async () => {
  const p = pool({ threads: 1, limits: { maxMemoryMb: 64 } });
  // 200 KB of PDF whose one page inflates to 200 MB.
  await assert.rejects(p.run({ bytes: inflatingPdf(200), fileName: 'inflating.pdf', template }), refusedFor('memory', 'too-large'));
  assert.equal((await p.run({ bytes: belmora, fileName: 'belmora.txt', template })).result.state?.iso3, 'XAB');
});

test('a cancelled document leaves the queue, or ends its worker', async () => {
  const p = pool({ threads: 1 });
  const running = new AbortController();
  const waiting = new AbortController();
  const first = p.run({ bytes: long, fileName: 'long.txt', template, signal: running.signal });
  const second = p.run({ bytes: long, fileName: 'long.txt', template, signal: waiting.signal });
  waiting.abort(new Error('no longer wanted'));
  await assert.rejects(second, /no longer wanted/);
  running.abort(new Error('the client went away'));
  await assert.rejects(first, /the client went away/);
  assert.deepEqual(p.load, { running: 0, waiting: 0 });
  assert.equal((await p.run({ bytes: belmora, fileName: 'belmora.txt', template })).result.state?.iso3, 'XAB');
});

test('closing the pool refuses what waits', async () => {
  const p = pool({ threads: 1 });
  const refused = [p.run({ bytes: long, fileName: 'long.txt', template }), p.run({ bytes: belmora, fileName: 'belmora.txt', template })].map((run) => assert.rejects(run, /closed/));
  await p.close();
  await Promise.all(refused);
  await assert.rejects(p.run({ bytes: belmora, fileName: 'belmora.txt', template }), /closed/);
});
