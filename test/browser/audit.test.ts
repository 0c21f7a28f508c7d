// The Audit log page in the browser: the secretariat finds it in the navigation, reads the recorded
// changes newest first, narrows them by subject, action and days, and downloads what it selects as
// CSV; a State's coordinator sees no link and is told the page is not theirs; the page passes axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the Audit log page in the browser', { skip: run.skip }, () => {
  let cycleId = '';
  before(async () => {
    await run.start();
    const { services } = run.app;
    cycleId = (await services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
    // Arvenia's demo draft, submitted, accepted and published by the operator.
    const { version } = await services.submissions.get(systemActor, cycleId, 'XAA');
    for (const action of ['submit', 'accept', 'publish'] as const) await services.submissions.transition(systemActor, cycleId, 'XAA', { action, baseVersion: version });
  });
  after(() => run.stop());

  it('lists the changes for the secretariat, filters them, and downloads them as CSV', async () => {
    const page = await run.signedInPage('secretariat-analyst');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 4);
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByLabel('Subject').fill(`submission:${cycleId}/XAA`);
    await page.getByLabel('Action').fill('submission');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { level: 2, name: /^Events 1 to \d+ of \d+$/ }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="audit-row"]')].every((r) => r.textContent?.includes('submission.')));
    const actions = (await rows.allInnerTexts()).map((r) => /submission\.[a-z-]+/.exec(r)?.[0]);
    assert.deepEqual(actions.slice(0, 3), ['submission.publish', 'submission.accept', 'submission.submit']);
    const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
    assert.match(first, /system submission\.publish submission:\S+\/XAA \{/);
    assert.match(first, /"to":"published"/);

    // The download is what the filters select.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'audit-log.csv');
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'Time,Actor,Action,Subject,Details');
    assert.equal(lines.length - 1, await rows.count());
    assert.ok(lines.slice(1).every((l) => l.includes(',submission.') && l.includes(`submission:${cycleId}/XAA`)), csv);

    // Days: nothing from tomorrow on.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From (day)').fill(tomorrow);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No event matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await rows.first().waitFor();
    assert.equal(await page.getByLabel('Subject').inputValue(), '');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it("offers no Audit log to a State's coordinator, and says the page is the secretariat's", async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).count(), 0);
    await page.goto('/audit');
    await page.getByRole('alert').getByText('The audit log is for the secretariat.').waitFor();
    assert.equal(await page.getByTestId('audit-row').count(), 0);
  });
});
