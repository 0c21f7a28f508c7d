import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSessionSecret, sessionSecretFile } from './session-secret.ts';

test('the configured secret wins and nothing is written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gcm-secret-'));
  try {
    const secret = 's'.repeat(40);
    assert.equal(await resolveSessionSecret({ sessionSecret: secret, dataDir: dir }), secret);
    await assert.rejects(stat(join(dir, sessionSecretFile)), { code: 'ENOENT' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('without one, a random secret is generated once, kept owner-only, and reused after a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gcm-secret-'));
  try {
    const dataDir = join(dir, 'data');
    const first = await resolveSessionSecret({ sessionSecret: undefined, dataDir });
    assert.ok(first.length >= 32);
    assert.equal((await stat(join(dataDir, sessionSecretFile))).mode & 0o777, 0o600);
    assert.equal(await resolveSessionSecret({ sessionSecret: undefined, dataDir }), first);
    const other = await resolveSessionSecret({ sessionSecret: undefined, dataDir: join(dir, 'other') });
    assert.notEqual(other, first);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
