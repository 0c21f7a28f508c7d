// The Reminders panel of a cycle page, in the browser: the secretariat administrator adds a
// scheduled reminder a week before the deadline and sees it listed with the day it goes out, is
// told why a placeholder the reminders do not have is refused, changes and removes a rule; the
// analyst sees the rules and is offered nothing to change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { addDays } from '../../src/services/reminders.ts';
import { systemActor } from '../../src/services/index.ts';
import { printedDate } from '../../src/domain/placeholders.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the Reminders panel of a cycle', { skip: run.skip }, () => {
  let cycleId: string;
  let deadline: string;
  before(async () => {
    await run.start();
    const cycle = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
    cycleId = cycle.id;
    deadline = cycle.deadline;
  });
  after(() => run.stop());

  const panel = (page: Page) => page.getByRole('region', { name: 'Reminders' });
  async function openCycle(page: Page) {
    await page.goto(`/cycles/${cycleId}`);
    await panel(page).getByRole('heading', { level: 2, name: 'Reminders' }).waitFor();
  }

  it('lets the administrator add a reminder and see it listed', async () => {
    const page = await run.signedInPage('secretariat-admin');
    await openCycle(page);
    await panel(page).getByText('No scheduled reminders yet.').waitFor();
    const form = panel(page).getByRole('form', { name: 'Add a reminder' });
    await form.getByLabel('Days').fill('7');
    await form.getByLabel('From the deadline').selectOption({ label: 'before the deadline' });
    await form.getByRole('button', { name: 'Add the reminder' }).click();
    const sendOn = printedDate(addDays(deadline, -7));
    await page.getByRole('status').filter({ hasText: `Reminder added: 7 days before the deadline, on ${sendOn}.` }).waitFor();
    const row = panel(page).getByRole('row', { name: /7 days before the deadline/ });
    assert.match(await row.innerText(), new RegExp(`7 days before the deadline\\s+${sendOn}\\s+The built-in reminder\\s+0`));

    // A placeholder the reminders do not have is refused, naming it, beside the field.
    await form.getByLabel('Days').fill('3');
    await form.getByLabel('From the deadline').selectOption({ label: 'after the deadline' });
    await form.getByLabel('Subject (optional)').fill('Late: {stateName} and {nickname}');
    await form.getByRole('button', { name: 'Add the reminder' }).click();
    await panel(page).getByRole('alert').waitFor();
    assert.match(await form.locator('#reminder-subject-error').innerText(), /"\{nickname\}" is not a placeholder of reminders/);
    await form.getByLabel('Subject (optional)').fill('Late: {stateName}');
    await form.getByRole('button', { name: 'Add the reminder' }).click();
    await page.getByRole('status').filter({ hasText: 'Reminder added: 3 days after the deadline' }).waitFor();
    assert.match(await panel(page).getByRole('row', { name: /3 days after the deadline/ }).innerText(), /Late: \{stateName\}/);

    assert.deepEqual(await seriousA11yViolations(page), []);
    await panel(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'reminders');

    // Changing a rule: its words back to the built-in ones; then removing it.
    await panel(page).getByRole('button', { name: 'Change the reminder 3 days after the deadline' }).click();
    const edit = panel(page).getByRole('form', { name: 'Change the reminder' });
    assert.equal(await edit.getByLabel('Subject (optional)').inputValue(), 'Late: {stateName}');
    await edit.getByLabel('Subject (optional)').fill('');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Reminder changed: 3 days after the deadline' }).waitFor();
    // The list reloads after the change: its row is read once it shows the new words.
    await panel(page).getByRole('row', { name: /3 days after the deadline/ }).filter({ hasText: 'The built-in reminder' }).waitFor();
    assert.match(await panel(page).getByRole('row', { name: /3 days after the deadline/ }).innerText(), /The built-in reminder/);
    await panel(page).getByRole('button', { name: 'Remove the reminder 3 days after the deadline' }).click();
    await page.getByRole('status').filter({ hasText: 'Reminder removed: 3 days after the deadline.' }).waitFor();
    assert.equal(await panel(page).getByRole('row', { name: /3 days after the deadline/ }).count(), 0);
    await page.context().close();
  });

  it('shows the analyst the reminders, and nothing to change', async () => {
    const page = await run.signedInPage('secretariat-analyst');
    await openCycle(page);
    await panel(page).getByRole('row', { name: /7 days before the deadline/ }).waitFor();
    assert.equal(await panel(page).getByRole('button').count(), 0);
    assert.equal(await panel(page).getByRole('form').count(), 0);
    await page.context().close();
  });
});
