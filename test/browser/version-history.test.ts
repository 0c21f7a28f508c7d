// A submission's history: Arvenia's coordinator saves 1a twice, compares the two versions (the
// changed words struck and underlined, said in words too), restores the first, and the editor
// shows its text as a new version.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const run = browserSuite();

describe('comparing and restoring versions', { skip: run.skip }, () => {
  let page: Page;
  let cycleId: string;
  before(async () => {
    await run.start();
    cycleId = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
    page = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  const status = () => page.getByRole('region', { name: 'Saving your answers' }).getByRole('status');
  const paragraph = () => page.getByRole('textbox', { name: 'Paragraph 1 of 1a' });

  async function saveText(text: string, version: number) {
    await paragraph().fill(text);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await status().getByText(new RegExp(`as version ${version}$`)).waitFor();
  }

  it('saves twice, sees the changed words marked, restores the first as a new version', async () => {
    const start = (await run.app.services.submissions.get(systemActor, cycleId, 'XAA')).version;
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    await saveText('Arvenia plans a coastal dam for the delta.', start + 1);
    await saveText('Arvenia built a coastal dam for the delta.', start + 2);

    const compare = page.getByRole('region', { name: 'Compare versions' });
    assert.equal(await compare.getByLabel('From version').inputValue(), String(start + 1));
    assert.equal(await compare.getByLabel('To version').inputValue(), String(start + 2));
    await compare.getByRole('button', { name: 'Show the differences' }).click();
    const question = compare.getByRole('region', { name: 'Question 1a' });
    await question.waitFor();
    assert.equal(await question.locator('del').textContent(), '[removed: plans]');
    assert.equal(await question.locator('ins').textContent(), '[added: built]');
    // The words said as well as struck and underlined (the markers are for screen readers).
    assert.match((await question.getByRole('listitem').textContent()) ?? '', /^Paragraph 1 changed: Arvenia \[removed: plans\]\[added: built\] a coastal dam for the delta\.$/);
    assert.equal(await question.locator('del').evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
    assert.equal(await question.locator('ins').evaluate((el) => getComputedStyle(el).textDecorationLine), 'underline');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await compare.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'version-compare');

    await compare.getByRole('button', { name: `Restore version ${start + 1}` }).click();
    const confirm = compare.getByRole('alertdialog');
    assert.match(await confirm.innerText(), new RegExp(`saved as a new version \\(${start + 3}\\)`));
    await confirm.getByRole('button', { name: `Yes, restore version ${start + 1}` }).click();
    await page.locator('.page-heading__meta').getByText(`Version ${start + 3}`, { exact: true }).waitFor();
    await page.getByRole('table', { name: new RegExp(`${start + 3} saved versions`) }).getByRole('cell', { name: 'Restored from an earlier version' }).waitFor();
    assert.equal(await paragraph().inputValue(), 'Arvenia plans a coastal dam for the delta.');
    assert.match(await status().innerText(), /No changes since the version loaded/);
    const stored = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
    assert.equal(stored.version, start + 3);
    assert.equal(fixedSlots(stored.response).answers.find((a) => a.question === '1a')!.paragraphs[0]!.text, 'Arvenia plans a coastal dam for the delta.');
  });
});
