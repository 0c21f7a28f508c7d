// `gcm-review user grant|revoke|memberships`, run in-process on a PGlite data folder of its own, as from the shell.
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
const refusedWith = (pattern: RegExp) => (err: unknown) => err instanceof CliError && pattern.test(err.message);

test('user grant, memberships and revoke give a role in a cycle, a submission, a question or an office, and take it back', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = configFrom({ dataDir });
  // Opening the folder costs time: the account and the cycle are made in one go.
  const cycleId = await withServices(config, async (services) => {
    await services.users.create({ kind: 'system' }, { email: 'hal@example.test', name: 'Hal Helper', role: 'state-contributor', password: 'a long enough password', stateIso3: 'XAC' });
    const cycle = await services.cycles.create({ kind: 'system' }, { title: 'CLI memberships', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'], status: 'open' });
    return cycle.id;
  });
  const dir = ['--data-dir', dataDir];

  const given = await run('user', 'grant', 'HAL@example.test', '--role', 'state-contributor', '--submission', `${cycleId}/xaa`, ...dir);
  assert.match(given, new RegExp(`^Granted: hal@example\\.test is state-contributor in the submission of Republic of Arvenia \\(XAA\\) to cycle ${cycleId} \\(membership [0-9a-f-]{36}\\)\\.\\n$`));
  assert.match(await run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', '--submission', `${cycleId}/XAA`, ...dir), /^Unchanged: .* already/);
  assert.match(await run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', '--submission', `${cycleId}/XAA`, '--question', '2b', ...dir), /^Granted: .* in question 2b of the submission/);
  assert.match(await run('user', 'grant', 'hal@example.test', '--role', 'secretariat-analyst', '--cycle', cycleId, ...dir), /^Granted: .* secretariat-analyst in cycle /);

  const listed = await run('user', 'memberships', 'hal@example.test', ...dir);
  // A table: columns two spaces apart at least.
  assert.deepEqual(
    listed
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/[0-9a-f-]{36}$/, 'ID').replaceAll(cycleId, 'CYCLE').split(/ {2,}/)),
    [
      ['ROLE', 'WHERE', 'MEMBERSHIP'],
      ['state-contributor', 'the office of Federated Islands of Coralia (XAC)', 'ID'],
      ['secretariat-analyst', 'cycle CYCLE', 'ID'],
      ['state-contributor', 'the submission of Republic of Arvenia (XAA) to cycle CYCLE', 'ID'],
      ['state-contributor', 'question 2b of the submission of Republic of Arvenia (XAA) to cycle CYCLE', 'ID'],
    ],
  );

  assert.match(await run('user', 'revoke', 'hal@example.test', '--role', 'state-contributor', '--submission', `${cycleId}/XAA`, ...dir), /^Revoked: hal@example\.test is no longer state-contributor in the submission of Republic of Arvenia/);
  const json = JSON.parse(await run('user', 'memberships', 'hal@example.test', '--json', ...dir)) as { scope: string }[];
  assert.deepEqual(json.map((m) => m.scope), ['state', 'cycle', 'question']);

  // Refusals: one clear line each.
  await assert.rejects(run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', ...dir), refusedWith(/Say where the role applies/));
  await assert.rejects(run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', '--cycle', cycleId, '--organisation', 'XAA', ...dir), refusedWith(/Say where/));
  await assert.rejects(run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', '--submission', cycleId, ...dir), refusedWith(/--submission takes <cycle>\/<iso3>/));
  await assert.rejects(run('user', 'grant', 'hal@example.test', '--role', 'state-contributor', '--cycle', cycleId, ...dir), refusedWith(/role: a cycle membership gives one of secretariat-admin, secretariat-analyst/));
  await assert.rejects(run('user', 'grant', 'hal@example.test', '--role', 'state-coordinator', '--organisation', 'XZZ', ...dir), refusedWith(/"XZZ" is not the ISO3 code of a known State/));
  await assert.rejects(run('user', 'grant', 'nobody@example.test', '--role', 'secretariat-admin', '--organisation', 'secretariat', ...dir), refusedWith(/The user "nobody@example.test" was not found/));
  await assert.rejects(run('user', 'revoke', 'hal@example.test', '--role', 'state-contributor', '--submission', `${cycleId}/XAA`, ...dir), refusedWith(/holds no such membership/));
  await assert.rejects(run('user', 'memberships', 'nobody@example.test', ...dir), refusedWith(/no account with the e-mail address nobody@example\.test/));

  await withServices(config, async (services) => {
    const events = (await services.audit.list({ kind: 'system' })).filter((e) => e.action.startsWith('membership.'));
    assert.deepEqual(events.map((e) => [e.action, e.actor, e.details.scope]).reverse(), [
      ['membership.grant', 'system', 'submission'],
      ['membership.grant', 'system', 'question'],
      ['membership.grant', 'system', 'cycle'],
      ['membership.revoke', 'system', 'submission'],
    ]);
  });
});
