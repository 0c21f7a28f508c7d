// `gcm-review publication list|show` and `gcm-review audit list`, run in-process on a PGlite data
// folder of its own, as from the shell: only reports public now are listed (never a draft, an
// accepted report or one unpublished), and the audit log filters and prints CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom, withServices } from '../../src/cli/database.ts';
import { CliError } from '../../src/cli/output.ts';
import { registerAuditCommands } from '../../src/cli/commands/audit.ts';
import { registerPublicationCommands } from '../../src/cli/commands/publication.ts';
import { registerSubmissionCommands } from '../../src/cli/commands/submission.ts';
import { systemActor } from '../../src/services/actors.ts';
import { runCommand } from '../support/cli.ts';

const run = (...args: string[]) => runCommand([registerPublicationCommands, registerAuditCommands, registerSubmissionCommands], ...args);
const refusedWith = (pattern: RegExp) => (err: unknown) => err instanceof CliError && pattern.test(err.message);

test('publication list|show show only the reports public now; audit list filters the log and prints CSV', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-publication-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const dir = ['--data-dir', dataDir];
  // Three States: Arvenia consents and is accepted, Belmora consents but is only a draft, Coralia says No.
  const cycleId = await withServices(configFrom({ dataDir }), async (services) => {
    const cycle = await services.cycles.create(systemActor, {
      title: 'CLI publication review',
      templateId: 'apac-2020',
      region: 'escap',
      meeting: { name: 'Regional Review Meeting', place: 'Bangkok' },
      deadline: '2031-06-30',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB', 'XAC'],
      status: 'open',
    });
    for (const [iso3, consent, text] of [
      ['XAA', 'yes', 'Arvenia, published.'],
      ['XAB', 'yes', 'Belmora, a draft that must never leak.'],
      ['XAC', 'no', 'Coralia, not to be shared.'],
    ] as const) {
      const empty = await services.submissions.get(systemActor, cycle.id, iso3);
      await services.submissions.saveDraft(systemActor, cycle.id, iso3, { ...empty.response, consent, answers: [{ question: '1a', paragraphs: [{ number: 1, text, footnotes: [] }] }] }, { baseVersion: 0 });
      if (iso3 === 'XAB') continue;
      await services.submissions.transition(systemActor, cycle.id, iso3, { action: 'submit', baseVersion: 1 });
      await services.submissions.transition(systemActor, cycle.id, iso3, { action: 'accept', baseVersion: 1 });
    }
    return cycle.id;
  });

  assert.equal(await run('publication', 'list', ...dir), 'No report is published.\n');
  // Publishing is the workflow's: refused for consent No with its reason, done for Yes.
  await assert.rejects(run('submission', 'publish', cycleId, 'XAC', ...dir), refusedWith(/^You cannot publish the report: the State answered No to sharing it\.$/));
  assert.match(await run('submission', 'publish', cycleId, 'XAA', ...dir), /^Republic of Arvenia \(XAA\): accepted -> published \(version 1\)\n$/);

  const listed = await run('publication', 'list', ...dir);
  const lines = listed.trimEnd().split('\n');
  assert.deepEqual(lines[0]!.split(/ {2,}/), ['PUBLISHED', 'STATE', 'CYCLE', 'VERSION', 'ID']);
  assert.equal(lines.length, 2, listed);
  const [publishedAt, state, title, version, id] = lines[1]!.split(/ {2,}/);
  assert.match(publishedAt!, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual([state, title, version], ['Republic of Arvenia (XAA)', 'CLI publication review', '1']);
  assert.doesNotMatch(listed, /Belmora|Coralia/);

  const shown = await run('publication', 'show', id!, ...dir);
  assert.match(shown, /^State: +Republic of Arvenia \(XAA\)$/m);
  assert.match(shown, /^Meeting: +Regional Review Meeting, Bangkok$/m);
  assert.match(shown, /^Published: +\S+ by System \(command line\)$/m);
  const snapshot = JSON.parse(await run('publication', 'show', id!, '--json', ...dir)) as { response: unknown; template: { items: unknown[] } };
  assert.match(JSON.stringify(snapshot.response), /Arvenia, published\./);
  assert.ok(snapshot.template.items.length > 5);
  const json = JSON.parse(await run('publication', 'list', '--json', ...dir)) as { id: string }[];
  assert.deepEqual(json.map((p) => p.id), [id]);
  // Not even as JSON does a draft leak.
  assert.doesNotMatch(JSON.stringify(json), /Belmora/);

  // Unpublishing needs a reason; then the report is gone from the list and from `show`.
  await assert.rejects(run('submission', 'unpublish', cycleId, 'XAA', ...dir), refusedWith(/message: is required to unpublish the report/));
  await run('submission', 'unpublish', cycleId, 'XAA', '--message', 'Withdrawn at the State’s request.', ...dir);
  assert.equal(await run('publication', 'list', ...dir), 'No report is published.\n');
  await assert.rejects(run('publication', 'show', id!, ...dir), refusedWith(/^The publication ".*" was not found\.$/));

  // The audit log: the publication's events, filtered; the submission's steps as CSV.
  const events = await run('audit', 'list', '--subject', `publication:${id}`, ...dir);
  assert.deepEqual(
    events
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/ {2,}/).slice(1)),
    [
      ['ACTOR', 'ACTION', 'SUBJECT'],
      ['system', 'publication.unpublish', `publication:${id}`],
      ['system', 'publication.publish', `publication:${id}`],
    ],
  );
  const page = JSON.parse(await run('audit', 'list', '--action', 'submission', '--subject', `submission:${cycleId}/*`, '--limit', '2', '--json', ...dir)) as { total: number; events: { action: string }[] };
  assert.equal(page.total, 9, 'three saves, two submits, two accepts, a publish and an unpublish (the refused publish is not an event)');
  assert.deepEqual(page.events.map((e) => e.action), ['submission.unpublish', 'submission.publish']);
  const csv = await run('audit', 'list', '--subject', `submission:${cycleId}/XAA`, '--csv', ...dir);
  const rows = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(rows[0], 'Time,Actor,Action,Subject,Details');
  assert.deepEqual(rows.slice(1).map((r) => r.split(',')[2]), ['submission.unpublish', 'submission.publish', 'submission.accept', 'submission.submit', 'submission.save-draft']);
  assert.match(rows[1]!, /Withdrawn at the State’s request\./);
  await assert.rejects(run('audit', 'list', '--from', 'last week', ...dir), refusedWith(/from: must be a date \(YYYY-MM-DD\)/));
  await assert.rejects(run('audit', 'list', '--limit', 'ten', ...dir), refusedWith(/--limit must be a whole number, not "ten"/));
});
