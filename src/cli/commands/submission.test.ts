// `gcm-review submission <action>`: the operator moves a submission through the workflow with the
// same service and state machine as the web app; a refusal is the machine's reason on one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../config.ts';
import { demoCycleTitles, seedDemo } from '../../demo/seed.ts';
import { createServices, systemActor } from '../../services/index.ts';
import { openDatabase } from '../../store/database.ts';
import { CliError } from '../output.ts';
import { registerSubmissionCommands } from './submission.ts';

const run = (...args: string[]) => runCommand([registerSubmissionCommands], 'submission', ...args);

test('the operator submits, returns (with a reason) and accepts a submission; refusals give the reason', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-submission-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  let db = await openDatabase(loadConfig({}, { dataDir }));
  await seedDemo(createServices(db));
  const regional = (await createServices(db).cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
  await db.close();

  assert.equal(await run('submit', regional.id, 'xaa', '--data-dir', dataDir), 'Republic of Arvenia (XAA): draft -> submitted (version 1)\n');
  await assert.rejects(run('return', regional.id, 'XAA', '--data-dir', dataDir), (e: unknown) => e instanceof CliError && /message: is required to return/.test(e.message));
  assert.match(await run('return', regional.id, 'XAA', '--note', 'Answer 2b, please.', '--data-dir', dataDir), /submitted -> returned/);
  await assert.rejects(run('accept', regional.id, 'XAA', '--data-dir', dataDir), (e: unknown) => e instanceof CliError && e.message === 'You cannot accept the submission: the submission is returned to the State.');
  await run('submit', regional.id, 'XAA', '--data-dir', dataDir);
  const accepted = JSON.parse(await run('accept', regional.id, 'XAA', '--json', '--data-dir', dataDir)) as { status: string; allowedActions: string[] };
  assert.equal(accepted.status, 'accepted');
  // Arvenia's demonstration answers consent to publication.
  assert.deepEqual(accepted.allowedActions, ['return', 'publish']);
  assert.match(await run('publish', regional.id, 'XAA', '--data-dir', dataDir), /accepted -> published/);

  db = await openDatabase(loadConfig({}, { dataDir }));
  t.after(() => db.close());
  const events = (await createServices(db).audit.list(systemActor)).filter((e) => e.subject === `submission:${regional.id}/XAA` && e.actor === 'system').map((e) => e.action);
  assert.deepEqual(events.slice(0, 5), ['submission.publish', 'submission.accept', 'submission.submit', 'submission.return', 'submission.submit']);
});
