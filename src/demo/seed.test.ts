// The demonstration data as `serve --demo` seeds it, read back through the services: besides the
// regional cycle's fixed-slot drafts, an open cycle on the national report whose one draft is an
// item response the item model's validation accepts, and a database the seed has used (so that
// serve, which seeds an unused database only, never seeds it twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { ItemResponse, consentIn } from '../domain/questionnaire/response.ts';
import { errorsOf, validate } from '../domain/questionnaire/validate.ts';
import { systemActor } from '../services/actors.ts';
import { createServices } from '../services/index.ts';
import { isQuestionnaire } from '../services/template-summary.ts';
import { isUnused, openDatabase } from '../store/database.ts';
import { demoAccount } from './accounts.ts';
import { demoCycleTitles, demoNationalReport, demoResponses, seedDemo } from './seed.ts';

test("the demo holds an open national-report cycle whose State's draft reads back as a valid item response", async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-demo-seed-'));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  t.after(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const services = createServices(db);
  assert.equal(await isUnused(db.drizzle), true);
  await seedDemo(services);
  assert.equal(await isUnused(db.drizzle), false, 'serve --demo will not seed this database again');

  const cycles = await services.cycles.list(systemActor);
  assert.deepEqual(cycles.map((c) => c.title).sort(), Object.values(demoCycleTitles).sort(), 'one cycle per title, none twice');
  const cycle = cycles.find((c) => c.title === demoCycleTitles.nationalReport)!;
  assert.equal(cycle.templateId, 'imrf-national-report');
  assert.equal(cycle.status, 'open');
  assert.ok(cycle.deadline > new Date().toISOString().slice(0, 10), `the deadline ${cycle.deadline} is still ahead`);
  assert.deepEqual([...cycle.invitedStates].sort(), demoResponses.map((r) => r.iso3).sort());
  assert.deepEqual(cycle.progress, { draft: 1, 'not-started': cycle.invitedCount - 1 });

  const template = await services.cycles.template(systemActor, cycle.id);
  assert.ok(isQuestionnaire(template), 'the cycle keeps the questionnaire of the item model');
  const { iso3 } = demoNationalReport;
  const submission = await services.submissions.get(systemActor, cycle.id, iso3);
  assert.equal(submission.version, 1);
  assert.equal(submission.status, 'draft');
  const response = ItemResponse.parse(submission.response);
  assert.deepEqual(response.state, { iso3, name: submission.state.name });
  assert.deepEqual(errorsOf(validate(template, response)), []);
  assert.equal(consentIn(template, response), 'yes');
  const figures = response.answers.figures;
  assert.ok(figures?.kind === 'table' && Object.keys(figures.cells).length > 0, 'the table has figures');
  // Saved with ids, as every save gives them.
  const paragraphs = Object.values(response.answers).flatMap((a) => (a.kind === 'prose' ? a.paragraphs : []));
  assert.ok(paragraphs.length > 20 && paragraphs.every((p) => p.id), 'every paragraph has an id');

  const [version] = await services.submissions.versions(systemActor, cycle.id, iso3);
  assert.equal(version?.source, 'demo');
  assert.equal(version?.savedBy, demoAccount('state-coordinator', iso3).name, "the State's demo coordinator wrote it");
});
