// `gcm-review submission assign|assignments|messages|ask`: the coordinator (--as) gives question 1a
// to a contributor with a due date, the table shows the words against the guidance, the contributor
// moves the status and is refused assigning; a query is written and read back; the assignment is
// taken back. Through the same services as the web app, on the embedded store.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { registerSubmissionCommands } from '../../src/cli/commands/submission.ts';
import { CliError } from '../../src/cli/output.ts';
import { loadConfig } from '../../src/config.ts';
import { demoAccount } from '../../src/demo/accounts.ts';
import { demoCycleTitles, seedDemo } from '../../src/demo/seed.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCommand } from '../support/cli.ts';

const run = (...args: string[]) => runCommand([registerSubmissionCommands], 'submission', ...args);

test('the command line assigns a question, shows progress, moves the status, and writes and reads the queries thread', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-assign-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  const services = createServices(db);
  await seedDemo(services);
  const cycle = (await services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
  await services.users.create(systemActor, { email: 'cy.contributor@example.test', name: 'Cy Contributor', password: 'a long enough password', role: 'state-contributor', stateIso3: 'XAA' });
  await db.close();
  const coordinator = demoAccount('state-coordinator', 'XAA').email;
  const at = ['--data-dir', dataDir];

  assert.equal(
    await run('assign', cycle.id, 'XAA', '--to', 'cy.contributor@example.test', '--question', '1a', '--due', '2030-05-01', '--as', coordinator, ...at),
    '1a: Cy Contributor <cy.contributor@example.test>, not-started, due 2030-05-01\n',
  );
  const table = await run('assignments', cycle.id, 'XAA', ...at);
  assert.match(table, /^Republic of Arvenia \(XAA\)\nQuestion\s+Words\s+Assigned to\n/);
  assert.match(table, /\n1a\s+\d+\/500\s+Cy Contributor \(not-started, due 2030-05-01\)\n/);
  assert.match(table, /\n1b\s+\d+\/500\s+-\n/);

  assert.equal(await run('assign', cycle.id, 'XAA', '--to', 'cy.contributor@example.test', '--question', '1a', '--status', 'drafting', '--as', 'cy.contributor@example.test', ...at), '1a: Cy Contributor, drafting, due 2030-05-01\n');
  await assert.rejects(
    run('assign', cycle.id, 'XAA', '--to', 'cy.contributor@example.test', '--question', '1b', '--as', 'cy.contributor@example.test', ...at),
    (e: unknown) => e instanceof CliError && /Only the State's coordinator \(or a secretariat administrator\) assigns questions/.test(e.message),
  );
  await assert.rejects(run('assign', cycle.id, 'XAA', '--to', 'cy.contributor@example.test', '--question', '1a', '--status', 'finished', ...at), (e: unknown) => e instanceof CliError && /--status must be one of/.test(e.message));
  const json = JSON.parse(await run('assignments', cycle.id, 'XAA', '--json', '--as', 'cy.contributor@example.test', ...at)) as { canManage: boolean; editable: unknown };
  assert.deepEqual([json.canManage, json.editable], [false, 'all']);

  assert.match(
    await run('ask', cycle.id, 'XAA', '--message', 'Should 1a cover 2019 only?', '--as', coordinator, ...at),
    // The demonstration's administrator is one of the return addresses: mailed once.
    /^Written as Demo Coordinator, Republic of Arvenia \(the State\); mailed to secretariat@demo\.gcm-review\.org, network@demo\.gcm-review\.org\.\n$/,
  );
  assert.match(await run('ask', cycle.id, 'XAA', '--message', 'No: 2019 and 2020.', ...at), /^Written as System \(command line\) \(the secretariat\); mailed to arvenia@demo\.gcm-review\.org/);
  const thread = await run('messages', cycle.id, 'XAA', ...at);
  assert.match(thread, /UTC, Demo Coordinator, Republic of Arvenia \(Republic of Arvenia\):\nShould 1a cover 2019 only\?\n\n.*UTC, System \(command line\) \(the secretariat\):\nNo: 2019 and 2020\.\n/);

  assert.equal(await run('assign', cycle.id, 'XAA', '--to', 'cy.contributor@example.test', '--question', '1a', '--remove', '--as', coordinator, ...at), '1a: taken back from Cy Contributor\n');
  assert.match(await run('assignments', cycle.id, 'XAA', ...at), /\n1a\s+\d+\/500\s+-\n/);
});
