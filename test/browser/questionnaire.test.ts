// The questionnaire as a State sees it: every part of the built-in form, read-only, with the
// objectives named by number and title, for a template and for a cycle (with its own deadline).
// The page renders the item model (components/items): each item carries data-kind and data-item.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { objectiveByNumber } from '../../src/domain/reference.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the questionnaire in the browser', { skip: run.skip }, () => {
  let page: Page;
  before(async () => {
    await run.start();
    page = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  it('shows every part of the built-in form, read-only', async () => {
    await page.goto('/templates/apac-2020');
    await page.getByRole('heading', { level: 1, name: 'Voluntary GCM Review' }).waitFor();
    const form = page.getByRole('article');

    const clusters = form.locator('[data-kind="section"][data-item^="cluster-"]');
    assert.equal(await clusters.count(), 4, 'four clusters');
    assert.equal(await clusters.locator('[data-kind="prose"]').count(), 16, 'sixteen sub-questions, 1a to 4d');
    assert.deepEqual(await clusters.locator('> h2').allInnerTexts(), [
      '1. Ensuring that migration is voluntary, orderly and regular',
      '2. Protecting migrants through rights-based border governance measures',
      '3. Supporting the integration of migrants and their contribution to development',
      '4. Improving value-driven and evidence-based policymaking and public debate, and enhancing cooperation on migration',
    ]);
    // Objectives by number and title: cluster 1 lists objectives 2, 5, 6, 12 and 18.
    const objectives = await form.locator('[data-item="cluster-1"] .q-objectives li').allInnerTexts();
    assert.deepEqual(
      objectives.map((o) => o.replace(/\s+/g, ' ').trim()),
      [2, 5, 6, 12, 18].map((n) => `Objective ${n} ${objectiveByNumber(n)!.title}`),
    );
    assert.match(await form.locator('[data-item="1a"]').innerText(), /About 500 words/);

    const principles = form.getByRole('table', { name: /Guiding principles/ });
    assert.equal(await principles.locator('tbody tr').count(), 10, 'ten guiding principles');
    assert.equal(await principles.getByRole('radio', { name: /^Yes/ }).count(), 10);
    for (const key of ['6', '7', '8', '9', '10']) {
      assert.equal(await form.locator(`[data-item="${key}"]`).isVisible(), true, `question ${key} is shown`);
    }
    assert.match(await form.locator('[data-item="7"]').innerText(), /^7\./);

    // The contact block and consent are there, empty and disabled: this is a view, not a form to fill.
    assert.equal(await page.getByLabel('Mailing address', { exact: true }).isDisabled(), true);
    assert.equal(await page.getByLabel('Country', { exact: true }).inputValue(), '');
    assert.equal(await form.getByRole('group', { name: /willing to share your report/ }).getByRole('radio').count(), 2);
    assert.equal(await form.locator('textarea:enabled, input:enabled').count(), 0, 'no field can be filled in');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('shows a cycle’s questionnaire with the cycle’s deadline and return addresses, and prints without the app around it', async () => {
    await page.getByRole('link', { name: 'Review cycles' }).first().click();
    await page.getByRole('link', { name: demoCycleTitles.regional }).click();
    await page.getByRole('link', { name: 'View the questionnaire as States see it' }).click();
    await page.locator('.q-return').waitFor();
    const returnBlock = await page.locator('.q-return').innerText();
    // The template's words, in the cycle's terms (its placeholders), as the downloaded form prints them.
    assert.match(returnBlock, /to the ESCAP secretariat by 31 August 2030, preferably by email \(secretariat@demo\.gcm-review\.org\) with a copy to .*\(network@demo\.gcm-review\.org\)/);

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('banner').isVisible(), false, 'the site header is not printed');
    assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
    assert.equal(await page.locator('[data-item="cluster-1"]').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });

    await page.locator('[data-item="cluster-1"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -24));
    await saveScreenshot(page, 'questionnaire');
  });
});
