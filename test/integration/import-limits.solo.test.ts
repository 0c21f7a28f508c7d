// Hostile uploads over real HTTP, against a listening server: documents are read in worker threads,
// so /api/health keeps answering while they run; each is refused with a 413 naming the limit it
// passed; each user may start only so many imports, and the pool's queue is bounded.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { manyFootnotesDocx, manyFootnotesText, oneLineText, xmlFloodDocx } from '../fixtures/docs/hostile.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser } from '../support/db.ts';
import { uploadFromProcess } from '../support/upload-process.ts';

const belmora = readFileSync(new URL('../fixtures/import/belmora-word.txt', import.meta.url));
const pglite = { name: 'pglite' } as const;

interface Upload {
  bytes: Uint8Array;
  name: string;
}

async function upload(app: TestApp, cookie: string, file: Upload) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.name);
  const res = await fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: { cookie } });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}

async function signedInUsers(app: TestApp, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const u = await addUser(app.services, 'state-contributor', 'XAB');
    cookies.push(await app.signIn(u.user.email, u.password));
  }
  return cookies;
}

/**
 * An upload whose body is sent only up to the file's content until `finish` is called: the
 * import is in progress (its handler runs) for as long as the test wants.
 */
function heldUpload(app: TestApp, cookie: string) {
  const boundary = 'held-upload-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="belmora.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
      await released;
      controller.enqueue(new Uint8Array(belmora));
      controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  });
  const response = fetch(`${app.url}/api/imports`, {
    method: 'POST',
    body,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    duplex: 'half',
  } as RequestInit).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
  return { response, finish: release };
}

describe('hostile imports over HTTP', () => {
  let app: TestApp;
  const work = mkdtempSync(join(tmpdir(), 'gcm-import-limits-'));
  // The server's own import settings: as many workers as cores less one, 2 imports at once and 20 a minute per user.
  before(async () => {
    app = await startTestApp(pglite);
  });
  after(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('/api/health answers in under 100 ms while four hostile imports run, and each is refused naming its limit', async () => {
    const hostile: (Upload & { limit: string; detail: RegExp })[] = [
      // 2 MB of Word document holding 95 MB of XML.
      { bytes: xmlFloodDocx(95), name: 'flood.docx', limit: 'xml-bytes', detail: /XML parts hold 95 MB .*more than the import limit of 32 MB of XML/ },
      // 24 MB of text on one line.
      { bytes: oneLineText(24), name: 'one-line.txt', limit: 'text-characters', detail: /more than the import limit of 2,000,000 characters of text/ },
      { bytes: manyFootnotesDocx(50_000), name: 'notes.docx', limit: 'footnotes', detail: /50,000 times, more than the import limit of 5,000 footnotes/ },
      { bytes: manyFootnotesText(50_000), name: 'notes.txt', limit: 'footnotes', detail: /50,000 of its lines start like footnotes, more than the import limit of 5,000 footnotes/ },
    ];
    // One user each: a user may have only two imports in progress at once.
    const cookies = await signedInUsers(app, hostile.length);
    // Sent by another process, as real clients are: building and sending megabytes of body is the client's work.
    const uploads = hostile.map(({ bytes, name }, i) => {
      const path = join(work, name);
      writeFileSync(path, bytes);
      return { cookie: cookies[i]!, path, name };
    });
    const health = async () => {
      const start = performance.now();
      const res = await fetch(`${app.url}/api/health`);
      await res.arrayBuffer();
      assert.equal(res.status, 200);
      return performance.now() - start;
    };
    await health(); // the first request opens the connection
    // A worker started and its modules loaded, as on a server that has imported before.
    const [warm] = await signedInUsers(app, 1);
    assert.equal((await upload(app, warm!, { bytes: belmora, name: 'belmora.txt' })).status, 200);
    let running = true;
    const answers = uploadFromProcess(app.url, uploads).finally(() => (running = false));
    const latencies: number[] = [];
    while (running) {
      latencies.push(await health());
      await sleep(10);
    }
    const results = await answers;
    results.forEach((res, i) => {
      const { name, limit, detail } = hostile[i]!;
      assert.equal(res.status, 413, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.limit, limit, name);
      assert.match(String(res.body.detail), detail, name);
      assert.match(String(res.body.type), /too-large$/);
    });
    assert.ok(latencies.length >= 5, `health was asked only ${latencies.length} times while the imports ran`);
    const slowest = [...latencies].sort((a, b) => b - a).map(Math.round);
    assert.ok(slowest[0]! < 100, `/api/health took ${slowest[0]} ms at worst (${latencies.length} requests; slowest ${slowest.slice(0, 5).join(', ')} ms) while the hostile imports ran`);
  });

  it('a user may have two imports in progress at once; a third is answered 429 and other users go on', async () => {
    const [mine, other] = await signedInUsers(app, 2);
    const held = [heldUpload(app, mine!), heldUpload(app, mine!)];
    // Both handlers have started once a third request from the same user is refused.
    let third: Awaited<ReturnType<typeof upload>> | undefined;
    for (let tries = 0; tries < 50; tries++) {
      third = await upload(app, mine!, { bytes: belmora, name: 'belmora.txt' });
      if (third.status === 429) break;
      await sleep(20);
    }
    assert.equal(third?.status, 429, JSON.stringify(third?.body));
    assert.match(String(third?.body.detail), /already have 2 imports in progress, the most allowed at once/);
    assert.equal(third?.body.limit, 'imports-at-once');
    assert.equal((await upload(app, other!, { bytes: belmora, name: 'belmora.txt' })).status, 200);
    for (const h of held) h.finish();
    for (const h of held) assert.equal((await h.response).status, 200);
    assert.equal((await upload(app, mine!, { bytes: belmora, name: 'belmora.txt' })).status, 200);
  });

  it('a user may start 20 imports a minute; the 21st is answered 429 with Retry-After', async () => {
    const [cookie] = await signedInUsers(app, 1);
    const tiny = { bytes: new TextEncoder().encode('Country: Kingdom of Belmora\n'), name: 'tiny.txt' };
    // A few may already count from other tests' users? No: the limit is per user, and this one is new.
    for (let i = 0; i < 20; i++) assert.equal((await upload(app, cookie!, tiny)).status, 200, `import ${i + 1}`);
    const refused = await upload(app, cookie!, tiny);
    assert.equal(refused.status, 429);
    assert.match(String(refused.body.detail), /started 20 imports in the last minute, the most allowed; try again in/);
    assert.equal(refused.body.limit, 'imports-per-minute');
    assert.ok(Number(refused.retryAfter) > 0, `Retry-After: ${refused.retryAfter}`);
  });
});

describe('a full import queue', () => {
  let app: TestApp;
  before(async () => {
    // One worker and no queue: while one document is read, the next is refused.
    app = await startTestApp(pglite, { imports: { pool: { threads: 1, maxQueue: 0 }, perMinute: 1000 } });
  });
  after(async () => {
    await app?.close();
  });

  it('answers 503 with Retry-After while every worker is busy', async () => {
    const [a, b] = await signedInUsers(app, 2);
    // About 1.9 million characters: within the limits, and a second or more to read.
    const long = new TextEncoder().encode(Array.from({ length: 30_000 }, (_, i) => `Line ${i} of a long answer about migration and labour rights.`).join('\n'));
    const first = upload(app, a!, { bytes: long, name: 'long.txt' });
    // Once the long document has arrived, it is read for a second or more. Asked meanwhile, the server is
    // busy; asked before, it says the request has no file (400), which takes no worker.
    const ask = async () => {
      const form = new FormData();
      form.append('templateId', 'apac-2020');
      const res = await fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: { cookie: b! } });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
    };
    let busy = await ask();
    for (let tries = 0; tries < 100 && busy.status === 400; tries++) {
      await sleep(50);
      busy = await ask();
    }
    assert.equal(busy.status, 503, JSON.stringify(busy.body));
    assert.equal(busy.retryAfter, '5');
    assert.match(String(busy.body.detail), /busy reading documents \(1 in progress or waiting\); try again in 5 seconds/);
    assert.equal((await first).status, 200);
    assert.equal((await upload(app, b!, { bytes: belmora, name: 'belmora.txt' })).status, 200);
  });
});
