// `gcm-review user revoke-sessions`, run in-process on a PGlite data folder of its own, as from the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { configFrom, withServices } from '../database.ts';
import { CliError } from '../output.ts';
import { registerDbCommands } from './db.ts';

const run = (...args: string[]) => runCommand([registerDbCommands], ...args);

test('user revoke-sessions ends every session of the account, and says how many', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  // Two browsers signed in as Ama, one as Bo (as the server would open them). Each opening of the
  // folder costs time, so the accounts are made here rather than with `user add`.
  const config = configFrom({ dataDir });
  const tokens = await withServices(config, async (services) => {
    const account = (email: string, name: string) => services.users.create({ kind: 'system' }, { email, name, role: 'secretariat-analyst', password: 'a long enough password' });
    const ama = await account('ama@example.test', 'Ama Arvenian');
    const bo = await account('bo@example.test', 'Bo Belmoran');
    const client = { ip: '127.0.0.1', userAgent: 'test' };
    return { ama: [(await services.sessions.start(ama, client)).token, (await services.sessions.start(ama, client)).token], bo: (await services.sessions.start(bo, client)).token };
  });

  assert.equal(await run('user', 'revoke-sessions', '--email', 'AMA@example.test', '--data-dir', dataDir), 'Ended 2 sessions of ama@example.test.\n');
  await assert.rejects(
    run('user', 'revoke-sessions', '--email', 'nobody@example.test', '--data-dir', dataDir),
    (err: unknown) => err instanceof CliError && /no account with the e-mail address nobody@example\.test/.test(err.message),
  );

  await withServices(config, async (services) => {
    for (const token of tokens.ama) assert.equal(await services.sessions.resume(token), null);
    assert.equal((await services.sessions.resume(tokens.bo))?.user.email, 'bo@example.test', "another account's session stays");
    const events = await services.audit.list({ kind: 'system' });
    assert.deepEqual(
      events.filter((e) => e.action === 'session.revoke').map((e) => [e.actor, e.details.sessions]),
      [['system', 2]],
    );
  });
});
