// `gcm-review submission diff`: two versions of a submission compared, the words marked, or as JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../config.ts';
import { createServices, systemActor } from '../../services/index.ts';
import { openDatabase } from '../../store/database.ts';
import { CliError } from '../output.ts';
import { registerSubmissionCommands } from './submission.ts';
import { fixedSlots } from '../../../test/support/fixed-slots.ts';

const run = (...args: string[]) => runCommand([registerSubmissionCommands], 'submission', 'diff', ...args);

test('prints what changed between two versions, words marked, or JSON', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-submission-diff-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  const services = createServices(db);
  const cycle = await services.cycles.create(systemActor, { title: 'Diff', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'], status: 'open' });
  let current = await services.submissions.get(systemActor, cycle.id, 'XAA');
  const question = fixedSlots(current.response).answers[0]!.question;
  const withAnswer = (texts: string[], consent: 'yes' | 'unanswered') => ({
    ...current.response,
    consent,
    answers: fixedSlots(current.response).answers.map((a, i) => (i === 0 ? { question: a.question, paragraphs: texts.map((text, n) => ({ ...a.paragraphs[n], number: n + 1, text, footnotes: [] })) } : a)),
  });
  await services.submissions.saveDraft(systemActor, cycle.id, 'XAA', withAnswer(['Arvenia plans a coastal dam.', 'Gone soon.'], 'unanswered'), { baseVersion: 0 });
  current = await services.submissions.get(systemActor, cycle.id, 'XAA');
  await services.submissions.saveDraft(systemActor, cycle.id, 'XAA', withAnswer(['Arvenia built a coastal dam.'], 'yes'), { baseVersion: 1 });
  await db.close();

  const dir = ['--data-dir', dataDir];
  assert.equal(
    await run('--cycle', cycle.id, '--state', 'xaa', '--from', '1', '--to', '2', ...dir),
    [
      'XAA: version 1 -> version 2',
      `Question ${question}`,
      '  Paragraph 1 changed: Arvenia [-plans-]{+built+} a coastal dam.',
      '  Paragraph 2 removed: [-Gone soon.-]',
      'Consent to publication: unanswered -> yes',
      '',
    ].join('\n'),
  );
  assert.equal(await run('--cycle', cycle.id, '--state', 'XAA', '--from', '2', '--to', '2', ...dir), 'XAA: version 2 -> version 2\nNo differences.\n');
  const json = JSON.parse(await run('--cycle', cycle.id, '--state', 'XAA', '--from', '1', '--to', '2', '--json', ...dir)) as { from: number; to: number; diff: { answers: { paragraphs: { kind: string }[] }[] } };
  assert.deepEqual([json.from, json.to, json.diff.answers[0]!.paragraphs.map((p) => p.kind)], [1, 2, ['changed', 'removed']]);
  await assert.rejects(run('--cycle', cycle.id, '--state', 'XAA', '--from', '0', '--to', '2', ...dir), (e: unknown) => e instanceof CliError && /--from must be a version number/.test(e.message));
  await assert.rejects(run('--cycle', cycle.id, '--state', 'XAA', '--from', '1', '--to', '7', ...dir), (e: unknown) => e instanceof CliError && /Version 7/.test(e.message));
});
