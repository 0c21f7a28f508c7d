// Publishing in the browser: on an accepted report the secretariat's administrator is offered
// "Publish" only when the State consented (Yes), and is told why not for No and for no answer;
// publishing puts the report on the public page (no sign-in), unpublishing asks why first and takes
// it off again. Drafts and reports without consent never appear there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('publishing and unpublishing a report in the browser', { skip: run.skip }, () => {
  let admin: Page;
  let visitor: Page;
  let cycleId = '';
  before(async () => {
    await run.start();
    const { services } = run.app;
    cycleId = (await services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
    // The demo's drafts: Arvenia consents (Yes), Belmora has not answered, Coralia said No. Each submitted and accepted.
    for (const iso3 of ['XAA', 'XAB', 'XAC']) {
      const { version } = await services.submissions.get(systemActor, cycleId, iso3);
      await services.submissions.transition(systemActor, cycleId, iso3, { action: 'submit', baseVersion: version });
      await services.submissions.transition(systemActor, cycleId, iso3, { action: 'accept', baseVersion: version });
    }
    admin = await run.signedInPage('secretariat-admin');
    visitor = await (await run.context()).newPage();
  });
  after(() => run.stop());

  const buttons = (page: Page) => page.getByRole('group', { name: 'What you can do with this submission' }).getByRole('button').allInnerTexts();
  async function open(iso3: string, name: string) {
    await admin.goto(`/cycles/${cycleId}/states/${iso3}`);
    await admin.getByRole('heading', { level: 1, name }).waitFor();
    await admin.getByRole('group', { name: 'What you can do with this submission' }).waitFor();
  }
  async function publicRows() {
    await visitor.goto('/publications');
    await visitor.getByRole('heading', { level: 1, name: 'Published reports' }).waitFor();
    await visitor.getByText(/No report is published yet\.|Republic of/).first().waitFor();
    return visitor.getByTestId('publication-row').allInnerTexts();
  }

  it('offers no publication without consent, saying why for No and for no answer', async () => {
    await open('XAC', 'Federated Islands of Coralia');
    assert.deepEqual(await buttons(admin), ['Return to the State']);
    await admin.getByText('Publication is not offered: the State answered No to sharing its report.').waitFor();
    await open('XAB', 'Kingdom of Belmora');
    assert.deepEqual(await buttons(admin), ['Return to the State']);
    await admin.getByText('Publication is not offered: the State has not said whether its report may be shared.').waitFor();
    assert.deepEqual(await publicRows(), []);
    await visitor.getByText('No report is published yet.').waitFor();
  });

  it('publishes a report with consent Yes onto the public page, which anyone reads without signing in', async () => {
    await open('XAA', 'Republic of Arvenia');
    assert.deepEqual(await buttons(admin), ['Return to the State', 'Publish the report']);
    await admin.getByRole('button', { name: 'Publish the report' }).click();
    await admin.getByRole('status').filter({ hasText: 'Published.' }).waitFor();
    await admin.getByRole('group', { name: 'What you can do with this submission' }).getByRole('button', { name: 'Unpublish the report' }).waitFor();
    assert.deepEqual(await buttons(admin), ['Unpublish the report']);
    assert.deepEqual(await seriousA11yViolations(admin), []);

    const rows = await publicRows();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /Republic of Arvenia \(XAA\)/);
    assert.match(rows[0]!, /Asia-Pacific Regional Review 2020 \(demonstration\)/);
    assert.doesNotMatch(rows.join('\n'), /Belmora|Coralia/);
    // Signed out: the page is public, and its link leads to the snapshot.
    await visitor.getByRole('link', { name: 'Sign in' }).waitFor();
    const href = await visitor.getByRole('link', { name: /The report \(JSON\)/ }).getAttribute('href');
    const snapshot = (await (await visitor.request.get(href!)).json()) as { state: { iso3: string }; publishedBy: string };
    assert.deepEqual([snapshot.state.iso3, snapshot.publishedBy], ['XAA', 'Demo Secretariat Administrator']);
    assert.deepEqual(await seriousA11yViolations(visitor), []);
  });

  it('asks why before unpublishing, then takes the report off the public page', async () => {
    await open('XAA', 'Republic of Arvenia');
    await admin.getByRole('button', { name: 'Unpublish the report' }).click();
    await admin.getByRole('button', { name: 'Unpublish with this reason' }).click();
    await admin.getByText('Say why the report is unpublished.').waitFor();
    await admin.getByLabel('Why is the report no longer public? This is kept with the publication.').fill('Arvenia asked to correct question 2b first.');
    await admin.getByRole('button', { name: 'Unpublish with this reason' }).click();
    await admin.getByRole('status').filter({ hasText: 'Unpublished.' }).waitFor();
    // The submission reloads after the step: its buttons are read once they are back.
    await admin.getByRole('group', { name: 'What you can do with this submission' }).getByRole('button', { name: 'Publish the report' }).waitFor();
    assert.deepEqual(await buttons(admin), ['Publish the report']);
    assert.deepEqual(await publicRows(), []);
    const [event] = await run.app.services.audit.list(systemActor, { action: 'publication.unpublish' });
    assert.equal(event?.details.reason, 'Arvenia asked to correct question 2b first.');
  });
});
