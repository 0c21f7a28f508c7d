// The demonstration accounts' passwords are public, but only a demonstration server may offer
// them: the server sends them (GET /api/demo-accounts) when started with --demo, and the browser
// app, which every server serves, must not contain them. The app is built here from the current
// sources into a folder of its own (about 20 s), so the check never reads a stale dist/web.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { demoAccounts } from '../../src/demo/accounts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('Demonstration accounts', () => {
  let demo: TestApp;
  let plain: TestApp;
  before(async () => {
    demo = await startTestApp({ name: 'pglite' }, { demo: true });
    plain = await startTestApp({ name: 'pglite' }, { database: { db: demo.db, services: demo.services } });
  });
  after(async () => {
    await plain?.close();
    await demo?.close();
  });

  it('are served by a demonstration server, and by no other (404)', async () => {
    const served = await fetch(`${demo.url}/api/demo-accounts`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('cache-control'), 'no-store');
    const accounts = (await served.json()) as { email: string; password: string; purpose: string }[];
    assert.deepEqual(accounts, demoAccounts.map((a) => ({ email: a.email, password: a.password, purpose: a.purpose })));
    for (const a of accounts) assert.match(await demo.signIn(a.email, a.password), /^gcm_session=/, a.email);

    const refused = await fetch(`${plain.url}/api/demo-accounts`);
    assert.equal(refused.status, 404);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const text = await refused.text();
    assert.match(text, /not a demonstration server/);
    for (const a of demoAccounts) assert.ok(!text.includes(a.password));
  });

  it('are not in the browser app as built for production: no file holds a demo password', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gcm-review-web-build-'));
    try {
      const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(build.status, 0, `vite build failed:\n${build.stdout}\n${build.stderr}`);
      const files = await filesBelow(outDir);
      const scripts = files.filter((f) => f.endsWith('.js'));
      assert.ok(scripts.length > 0, 'the build made scripts');
      let signInPageFound = false;
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        if (file.endsWith('.js') && text.includes('/api/demo-accounts')) signInPageFound = true;
        for (const a of demoAccounts) assert.ok(!text.includes(a.password), `${file.slice(outDir.length)} holds the password of ${a.email}`);
      }
      assert.ok(signInPageFound, 'the sign-in page, which asks the server for the accounts, is in the build');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
