// A State answers online: Arvenia's coordinator opens the demo draft, writes in 1a, adds a
// paragraph, answers two principles with explanations and chooses the consent; the page saves
// after a pause, and a reload shows it saved. The same account in a second browser, which started
// from the version before, is told who saved first and keeps its text (and after a reload is
// offered it back); asked, it saves its text over the other. Following a link away saves at once. The coordinator submits, seeing first what the checks point out; the analyst,
// who may not save, sees the answers and no editor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations, signIn } from './support.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const run = browserSuite();

describe('a State answers online', { skip: run.skip }, () => {
  let coordinator: Page;
  let second: Page;
  let url: string;
  let cycleId: string;
  before(async () => {
    await run.start();
    const cycles = await run.app.services.cycles.list(systemActor);
    cycleId = cycles.find((c) => c.title === demoCycleTitles.regional)!.id;
    url = `/cycles/${cycleId}/states/XAA`;
    coordinator = await run.signedInPage('state-coordinator', 'XAA');
    second = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  async function open(page: Page) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Ensuring that migration is voluntary/ }).waitFor();
  }
  const status = (page: Page) => page.getByRole('region', { name: 'Saving your answers' }).getByRole('status');
  const principle = (page: Page, name: RegExp) => page.getByRole('row', { name });
  const consent = (page: Page) => page.getByRole('region', { name: 'Consent to publish' }).getByRole('radio');

  it('writes in 1a, adds a paragraph, answers two principles and the consent, and saves after a pause', async () => {
    const v1 = fixedSlots((await run.app.services.submissions.get(systemActor, cycleId, 'XAA')).response).answers.find((a) => a.question === '1a')!;
    await open(coordinator);
    await open(second); // from the same version, before anything is saved
    assert.match(await status(coordinator).innerText(), /No changes since the version loaded/);

    const first = coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1a' });
    const before1 = await first.inputValue();
    await first.fill(`${before1} Arvenia added a sentence online.`);
    await coordinator.getByRole('button', { name: 'Add a paragraph to 1a' }).click();
    const added = coordinator.getByRole('textbox', { name: 'Paragraph 4 of 1a' });
    await added.waitFor();
    assert.equal(await added.evaluate((el) => el === document.activeElement), true, 'the new paragraph takes the focus');
    await added.pressSequentially('A fourth paragraph, written in the browser.');
    // Footnote markers are not in the box: the page says they stay where they were.
    await coordinator.getByText('Footnote 1 stays where it is in the text.').waitFor();

    for (const [name, explanation] of [
      [/People-centred/, 'Reviewed online: consultations are still to come.'],
      [/Rule of law/, 'Reviewed online: the fee ban is not yet enforced.'],
    ] as const) {
      await principle(coordinator, name).getByRole('radio', { name: 'No', exact: true }).check();
      await principle(coordinator, name).getByRole('textbox').fill(explanation);
    }
    await consent(coordinator).nth(1).check();
    assert.match(await status(coordinator).innerText(), /not yet saved|Saving/);
    await status(coordinator).getByText(/^Saved at \d\d:\d\d as version 2$/).waitFor();
    // The heading and the history follow the save, without a reload.
    await coordinator.locator('.page-heading__meta').getByText('Version 2', { exact: true }).waitFor();
    await coordinator.getByRole('table', { name: /2 saved versions/ }).waitFor();
    assert.deepEqual(await seriousA11yViolations(coordinator), []);
    await first.scrollIntoViewIfNeeded();
    await saveScreenshot(coordinator, 'answer-online');

    const stored = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
    assert.equal(stored.version, 2);
    const a1 = fixedSlots(stored.response).answers.find((a) => a.question === '1a')!;
    assert.equal(a1.paragraphs.length, 4);
    assert.equal(a1.paragraphs[0]!.text, `${before1} Arvenia added a sentence online.`);
    assert.deepEqual(a1.paragraphs[0]!.footnotes, [1], 'the footnote marker is kept');
    assert.equal(a1.paragraphs[3]!.number, 4);
    assert.deepEqual(a1.paragraphs.slice(0, 3).map((p) => p.id), v1.paragraphs.map((p) => p.id), 'the paragraphs keep their ids');
    assert.match(a1.paragraphs[3]!.id ?? '', /^[\w-]{10}$/, 'the new paragraph has its own id');
    assert.equal(fixedSlots(stored.response).consent, 'no');
    assert.equal(fixedSlots(stored.response).principles.find((p) => p.principle === 'rule-of-law')!.integrated, 'no');
  });

  it('shows what was saved after a reload', async () => {
    await coordinator.reload();
    await coordinator.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    assert.match(await coordinator.getByRole('textbox', { name: 'Paragraph 1 of 1a' }).inputValue(), /Arvenia added a sentence online\.$/);
    assert.equal(await coordinator.getByRole('textbox', { name: 'Paragraph 4 of 1a' }).inputValue(), 'A fourth paragraph, written in the browser.');
    assert.equal(await principle(coordinator, /People-centred/).getByRole('radio', { name: 'No', exact: true }).isChecked(), true);
    assert.equal(await principle(coordinator, /Rule of law/).getByRole('textbox').inputValue(), 'Reviewed online: the fee ban is not yet enforced.');
    assert.equal(await consent(coordinator).nth(1).isChecked(), true);
    assert.match(await coordinator.locator('.page-heading__meta').innerText(), /Version 2/);
    assert.equal(await coordinator.getByText('This browser kept changes').count(), 0, 'nothing unsaved is offered');

    // The form's language is chosen as on the questionnaire page; the answers stay as written.
    await coordinator.getByLabel('Language of the form').selectOption('fr');
    const fr = coordinator.getByRole('textbox', { name: 'Paragraphe 4 de 1a' });
    await fr.waitFor();
    assert.equal(await fr.inputValue(), 'A fourth paragraph, written in the browser.');
    assert.equal(await coordinator.locator('.q-form').getAttribute('lang'), 'fr');
    await coordinator.getByLabel('Language of the form').selectOption('en');
    await coordinator.getByRole('textbox', { name: 'Paragraph 4 of 1a' }).waitFor();
  });

  it('tells a second browser, which started from version 1, who saved first, and keeps its text', async () => {
    const box = second.getByRole('textbox', { name: 'Paragraph 2 of 1a' });
    const mine = `${await box.inputValue()} Written in the second browser.`;
    await box.fill(mine);
    const conflict = second.getByRole('alert').filter({ hasText: 'Someone else saved this submission' });
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /Version 2 was saved by Demo Coordinator, Republic of Arvenia at .+ after you started from version 1/);
    assert.match(await status(second).innerText(), /^Not saved: someone else saved first/);
    assert.equal(await box.inputValue(), mine, 'the text written stays');
    assert.equal((await run.app.services.submissions.get(systemActor, cycleId, 'XAA')).version, 2, 'nothing was saved over');

    // A reload offers the unsaved text back; taken back, it meets the same conflict, never a silent overwrite.
    second.once('dialog', (d) => void d.accept());
    await second.reload();
    await second.getByText(/This browser kept changes you had not saved .* written from version 1/).waitFor();
    await second.getByRole('button', { name: 'Take my unsaved changes back' }).click();
    assert.equal(await second.getByRole('textbox', { name: 'Paragraph 2 of 1a' }).inputValue(), mine);
    await conflict.waitFor();
    await second.getByRole('button', { name: 'Load their version (forget my changes)' }).click();
    await second.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    assert.match(await second.getByRole('textbox', { name: 'Paragraph 1 of 1a' }).inputValue(), /Arvenia added a sentence online\.$/);
    assert.equal(await second.getByText('This browser kept changes').count(), 0);
  });

  it('saves over the other version only when asked, after a second conflict', async () => {
    const theirs = coordinator.getByRole('textbox', { name: 'Paragraph 4 of 1b' });
    await theirs.fill(`${await theirs.inputValue()} The coordinator's change.`);
    await status(coordinator).getByText(/^Saved at \d\d:\d\d as version 3$/).waitFor();

    const box = second.getByRole('textbox', { name: 'Paragraph 2 of 1a' });
    const mine = `${await box.inputValue()} Kept over theirs.`;
    await box.fill(mine);
    const conflict = second.getByRole('alert').filter({ hasText: 'Someone else saved this submission' });
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /Version 3 was saved by .+ after you started from version 2/);
    assert.equal(await conflict.getByRole('link', { name: /Read their version/ }).getAttribute('target'), '_blank');
    await second.getByRole('button', { name: 'Keep mine and save it over theirs' }).click();
    await status(second).getByText(/^Saved at \d\d:\d\d as version 4$/).waitFor();
    assert.equal(await conflict.count(), 0);
    const stored = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
    assert.equal(stored.version, 4);
    assert.equal(fixedSlots(stored.response).answers.find((a) => a.question === '1a')!.paragraphs[1]!.text, mine);
  });

  it('saves at once what waits for its pause when the user follows a link away', async () => {
    await open(coordinator);
    const box = coordinator.getByRole('textbox', { name: 'Paragraph 4 of 1b' });
    const text = `${await box.inputValue()} Written just before leaving.`;
    await box.fill(text);
    await coordinator.getByRole('link', { name: demoCycleTitles.regional }).first().click();
    await coordinator.getByRole('heading', { level: 1, name: demoCycleTitles.regional }).waitFor();
    for (let i = 0; i < 50; i++) {
      const stored = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
      if (stored.version === 5) {
        assert.equal(fixedSlots(stored.response).answers.find((a) => a.question === '1b')!.paragraphs[0]!.text, text);
        break;
      }
      assert.ok(i < 49, 'the edit was saved on leaving');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('submits after seeing what the checks point out, and then offers no editor', async () => {
    await open(coordinator);
    const note = coordinator.getByRole('note');
    assert.match(await note.innerText(), /Before submitting: the checks point out \d+ things? to look at|The checks find nothing/);
    await coordinator.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await coordinator.locator('.page-heading__meta .badge').getByText('Submitted').waitFor();
    await coordinator.getByRole('heading', { level: 2, name: /Ensuring that migration is voluntary/ }).waitFor();
    assert.equal(await coordinator.getByRole('button', { name: 'Add a paragraph to 1a' }).count(), 0);
    assert.equal(await coordinator.getByRole('region', { name: 'Saving your answers' }).count(), 0);
  });

  it('shows the analyst, who may not save, the answers and no editor', async () => {
    const analyst = await (await run.context()).newPage();
    await signIn(analyst, 'secretariat-analyst');
    await open(analyst);
    await analyst.locator('[data-question="1a"] [data-paragraph="4"]').getByText('A fourth paragraph, written in the browser.').waitFor();
    assert.equal(await analyst.getByRole('button', { name: /Add a paragraph/ }).count(), 0);
    assert.equal(await analyst.getByRole('region', { name: 'Saving your answers' }).count(), 0);
    assert.equal(await principle(analyst, /People-centred/).getByRole('radio', { name: 'No', exact: true }).isDisabled(), true);
    assert.deepEqual(await seriousA11yViolations(analyst), []);
  });
});
