// POST /api/imports over real HTTP: a signed-in user uploads a questionnaire and gets back the
// response read from it; files that cannot be read are answered with a clear problem.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

const belmora = readFileSync(new URL('../fixtures/import/belmora-word.txt', import.meta.url));

await describeEachBackend('POST /api/imports', (t) => {
  let app: TestApp;
  let cookie: string;

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const u = await addUser(t.services, 'state-coordinator', 'XAB');
    cookie = await app.signIn(u.user.email, u.password);
  });
  after(async () => {
    await app?.close();
  });

  async function upload(parts: { file?: { bytes: Uint8Array; name: string; type?: string }; templateId?: string }, signedIn = true) {
    const form = new FormData();
    if (parts.templateId) form.append('templateId', parts.templateId);
    if (parts.file) form.append('file', new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type ?? 'text/plain' }), parts.file.name);
    const res = await fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: signedIn ? { cookie } : {} });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: (await res.json()) as Record<string, unknown> };
  }

  it('reads an uploaded questionnaire into a response with its import report', async () => {
    const res = await upload({ file: { bytes: belmora, name: 'belmora-word.txt' }, templateId: 'apac-2020' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.state, { iso3: 'XAB', name: 'Kingdom of Belmora' });
    assert.equal(res.body.consent, 'yes');
    const report = res.body.import as { unplaced: unknown[]; warnings: { code: string }[]; accounting: Record<string, number> };
    assert.deepEqual(report.unplaced, []);
    const a = report.accounting;
    assert.equal(a.charsPlaced! + a.charsTemplate! + a.charsUnplaced!, a.charsIn);
    assert.ok(report.warnings.every((w) => w.code === 'principle-without-explanation'));
  });

  it("says what it left out as an e-mail's furniture (headers, greeting, signature), counted apart", async () => {
    const email = readFileSync(new URL('../fixtures/layouts/coralia-email.txt', import.meta.url));
    const res = await upload({ file: { bytes: new Uint8Array(email), name: 'coralia-email.txt' }, templateId: 'apac-2020' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const report = res.body.import as { furniture?: { line: number; text: string; what: string }[]; accounting: Record<string, number> };
    assert.ok((report.furniture ?? []).length > 0, 'the furniture is listed');
    assert.ok((report.accounting.charsFurniture ?? 0) > 0 && report.accounting.charsFurniture! <= report.accounting.charsTemplate!);
  });

  it('asks to sign in first', async () => {
    const res = await upload({ file: { bytes: belmora, name: 'belmora-word.txt' } }, false);
    assert.equal(res.status, 401);
    assert.match(res.type, /^application\/problem\+json/);
    assert.match(String(res.body.detail), /sign in/);
  });

  it('names what is missing or unknown in the request', async () => {
    const noFile = await upload({ templateId: 'apac-2020' });
    assert.equal(noFile.status, 400);
    assert.deepEqual(noFile.body.errors, [{ path: 'file', message: 'is required' }]);
    const unknown = await upload({ file: { bytes: belmora, name: 'belmora-word.txt' }, templateId: 'no-such-form' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.errors, [{ path: 'templateId', message: 'is not a known template' }]);
  });

  it('answers files it cannot read with the status their problem deserves', async () => {
    const png = await upload({ file: { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), name: 'scan.png', type: 'image/png' } });
    assert.equal(png.status, 415);
    assert.match(String(png.body.type), /unsupported-type$/);
    assert.match(String(png.body.detail), /PNG image/);
    const empty = await upload({ file: { bytes: new Uint8Array(), name: 'answers.txt' } });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.detail, 'The file is empty.');
    const broken = await upload({ file: { bytes: Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), name: 'answers.docx' } });
    assert.equal(broken.status, 422);
    assert.match(String(broken.body.type), /damaged$/);
  });

  it('refuses a file larger than the upload limit', async () => {
    const big = new Uint8Array(app.config.maxUploadBytes + 1024).fill(0x61);
    const res = await upload({ file: { bytes: big, name: 'huge.txt' } });
    assert.equal(res.status, 413);
    assert.match(String(res.body.detail), /larger than this server accepts/);
  });
});
