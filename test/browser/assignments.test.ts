// Assignments and the queries thread in the browser: Arvenia's coordinator assigns question 1a to
// a contributor with a due date; the contributor, signing in, finds it first on the list of cycles
// under "My assignments", opens it, moves its status and asks the secretariat a question; the
// secretariat's administrator reads the question on the submission's page and answers it, and the
// messages went to the outbox for the other side.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('assignments and queries on a submission', { skip: run.skip }, () => {
  let cycleId: string;
  const cy = { email: 'cy.contributor@example.test', name: 'Cy Contributor', password: 'a long enough password' };
  const question = 'Should question 1a cover 2019 only, or 2019 and 2020?';
  before(async () => {
    await run.start();
    cycleId = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
    await run.app.services.users.create(systemActor, { ...cy, role: 'state-contributor', stateIso3: 'XAA' });
  });
  after(() => run.stop());

  const assignments = (page: Page) => page.getByRole('region', { name: 'Assignments' });
  const queries = (page: Page) => page.getByRole('region', { name: 'Queries' });

  it('lets the coordinator assign 1a to a contributor with a due date', async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    const form = assignments(page).getByRole('form', { name: 'Assign questions' });
    await form.getByLabel('Question or section').selectOption({ label: '1a' });
    await form.getByRole('checkbox', { name: /Cy Contributor/ }).check();
    await form.getByLabel('Due date').fill('2030-05-01');
    await form.getByRole('button', { name: 'Assign' }).click();
    await assignments(page).getByRole('status').filter({ hasText: '1a assigned to Cy Contributor.' }).waitFor();
    const row = assignments(page).getByRole('row', { name: /^1a/ });
    assert.match(await row.innerText(), /of about 500 words[\s\S]*Cy Contributor\s+Not started\s+due 1 May 2030/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await assignments(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'assignments');
    await page.context().close();
  });

  it('shows the contributor their assignment first; they move its status and ask the secretariat', async () => {
    const page = await (await run.context()).newPage();
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(cy.email);
    await page.getByLabel('Password').fill(cy.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const mine = page.getByRole('region', { name: 'My assignments' });
    await mine.waitFor();
    assert.match(await mine.innerText(), /Question 1a of Republic of Arvenia[\s\S]*Not started[\s\S]*due 1 May 2030/);
    // Before the list of cycles.
    const [mineTop, tableTop] = await Promise.all([mine.boundingBox(), page.getByRole('table').first().boundingBox()]);
    assert.ok(mineTop && tableTop && mineTop.y < tableTop.y, 'My assignments comes before the cycles');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await mine.getByRole('link', { name: 'Question 1a of Republic of Arvenia' }).click();

    await assignments(page).getByRole('heading', { name: 'Your questions' }).waitFor();
    await assignments(page).getByLabel('Status of 1a').selectOption({ label: 'Drafting' });
    await assignments(page).getByRole('button', { name: 'Update the status of 1a' }).click();
    await assignments(page).getByRole('status').filter({ hasText: '1a: Drafting.' }).waitFor();

    await queries(page).getByText('No messages yet.').waitFor();
    await queries(page).getByLabel('Your message').fill(question);
    await queries(page).getByRole('button', { name: 'Send' }).click();
    await queries(page).getByRole('status').filter({ hasText: 'Your message is in the thread.' }).waitFor();
    const thread = queries(page).getByRole('list', { name: 'Messages about the submission of Republic of Arvenia' });
    assert.match(await thread.innerText(), new RegExp(`Cy Contributor \\(Republic of Arvenia\\)[\\s\\S]*${question.replace(/[?,]/g, '.')}`));
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });

  it("lets the secretariat read the question and answer it; each message goes to the other side's mail", async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    const thread = queries(page).getByRole('list', { name: 'Messages about the submission of Republic of Arvenia' });
    await thread.getByText(question).waitFor();
    await queries(page).getByLabel('Your message').fill('2019 and 2020, please.');
    await queries(page).getByRole('button', { name: 'Send' }).click();
    await thread.getByText('2019 and 2020, please.').waitFor();
    assert.equal(await thread.getByRole('listitem').count(), 2);
    assert.match(await thread.getByRole('listitem').nth(1).innerText(), /\(the secretariat\)/);
    await queries(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'queries');

    const { messages } = await run.app.services.mail.list(systemActor, { limit: 50 });
    const mailed = messages.filter((m) => m.kind === 'query').map((m) => [m.subject, m.to.includes(cy.email)]);
    assert.deepEqual(mailed, [
      ['Query: the submission of Republic of Arvenia to Asia-Pacific Regional Review 2020 (demonstration)', true],
      ['Query: the submission of Republic of Arvenia to Asia-Pacific Regional Review 2020 (demonstration)', false],
    ]);
    await page.context().close();
  });
});
