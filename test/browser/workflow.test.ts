// The submission workflow in the browser: each person sees only the buttons the server says they
// may press now. Arvenia's coordinator submits the demo draft; the secretariat's administrator
// returns it with a message (and is asked for one first), which the coordinator reads on the page;
// the coordinator submits again and the
// administrator accepts it. The analyst, who reads everything and changes nothing, sees no buttons.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe("a submission's workflow buttons in the browser", { skip: run.skip }, () => {
  let coordinator: Page;
  let admin: Page;
  let url: string;
  before(async () => {
    await run.start();
    const cycles = await run.app.services.cycles.list(systemActor);
    url = `/cycles/${cycles.find((c) => c.title === demoCycleTitles.regional)!.id}/states/XAA`;
    coordinator = await run.signedInPage('state-coordinator', 'XAA');
    admin = await run.signedInPage('secretariat-admin');
  });
  after(() => run.stop());

  const workflow = (page: Page) => page.getByRole('group', { name: 'What you can do with this submission' });
  const buttons = async (page: Page) => (await workflow(page).count()) === 0 ? [] : workflow(page).getByRole('button').allInnerTexts();
  const badge = (page: Page) => page.locator('.page-heading__meta .badge');

  async function open(page: Page) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
  }

  it("offers the State's coordinator to submit, and nothing of the secretariat's", async () => {
    await open(coordinator);
    assert.deepEqual(await buttons(coordinator), ['Submit to the secretariat']);
    assert.deepEqual(await seriousA11yViolations(coordinator), []);
    await coordinator.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await coordinator.getByRole('status').filter({ hasText: 'Submitted to the secretariat.' }).waitFor();
    await badge(coordinator).filter({ hasText: /Submitted/ }).waitFor();
    assert.deepEqual(await buttons(coordinator), ['Withdraw the submission']);
  });

  it('asks the administrator why before returning it, then returns it', async () => {
    await open(admin);
    assert.deepEqual(await buttons(admin), ['Return to the State', 'Accept']);
    await admin.getByRole('button', { name: 'Return to the State' }).click();
    await admin.getByRole('button', { name: 'Return with this reason' }).click();
    await admin.getByText('Say why the submission is returned: what the State should change.').waitFor();
    await admin.getByLabel('Why is it returned? The State will read this.').fill('Please add the figures for 2019 to question 1a.');
    await admin.getByRole('button', { name: 'Return with this reason' }).click();
    await admin.getByText('Returned to the State with your reason.').waitFor();
    await badge(admin).filter({ hasText: /Returned/ }).waitFor();
    assert.deepEqual(await buttons(admin), []);
    const returned = (await run.app.services.audit.list(systemActor, { limit: 20 })).find((e) => e.action === 'submission.return');
    assert.equal(returned?.details.message, 'Please add the figures for 2019 to question 1a.');
    // The message is mailed to Arvenia's coordinators (the outbox, with no SMTP server here).
    const mailed = (await run.app.services.mail.list(systemActor, { limit: 20 })).messages.find((m) => m.kind === 'returned');
    assert.ok(mailed?.text.includes('Please add the figures for 2019 to question 1a.'), mailed?.text);
  });

  it('shows the coordinator the message, then lets them submit again and the administrator accept', async () => {
    await open(coordinator);
    const notice = coordinator.getByRole('region', { name: 'Returned for revision' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /^Returned for revision\s+Returned by .+ on .+:\s+Please add the figures for 2019 to question 1a\.$/);
    const steps = coordinator.getByRole('region', { name: 'Submissions and returns' }).getByRole('listitem');
    assert.equal(await steps.count(), 2);
    assert.match(await steps.nth(0).innerText(), /^Version \d+ submitted by /);
    assert.match(await steps.nth(1).innerText(), /^Version \d+ returned for revision by [^]*Please add the figures/);
    assert.deepEqual(await seriousA11yViolations(coordinator), []);
    assert.deepEqual(await buttons(coordinator), ['Submit to the secretariat']);
    await coordinator.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await badge(coordinator).filter({ hasText: /Submitted/ }).waitFor();
    // Resubmitted: the return's notice goes, the history keeps both submissions.
    await coordinator.getByRole('region', { name: 'Submissions and returns' }).getByRole('listitem').nth(2).waitFor();
    assert.equal(await notice.count(), 0);
    await open(admin);
    await admin.getByRole('button', { name: 'Accept' }).click();
    await badge(admin).filter({ hasText: /Accepted/ }).waitFor();
    // Arvenia consents to publication in its demonstration answers.
    assert.deepEqual(await buttons(admin), ['Return to the State', 'Publish the report']);
    assert.equal((await run.app.services.submissions.get(systemActor, url.split('/')[2]!, 'XAA')).status, 'accepted');
  });

  it('shows the analyst no buttons at all', async () => {
    const analyst = await run.signedInPage('secretariat-analyst');
    await open(analyst);
    assert.equal(await workflow(analyst).count(), 0);
    assert.equal(await analyst.getByRole('button', { name: /Accept|Return|Publish/ }).count(), 0);
  });
});
