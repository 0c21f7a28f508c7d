// `gcm-review cycle edit|open|extend|close|archive` on an embedded database: a draft is edited,
// opened (its coordinator told, an address given for a State without one invited, the State no
// one can be told in named), its terms refused once open, its deadline extended, then it is closed
// and archived; the mail is in the outbox with links to --url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../config.ts';
import { createServices, systemActor } from '../../services/index.ts';
import { openDatabase } from '../../store/database.ts';
import { registerCycleCommands } from './cycle.ts';

const run = (...args: string[]) => runCommand([registerCycleCommands], 'cycle', ...args);

test('a cycle is edited, opened with an invitation, extended, closed and archived from the command line', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cycle-lifecycle-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({}, { dataDir });
  let db = await openDatabase(config);
  let services = createServices(db);
  await services.users.create(systemActor, { email: 'ama@arvenia.example.test', name: 'Ama Arvenian', password: 'a long password 1', role: 'state-coordinator', stateIso3: 'XAA' });
  const { id } = await services.cycles.create(systemActor, {
    title: 'Command-line review (draft)',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2030-06-30',
    returnAddresses: [],
    invitedStates: ['XAA', 'XAB'],
    status: 'draft',
  });
  await db.close();
  const data = ['--data-dir', dataDir];

  const edited = await run('edit', id, '--title', 'Command-line review', '--invite', 'XAC', '--meeting-name', 'Fictional Regional Review', '--return-address', 'review@secretariat.example', ...data);
  assert.equal(
    edited,
    'Command-line review: draft, deadline 2030-06-30, 3 States invited (XAA, XAB, XAC); informs Fictional Regional Review; answers to review@secretariat.example\n',
  );
  assert.match(await run('edit', id, '--uninvite', 'XAC', '--no-meeting', ...data), /2 States invited \(XAA, XAB\); answers to review@secretariat\.example\n$/);
  await run('edit', id, '--invite', 'XAC', ...data);
  await assert.rejects(run('edit', id, '--deadline', '30/06/2030', ...data), /deadline: must be a date written YYYY-MM-DD/);

  const opened = await run('open', id, '--coordinator', 'XAB=bo@belmora.example.test=Bo Belmoran', '--url', 'https://review.example', ...data);
  assert.match(opened, /^Opened Command-line review \(deadline 2030-06-30\)\.$/m);
  assert.match(opened, /^Told XAA \(Republic of Arvenia\): ama@arvenia\.example\.test$/m);
  assert.match(opened, /^Invited bo@belmora\.example\.test as the coordinator of XAB \(Kingdom of Belmora\)$/m);
  assert.match(opened, /^No one to tell in XAC \(Federated Islands of Coralia\): no coordinator and no address given$/m);
  await assert.rejects(run('open', id, ...data), /is open already: only a draft can be opened/);
  await assert.rejects(run('edit', id, '--title', 'Renamed', ...data), /is open: its title can no longer be changed .*only its deadline can be extended/);
  await assert.rejects(run('extend', id, '--deadline', '2030-05-31', ...data), /can only be moved later than 2030-06-30/);

  const extended = await run('extend', id, '--deadline', '2030-08-31', '--url', 'https://review.example', ...data);
  assert.match(extended, /^Command-line review: the deadline is 2030-08-31\.$/m);
  assert.match(extended, /^Told XAA \(Republic of Arvenia\): ama@arvenia\.example\.test$/m);
  assert.match(extended, /^No one to tell in XAB \(Kingdom of Belmora\): no coordinator$/m);

  assert.equal(await run('close', id, ...data), 'Command-line review is closed: drafts can no longer be saved.\n');
  assert.equal(JSON.parse(await run('archive', id, '--json', ...data)).status, 'archived');

  db = await openDatabase(config);
  t.after(() => db.close());
  services = createServices(db);
  const { messages } = await services.mail.list(systemActor, { limit: 20 });
  assert.deepEqual(messages.map((m) => [m.kind, m.to.join()]).reverse(), [
    ['invitation', 'ama@arvenia.example.test'],
    ['account-invitation', 'bo@belmora.example.test'],
    ['deadline-extended', 'ama@arvenia.example.test'],
  ]);
  assert.ok(messages.every((m) => m.text.includes('https://review.example/')), 'links point to --url');
  const events = (await services.audit.list(systemActor, { limit: 20 })).filter((e) => e.subject === `cycle:${id}`).map((e) => e.action);
  assert.deepEqual(events.reverse(), ['cycle.create', 'cycle.edit', 'cycle.edit', 'cycle.edit', 'cycle.status', 'cycle.open', 'cycle.extend', 'cycle.status', 'cycle.status']);
});
