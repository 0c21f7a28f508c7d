// The People panel of a cycle page, in the browser: the secretariat administrator gives a person a
// role in one State's submission, that State's coordinator sees it and takes it back, and the
// analyst sees who holds which role but is offered nothing to change. The server decides each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoAccount } from '../../src/demo/accounts.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the People panel of a cycle', { skip: run.skip }, () => {
  let cycleId: string;
  const helper = { email: 'hal.helper@example.test', name: 'Hal Helper' };
  before(async () => {
    await run.start();
    const cycles = await run.app.services.cycles.list(systemActor);
    cycleId = cycles.find((c) => c.title === demoCycleTitles.regional)!.id;
    await run.app.services.users.create(systemActor, { ...helper, password: 'a long enough password', role: 'state-contributor', stateIso3: 'XAC' });
  });
  after(() => run.stop());

  const panel = (page: Page) => page.getByRole('region', { name: 'People' });
  async function openCycle(page: Page) {
    await page.goto(`/cycles/${cycleId}`);
    await panel(page).getByRole('heading', { level: 2, name: 'People' }).waitFor();
  }

  it('lets the administrator give a person a role in one submission', async () => {
    const page = await run.signedInPage('secretariat-admin');
    await openCycle(page);
    await panel(page).getByText('No one holds a role in this cycle or its submissions yet.').waitFor();
    const form = panel(page).getByRole('form', { name: 'Give someone a role' });
    assert.deepEqual(await form.getByLabel('Role').locator('option').allInnerTexts(), ['Secretariat analyst', 'Secretariat administrator']);
    await form.getByLabel('E-mail address of their account').fill(helper.email);
    await form.getByLabel('Where').selectOption({ label: 'The submission of Republic of Arvenia' });
    assert.deepEqual(await form.getByLabel('Role').locator('option').allInnerTexts(), ['Contributor', 'State coordinator']);
    await form.getByRole('button', { name: 'Give the role' }).click();
    await page.getByRole('status').filter({ hasText: 'Hal Helper holds the role “Contributor”: The submission of Republic of Arvenia.' }).waitFor();
    const row = panel(page).getByRole('row', { name: /Hal Helper/ });
    assert.match(await row.innerText(), /Contributor\s+The submission of Republic of Arvenia/);

    // A refusal says why: a question the questionnaire does not have.
    await form.getByLabel('E-mail address of their account').fill(helper.email);
    await form.getByLabel('Only one question').fill('99z');
    await form.getByRole('button', { name: 'Give the role' }).click();
    assert.match(await panel(page).getByRole('alert').innerText(), /has no question "99z"/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await panel(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'people');
    await page.context().close();
  });

  it("lets the State's coordinator see the role given in their submission and take it back", async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await openCycle(page);
    const takeBack = panel(page).getByRole('button', { name: 'Take back the role of Hal Helper' });
    await takeBack.click();
    await page.getByRole('status').filter({ hasText: 'Hal Helper no longer holds the role “Contributor”: The submission of Republic of Arvenia.' }).waitFor();
    await panel(page).getByText('No one holds a role in this cycle or its submissions yet.').waitFor();
    // Their form offers their own State's submission only, never the cycle.
    const places = await panel(page).getByLabel('Where').locator('option').allInnerTexts();
    assert.deepEqual(places, ['The submission of Republic of Arvenia']);
    await page.context().close();
  });

  it('shows the analyst who holds which role, and nothing to change', async () => {
    const ana = await run.app.services.users.findByEmail(demoAccount('secretariat-analyst').email);
    await run.app.services.memberships.grant(systemActor, { user: ana!.id, role: 'secretariat-analyst', scope: 'cycle', cycleId });
    const page = await run.signedInPage('secretariat-analyst');
    await openCycle(page);
    const row = panel(page).getByRole('row', { name: /Demo Secretariat Analyst/ });
    assert.match(await row.innerText(), /Secretariat analyst\s+The whole cycle/);
    assert.equal(await panel(page).getByRole('button').count(), 0);
    assert.equal(await panel(page).getByRole('form').count(), 0);
    await page.context().close();
  });
});
