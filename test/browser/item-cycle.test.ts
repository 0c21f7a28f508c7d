// A cycle on a questionnaire of the item model, answered online: the secretariat opens a cycle on
// the national report over the API; Arvenia's coordinator opens the submission page, writes how the
// report was prepared and objective 1's progress, fills a cell of the table of figures and chooses
// the consent; the page saves after a pause, a reload shows it kept, and what is stored is an item
// response (answers by item key). The coordinator submits. The same, briefly, for the stakeholder
// questionnaire: one prose answer saved and kept.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoAccount } from '../../src/demo/accounts.ts';
import { ItemResponse } from '../../src/domain/questionnaire/response.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

/** The stored response of XAA in a cycle, read as an item response (fails plainly if it is fixed slots). */
async function storedItems(cycleId: string): Promise<{ version: number; status: string; response: ItemResponse }> {
  const s = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
  assert.ok(!Array.isArray(s.response.answers), 'the stored answers are by item key, not a list of fixed slots');
  return { version: s.version, status: s.status, response: ItemResponse.parse(s.response) };
}

const proseTexts = (r: ItemResponse, key: string) => {
  const a = r.answers[key];
  assert.equal(a?.kind, 'prose', `${key} is a prose answer`);
  return a.kind === 'prose' ? a.paragraphs.map((p) => p.text) : [];
};

const status = (page: Page) => page.getByRole('region', { name: 'Saving your answers' }).getByRole('status');

describe('a cycle on a questionnaire of the item model, answered online', { skip: run.skip }, () => {
  let coordinator: Page;
  let secretariat: string;
  before(async () => {
    await run.start();
    const admin = demoAccount('secretariat-admin');
    secretariat = await run.app.signIn(admin.email, admin.password);
    coordinator = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  async function openCycle(templateId: string, title: string): Promise<string> {
    const created = await run.app.call('POST', '/api/cycles', secretariat, {
      title,
      templateId,
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: ['reports@example.test'],
      invitedStates: ['XAA'],
      status: 'open',
    });
    assert.equal(created.status, 201, created.text);
    return created.body.id as string;
  }

  async function open(page: Page, cycleId: string, formTitle: RegExp) {
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    await page.getByRole('heading', { level: 2, name: formTitle }).waitFor();
  }

  const method = 'Arvenia’s report was prepared by the Ministry of the Interior with the Ministries of Labour and Health, in four working meetings.';
  const progress = 'Arvenia opened two regular pathways for seasonal workers in 2029 and now publishes its migration figures every quarter.';
  const nationalTitle = /^National report on the implementation of the Global Compact/;

  describe('the national report', () => {
    let cycleId: string;
    before(async () => {
      cycleId = await openCycle('imrf-national-report', 'National reports 2030 (browser)');
    });

    it('writes two prose answers, a figure and the consent, and saves them as an item response after a pause', async () => {
      assert.equal((await storedItems(cycleId)).version, 0);
      await open(coordinator, cycleId, nationalTitle);
      assert.match(await status(coordinator).innerText(), /No changes since the version loaded/);

      await coordinator.getByRole('textbox', { name: 'Paragraph 1 of A' }).fill(method);
      await coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1a' }).fill(progress);
      await coordinator.getByRole('textbox', { name: 'Public budget for migration governance (US$), 2024' }).fill('1250000');
      await coordinator.getByRole('region', { name: 'Consent to publish' }).getByRole('radio', { name: 'Yes' }).check();
      assert.match(await status(coordinator).innerText(), /not yet saved|Saving/);
      await status(coordinator).getByText(/^Saved at \d\d:\d\d as version 1$/).waitFor();
      await coordinator.locator('.page-heading__meta').getByText('Version 1', { exact: true }).waitFor();
      // How the report was prepared, just below the save bar that stays at the top of the window.
      await coordinator.locator('[data-item="preparation"]').evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -((document.querySelector('.save-bar')?.getBoundingClientRect().height ?? 0) + 16));
      });
      await saveScreenshot(coordinator, 'national-report-online');

      const { version, response } = await storedItems(cycleId);
      assert.equal(version, 1);
      assert.deepEqual(proseTexts(response, 'method'), [method]);
      assert.deepEqual(proseTexts(response, '1a'), [progress]);
      assert.ok(response.answers.method?.kind === 'prose' && response.answers.method.paragraphs.every((p) => typeof p.id === 'string' && p.id.length > 0), 'each paragraph has its id');
      const figures = response.answers.figures;
      assert.ok(figures?.kind === 'table', 'the table of figures is a table answer');
      assert.equal(figures.cells['public-budget']?.y2024, 1250000, 'the figure is stored as a number');
      assert.deepEqual(response.answers.consent, { kind: 'choice', selected: ['yes'], specified: {} });
      assert.deepEqual(response.state, { iso3: 'XAA', name: 'Republic of Arvenia' });
    });

    it('shows what was saved after a reload', async () => {
      await coordinator.reload();
      await coordinator.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
      await coordinator.getByRole('heading', { level: 2, name: nationalTitle }).waitFor();
      assert.equal(await coordinator.getByRole('textbox', { name: 'Paragraph 1 of A' }).inputValue(), method);
      assert.equal(await coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1a' }).inputValue(), progress);
      assert.equal(await coordinator.getByRole('textbox', { name: 'Public budget for migration governance (US$), 2024' }).inputValue(), '1250000');
      assert.equal(await coordinator.getByRole('region', { name: 'Consent to publish' }).getByRole('radio', { name: 'Yes' }).isChecked(), true);
      assert.match(await coordinator.locator('.page-heading__meta').innerText(), /Version 1/);
      assert.equal(await coordinator.getByText('This browser kept changes').count(), 0, 'nothing unsaved is offered');
      assert.deepEqual(await seriousA11yViolations(coordinator), []);
    });

    it('submits, and then offers no editor', async () => {
      await open(coordinator, cycleId, nationalTitle);
      await coordinator.getByRole('note').filter({ hasText: /Before submitting|The checks find nothing/ }).waitFor();
      await coordinator.getByRole('button', { name: 'Submit to the secretariat' }).click();
      await coordinator.locator('.page-heading__meta .badge').getByText('Submitted').waitFor();
      await coordinator.getByRole('heading', { level: 2, name: nationalTitle }).waitFor();
      assert.equal(await coordinator.getByRole('region', { name: 'Saving your answers' }).count(), 0);
      assert.equal(await coordinator.getByRole('button', { name: /Add a paragraph/ }).count(), 0);
      const stored = await storedItems(cycleId);
      assert.equal(stored.status, 'submitted');
      assert.deepEqual(proseTexts(stored.response, 'method'), [method], 'the answers submitted are those saved');
      assert.deepEqual(await seriousA11yViolations(coordinator), []);
    });
  });

  describe('the stakeholder questionnaire', () => {
    it('saves a prose answer and shows it after a reload', async () => {
      const cycleId = await openCycle('stakeholder-round-tables', 'Stakeholder round tables 2030 (browser)');
      const title = /^Stakeholder questionnaire on the implementation of the Global Compact/;
      await open(coordinator, cycleId, title);
      const answer = 'Our association now runs a weekly legal clinic for seasonal workers in the capital.';
      await coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1' }).fill(answer);
      await status(coordinator).getByText(/^Saved at \d\d:\d\d as version 1$/).waitFor();
      const { response } = await storedItems(cycleId);
      assert.deepEqual(proseTexts(response, 'round-table-1'), [answer]);

      await coordinator.reload();
      await coordinator.getByRole('heading', { level: 2, name: title }).waitFor();
      assert.equal(await coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1' }).inputValue(), answer);
      assert.deepEqual(await seriousA11yViolations(coordinator), []);
    });
  });
});
