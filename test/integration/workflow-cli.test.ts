// `gcm-review submission <action>` with a message, as the operator runs it: returning without
// --message is refused naming it; with one, the message is kept with the step (the State's
// history) and mailed to the State's coordinators (the outbox, with no SMTP_URL), as submitting
// acknowledges receipt to them with the cycle's return addresses in copy.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { addUser } from '../support/db.ts';
import { runCli } from '../support/cli-process.ts';

describe('CLI: workflow messages', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-workflow-cli-'));
  const dataDir = join(work, 'data');
  after(() => rmSync(work, { recursive: true, force: true }));

  /** Runs `fn` with the services over the data folder, closed afterwards (the CLI opens it in between). */
  async function withServices<T>(fn: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      return await fn(createServices(db));
    } finally {
      await db.close();
    }
  }

  it('submits with an acknowledgement, refuses a return without --message, returns with one', async () => {
    const { cycleId, coordinator } = await withServices(async (services) => {
      const cycle = await services.cycles.create(systemActor, {
        title: 'CLI messages review',
        templateId: 'apac-2020',
        region: 'escap',
        deadline: '2030-06-30',
        returnAddresses: ['review@secretariat.example'],
        invitedStates: ['XAA'],
        status: 'open',
      });
      const coordinator = await addUser(services, 'state-coordinator', 'XAA', 'Ama Arvenian');
      const blank = await services.submissions.get(systemActor, cycle.id, 'XAA');
      await services.submissions.saveDraft(systemActor, cycle.id, 'XAA', blank.response, { baseVersion: 0 });
      return { cycleId: cycle.id, coordinator: coordinator.user.email };
    });

    const submitted = runCli(['submission', 'submit', cycleId, 'XAA', '--data-dir', dataDir]);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /Republic of Arvenia \(XAA\): draft -> submitted \(version 1\)/);

    const silent = runCli(['submission', 'return', cycleId, 'XAA', '--data-dir', dataDir]);
    assert.notEqual(silent.code, 0);
    assert.match(silent.stderr, /message: is required to return the submission to the State/);

    const message = 'Please complete question 1a.';
    const returned = runCli(['submission', 'return', cycleId, 'XAA', '--message', message, '--data-dir', dataDir]);
    assert.equal(returned.code, 0, returned.stderr);
    assert.match(returned.stdout, /submitted -> returned/);

    await withServices(async (services) => {
      const steps = await services.submissions.history(systemActor, cycleId, 'XAA');
      assert.deepEqual(
        steps.map((s) => [s.action, s.by, s.message]),
        [
          ['submit', 'System (command line)', null],
          ['return', 'System (command line)', message],
        ],
      );
      const mail = (await services.mail.list(systemActor, { limit: 50 })).messages.filter((m) => m.related?.id === `${cycleId}/XAA`).reverse();
      assert.deepEqual(
        mail.map((m) => [m.kind, m.to, m.cc]),
        [
          ['acknowledgement', [coordinator], ['review@secretariat.example']],
          ['returned', [coordinator], []],
        ],
      );
      assert.ok(mail[1]!.text.includes(message));
    });
  });
});
