// The secretariat's tracking table on a cycle page, in the browser: sorting by a column heading
// (aria-sort), filtering by status, searching by State name, downloading the CSV, and reminding
// those who have not submitted after a confirmation; a State's coordinator sees no such table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe("the secretariat's tracking table", { skip: run.skip }, () => {
  let cycleId: string;
  let invited = 0;
  before(async () => {
    await run.start();
    const regional = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
    cycleId = regional.id;
    invited = regional.invitedCount;
  });
  after(() => run.stop());

  const table = (page: Page, region = 'Invited States') => page.getByRole('region', { name: region }).getByRole('table');
  const bodyRows = (page: Page, region?: string) => table(page, region).locator('tbody tr');

  it('sorts, filters, searches, downloads and reminds', async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.goto(`/cycles/${cycleId}`);
    await table(page).getByRole('columnheader', { name: /Coordinators/ }).waitFor();
    assert.equal(await bodyRows(page).count(), invited);

    // Sorting: State ascending first; a click makes it descending.
    const stateHeading = table(page).getByRole('columnheader', { name: /^State/ });
    assert.equal(await stateHeading.getAttribute('aria-sort'), 'ascending');
    const firstAscending = await bodyRows(page).first().locator('th').innerText();
    await stateHeading.getByRole('button').click();
    assert.equal(await stateHeading.getAttribute('aria-sort'), 'descending');
    assert.notEqual(await bodyRows(page).first().locator('th').innerText(), firstAscending);
    const words = table(page).getByRole('columnheader', { name: /Words/ });
    await words.getByRole('button').click();
    assert.equal(await words.getAttribute('aria-sort'), 'ascending');
    assert.equal(await stateHeading.getAttribute('aria-sort'), 'none');

    // Filtering by status, then searching by name.
    await page.getByLabel('Status', { exact: true }).selectOption('draft');
    const drafts = await bodyRows(page).count();
    assert.ok(drafts >= 1 && drafts < invited);
    for (const text of await bodyRows(page).allInnerTexts()) assert.match(text, /Draft/);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Search States').fill('arvenia');
    assert.equal(await bodyRows(page).count(), 1);
    assert.match(await bodyRows(page).first().innerText(), /Republic of Arvenia/);
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The CSV download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(csv, /^\uFEFFISO3,State,/);
    assert.equal(csv.trim().split('\r\n').length, invited + 1);

    // Remind now: a confirmation, then who was reminded.
    await page.getByRole('button', { name: 'Remind those who have not submitted' }).click();
    await page.getByRole('group', { name: 'Send reminders' }).getByRole('button', { name: 'Send reminders' }).click();
    await page.getByRole('status').filter({ hasText: /Reminded: .*Republic of Arvenia/ }).waitFor();
    const outbox = await run.app.services.mail.list(systemActor, { limit: 200 });
    assert.ok(outbox.messages.some((m) => m.kind === 'reminder' && m.related?.id === `${cycleId}/XAA`));
    await page.context().close();
  });

  it("shows a State's coordinator their own row only, without the tracking columns", async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await page.goto(`/cycles/${cycleId}`);
    const own = 'Your State’s submission';
    await table(page, own).waitFor();
    assert.equal(await bodyRows(page, own).count(), 1);
    assert.equal(await table(page, own).getByRole('columnheader', { name: /Coordinators/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Remind those who have not submitted' }).count(), 0);
    await page.context().close();
  });
});
