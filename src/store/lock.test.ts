// The embedded store's lock file on its own (the processes meeting on a real store are in
// test/integration/embedded-store.test.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { acquireStoreLock, describeCommand, lockFileOf, readStoreLock, StoreLocked } from './lock.ts';

const work = mkdtempSync(join(tmpdir(), 'gcm-lock-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
/** A store folder's path; its parent exists, as the data folder does. */
function folder(): string {
  const data = join(work, `data-${++n}`);
  mkdirSync(data);
  return join(data, 'pglite');
}

function refusal(fn: () => unknown): StoreLocked {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreLocked) return err;
    throw err;
  }
  assert.fail('expected StoreLocked');
}

test('the lock file beside the store names this process until released; a second open in the same process is refused', () => {
  const dir = folder();
  const lock = acquireStoreLock(dir);
  const holder = readStoreLock(dir);
  assert.deepEqual([holder?.pid, holder?.host], [process.pid, hostname()]);
  assert.equal(lock.file, `${dir}.lock`);
  const again = refusal(() => acquireStoreLock(dir));
  assert.match(again.message, new RegExp(`^The embedded database ${dir} is already open in this process, PID ${process.pid} `));
  lock.release();
  lock.release();
  assert.equal(existsSync(lock.file), false);
  acquireStoreLock(dir).release();
});

test('a lock held by another live process is refused with its PID, command, start and address; the file is left alone', async () => {
  const dir = folder();
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    const held = { pid: other.pid!, command: 'gcm-review serve --demo', startedAt: '2030-01-02T03:04:05.678Z', host: hostname(), url: 'http://localhost:3000' };
    const text = JSON.stringify(held);
    writeFileSync(lockFileOf(dir), text);
    const err = refusal(() => acquireStoreLock(dir));
    assert.deepEqual(err.holder, held);
    assert.equal(
      err.message,
      `The embedded database ${dir} is in use by another process, PID ${other.pid} (\`gcm-review serve --demo\`, started 2030-01-02 03:04:05 UTC), ` +
        `which serves it at http://localhost:3000: use the web app or the API there, or stop that process first (Ctrl+C where it runs, or \`kill ${other.pid}\`). ` +
        'Only one process at a time can use an embedded database. To use the data from several processes at once, ' +
        'move it to a PostgreSQL server and point every one of them at it with DATABASE_URL (or --database-url).',
    );
    assert.equal(readFileSync(lockFileOf(dir), 'utf8'), text);
  } finally {
    other.kill();
  }
});

test('a lock left by a process that has died is taken over', () => {
  const dir = folder();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(lockFileOf(dir), JSON.stringify({ pid: Number(dead.stdout), command: 'gcm-review import x.docx', startedAt: new Date().toISOString(), host: hostname() }));
  const lock = acquireStoreLock(dir);
  assert.equal(readStoreLock(dir)?.pid, process.pid);
  lock.release();
});

test('a lock with this PID that this process does not hold was left by an earlier process (PID 1 in a container) and is taken over', () => {
  const dir = folder();
  writeFileSync(lockFileOf(dir), JSON.stringify({ pid: process.pid, command: 'gcm-review serve', startedAt: '2020-01-01T00:00:00.000Z', host: hostname() }));
  const lock = acquireStoreLock(dir);
  assert.notEqual(readStoreLock(dir)?.startedAt, '2020-01-01T00:00:00.000Z');
  lock.release();
});

test('an unreadable lock file is refused, naming the file to delete', () => {
  const dir = folder();
  acquireStoreLock(dir).release();
  writeFileSync(lockFileOf(dir), '{"pid": 12');
  const err = refusal(() => acquireStoreLock(dir));
  assert.equal(err.holder, undefined);
  assert.match(err.message, new RegExp(`If no other process uses it, delete ${lockFileOf(dir)}\\.$`));
});

test('announce records where the holder serves the data; release leaves a lock that is no longer ours', () => {
  const dir = folder();
  const lock = acquireStoreLock(dir);
  lock.announce({ url: 'http://localhost:4000' });
  assert.equal(readStoreLock(dir)?.url, 'http://localhost:4000');
  const replaced = JSON.stringify({ pid: process.pid + 1, command: 'other', startedAt: new Date().toISOString(), host: hostname() });
  writeFileSync(lock.file, replaced);
  lock.release();
  assert.equal(readFileSync(lock.file, 'utf8'), replaced);
});

test('the command line shown to others never carries a password or a database URL', () => {
  assert.equal(
    describeCommand(['/usr/bin/node', '/srv/app/bin/gcm-review.js', 'user', 'add', '--email', 'a@b.c', '--password', 'hunter22222', '--database-url=postgres://u:p@h/db']),
    'gcm-review user add --email a@b.c --password *** --database-url=***',
  );
  assert.equal(describeCommand(['/usr/bin/node', '/srv/app/src/cli/main.ts', 'serve', '--demo']), 'gcm-review serve --demo');
  assert.equal(describeCommand(['/usr/bin/node', '/srv/app/bench/start.ts']), 'start.ts');
});
