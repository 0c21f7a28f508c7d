// Importing a filled questionnaire in the browser: upload a fictional .txt, see the source beside
// the structured result, follow a warning to its place, move a misplaced paragraph to the right
// question, correct the contact block and accept the result into the State's draft.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { demoAccount } from '../../src/demo/accounts.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { importDocument } from '../../src/ingest/index.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const run = browserSuite();
// A fictional State's answers, written for these tests, in the layout of the built-in form.
const fixture = fileURLToPath(new URL('./fixtures/belmora-2020.txt', import.meta.url));

describe('importing a filled questionnaire in the browser', { skip: run.skip }, () => {
  let page: Page;
  let cycleId: string;
  before(async () => {
    await run.start();
    const cycles = await run.app.services.cycles.list(systemActor);
    cycleId = cycles.find((c) => c.title === demoCycleTitles.regional)!.id;
    page = await run.signedInPage('secretariat-admin');
  });
  after(() => run.stop());

  it('reads the file and shows the source lines beside the answers by question', async () => {
    // Coming from the cycle page, the cycle and template are chosen already.
    await page.goto(`/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'Import a form for Kingdom of Belmora' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a filled questionnaire' }).waitFor();
    assert.equal(await page.getByLabel('Review cycle').inputValue(), cycleId);
    assert.equal(await page.getByLabel('State').inputValue(), 'XAB');

    await page.getByLabel('Filled questionnaire (required)').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Read the document' }).click();
    const review = page.getByRole('region', { name: /Result of reading belmora-2020\.txt/ });
    await review.waitFor();

    const lines = readFileSync(fixture, 'utf8').split('\n');
    const source = page.getByRole('region', { name: 'Lines of belmora-2020.txt' });
    assert.equal(await source.locator('li').count(), lines.length, 'every line of the file is shown, numbered');
    const unplaced = source.locator('li.source-line--unplaced');
    assert.ok((await unplaced.count()) >= 1, 'lines that belong to no question are highlighted');
    assert.match(await unplaced.first().innerText(), /not placed in any question/);

    const answer1a = page.locator('[data-question="1a"]');
    assert.deepEqual(await answer1a.locator('.para__number').allInnerTexts(), ['¶ 1', '¶ 2']);
    assert.match(await answer1a.locator('.chip').first().innerText(), /1/);
    assert.equal(await page.getByLabel('Country').inputValue(), 'Kingdom of Belmora');
    assert.equal(await page.getByRole('radio', { name: 'Yes' }).isChecked(), true, 'the ticked consent box is read');
    const figures = await page.locator('.figures').innerText();
    assert.match(figures, /Characters in the document\s+\d[\d,]*/);
  });

  it('takes a person from a warning to the place it is about', async () => {
    // The fixture marks "Gender-responsive" no without the explanation the form asks for.
    const warning = page.getByRole('button', { name: /Gender-responsive/ });
    const where = await warning.locator('.warning__where').innerText();
    const line = Number(/line (\d+)/.exec(where)?.[1]);
    await warning.click();
    await page.waitForFunction(() => document.activeElement?.id === 'import-principle-gender-responsive');
    assert.match(await page.locator('#import-principle-gender-responsive').innerText(), /Gender-responsive/);
    // The source pane scrolls to the line of the row, and both flash.
    assert.match(await page.locator(`#source-line-${line}`).innerText(), /Gender-responsive/);
    assert.match((await page.locator(`#source-line-${line}`).getAttribute('class')) ?? '', /flash/);
  });

  it('moves a misplaced paragraph, lets the contact block be corrected, and accepts the result into the draft', async () => {
    // Paragraph 2 reports a policy action: it belongs to question 1b, not 1a.
    await page.getByLabel('Move paragraph 2 to another question').selectOption('1b');
    await page.getByRole('status').filter({ hasText: 'Paragraph 2 moved from question 1a to question 1b.' }).waitFor();
    assert.deepEqual(await page.locator('[data-question="1a"] .para__number').allInnerTexts(), ['¶ 1']);
    assert.deepEqual(await page.locator('[data-question="1b"] .para__number').allInnerTexts(), ['¶ 2', '¶ 3']);
    await page.getByLabel('Telephone').fill('+999 20 555 0148');

    // The picture: the figures and warnings, then the source (at its first unplaced line) beside the result.
    await page.locator('li.source-line--unplaced').first().evaluate((li: HTMLElement) => {
      const pane = li.closest<HTMLElement>('[data-scroll-pane]')!;
      pane.scrollTop = li.offsetTop - pane.offsetTop - 120;
    });
    await page.locator('#import-review').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -16);
    });
    await saveScreenshot(page, 'import');
    assert.deepEqual(await seriousA11yViolations(page), []);

    // The corrected reading can be taken away as a Word document before it is accepted.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Word document' }).click()]);
    assert.equal(download.suggestedFilename(), 'belmora-2020-checked.docx');
    const docx = readFileSync((await download.path())!);
    const reread = await importDocument(docx, 'belmora-2020-checked.docx', builtinTemplate('apac-2020')!);
    const moved = reread.answers.find((a) => a.question === '1b')?.paragraphs.map((p) => p.number);
    assert.deepEqual(moved, [2, 3], 'the Word document holds the corrections made on the page');

    const before = await run.app.services.submissions.get(systemActor, cycleId, 'XAB');
    await page.getByLabel('Note for the version history').fill('Imported from the Word version sent by e-mail');
    await page.getByRole('button', { name: 'Accept into draft' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved as draft version' });
    await saved.waitFor();
    assert.match(await saved.innerText(), new RegExp(`Saved as draft version ${before.version + 1} for Kingdom of Belmora`));

    const after = await run.app.services.submissions.get(systemActor, cycleId, 'XAB');
    assert.equal(after.version, before.version + 1);
    const numbers = (q: string) => fixedSlots(after.response).answers.find((a) => a.question === q)?.paragraphs.map((p) => p.number);
    assert.deepEqual(numbers('1a'), [1]);
    assert.deepEqual(numbers('1b'), [2, 3]);
    assert.equal(fixedSlots(after.response).contact.telephone, '+999 20 555 0148');
    assert.equal(fixedSlots(after.response).consent, 'yes');
    assert.deepEqual(fixedSlots(after.response).state, { iso3: 'XAB', name: 'Kingdom of Belmora' });
    assert.equal(Object.hasOwn(after.response, 'import'), false, 'the import report is not saved with the answers');
    const [latest] = await run.app.services.submissions.versions(systemActor, cycleId, 'XAB');
    // Stored as an import of the file, by the person who accepted it.
    assert.deepEqual([latest?.source, latest?.note, latest?.savedBy], ['import', 'belmora-2020.txt: Imported from the Word version sent by e-mail', demoAccount('secretariat-admin').name]);
  });

  it('says what is wrong with a file that cannot be read', async () => {
    await page.getByLabel('Filled questionnaire (required)').setInputFiles({ name: 'notes.odt', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
    const error = page.locator('#import-file-error');
    await error.waitFor();
    assert.match(await error.innerText(), /not a \.txt, \.docx or \.pdf file/);
    await page.getByLabel('Filled questionnaire (required)').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await page.getByRole('button', { name: 'Read the document' }).click();
    await page.locator('#import-file-error').getByText(/empty/i).waitFor();
  });
});
