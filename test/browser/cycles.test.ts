// Review cycles in the browser: the secretariat opens a cycle through the form and finds it in
// the list and on its own page; invalid input is shown next to the fields; a coordinator cannot
// open cycles; a half-filled form survives a reload; the pages pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();
const title = 'Pacific sub-regional review 2031 (browser test)';

describe('review cycles in the browser', { skip: run.skip }, () => {
  let page: Page;
  before(async () => {
    await run.start();
    page = await run.signedInPage('secretariat-admin');
  });
  after(() => run.stop());

  it('shows who is signed in and the demo cycles with their progress', async () => {
    await assert.doesNotReject(page.getByRole('banner').getByText('Demo Secretariat Administrator').waitFor());
    const rows = page.getByRole('table').getByRole('row');
    assert.ok((await rows.count()) >= 3, 'a header row and the two demo cycles');
    const regional = page.getByRole('row', { name: /Asia-Pacific Regional Review 2020/ });
    assert.match(await regional.innerText(), /0 of \d+ answered/);
    assert.match(await regional.innerText(), /3 drafts/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('offers a visible skip link as the first stop of the keyboard', async () => {
    await page.reload();
    await page.getByRole('table').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });

  it('shows field errors from the server next to the fields of an invalid form', async () => {
    await page.getByRole('link', { name: 'New review cycle' }).click();
    await page.getByRole('heading', { level: 1, name: 'New review cycle' }).waitFor();
    await page.getByLabel('Return addresses').fill('secretariat@example.org\nnot-an-address');
    await page.getByRole('button', { name: 'Create review cycle' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /The review cycle cannot be created/);
    const titleInput = page.getByLabel('Title (required)');
    assert.equal(await titleInput.getAttribute('aria-invalid'), 'true');
    const describedBy = (await titleInput.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    assert.ok(errorId, 'the title field is described by its error message');
    assert.match(await page.locator(`#${errorId}`).innerText(), /must not be empty/i);
    assert.match(await page.locator('#returnAddresses-error').innerText(), /Line 2: "not-an-address" is not an e-mail address/);
    assert.match(await page.locator('#invitedStates-error').innerText(), /at least one State/);
    // The summary links take the keyboard to the field.
    await summary.getByRole('link', { name: /^Deadline:/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'deadline');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('keeps a half-filled form through a reload', async () => {
    await page.getByLabel('Title (required)').fill(title);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'New review cycle' }).waitFor();
    assert.equal(await page.getByLabel('Title (required)').inputValue(), title);
    assert.match(await page.getByLabel('Return addresses').inputValue(), /not-an-address/);
    await page.getByText('We kept what you had entered earlier').waitFor();
  });

  it('creates a cycle through the form and shows it on its page and in the list', async () => {
    await page.getByLabel('Meeting name').fill('Pacific Sub-regional Consultation on the GCM');
    await page.getByLabel('Place').fill('Suva');
    await page.getByLabel('Dates', { exact: true }).fill('2-3 October 2031');
    await page.getByLabel('Deadline (required)').fill('2031-08-29');
    await page.getByLabel('Return addresses').fill('secretariat@example.org\nnetwork@example.org');

    const count = page.locator('#invitedStates-count');
    await page.getByRole('button', { name: 'Select all ESCAP members' }).click();
    const all = Number((await count.innerText()).match(/^(\d+)/)?.[1]);
    assert.ok(all >= 50, `all ESCAP members are selected (${all})`);
    await page.getByRole('button', { name: 'Clear' }).click();
    assert.match(await count.innerText(), /^0 of/);

    await page.getByLabel('Search States').fill('fiji');
    await page.getByRole('checkbox', { name: /Fiji/ }).check();
    await page.getByLabel('Search States').fill('');
    await page.getByRole('checkbox', { name: /Samoa \(WSM\)/ }).check();
    await page.getByLabel('Also list the fictional States').check();
    await page.getByRole('checkbox', { name: /Republic of Arvenia/ }).check();
    assert.match(await count.innerText(), /^3 of \d+ States selected/);
    assert.equal(await page.locator('.picker__selected').innerText(), 'Fiji, Republic of Arvenia and Samoa');
    await page.getByLabel('Search States').fill('');
    await page.locator('#invitedStates').evaluate((el) => el.scrollTo(0, 0));
    // The picture shows the States checklist, the part of the form that says most.
    await page.locator('#states-heading').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -48);
    });
    await saveScreenshot(page, 'new-cycle');

    await page.getByRole('button', { name: 'Create review cycle' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.match(page.url(), /\/cycles\/[^/]+$/);
    await page.getByRole('status').getByText('The review cycle was created').waitFor();
    const terms = await page.getByRole('region', { name: 'Terms of the cycle' }).innerText();
    assert.match(terms, /29 August 2031/);
    assert.match(terms, /secretariat@example\.org/);
    const states = page.getByRole('table', { name: /Submission status/ });
    assert.deepEqual(
      (await states.locator('tbody th').allInnerTexts()).map((s) => s.trim()),
      ['Fiji (FJI)', 'Republic of Arvenia (XAA)', 'Samoa (WSM)'],
    );
    assert.equal(await states.getByText('Not started').count(), 3);
    await saveScreenshot(page, 'cycle');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review cycles' }).click();
    const row = page.getByRole('row', { name: new RegExp(title.replace(/[()]/g, '\\$&')) });
    await row.waitFor();
    assert.match(await row.innerText(), /29 August 2031/);
    assert.match(await row.innerText(), /0 of 3 answered/);
    await saveScreenshot(page, 'cycles');

    // The form was cleared once submitted: a new cycle starts empty.
    await page.getByRole('link', { name: 'New review cycle' }).click();
    assert.equal(await page.getByLabel('Title (required)').inputValue(), '');
  });

  it('lays the list out as cards on a 390 px wide phone', async () => {
    const phone = await run.signedInPage('secretariat-admin', null, { width: 390, height: 844 });
    // Opened directly, as from a bookmark: the server answers the app for every page address.
    await phone.goto('/');
    const card = phone.getByRole('row', { name: /Asia-Pacific Regional Review 2020/ });
    await card.waitFor();
    const box = await card.boundingBox();
    assert.ok(box && box.width <= 390, 'a cycle fits the width of the screen');
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= 390), true, 'nothing scrolls sideways');
    await saveScreenshot(phone, 'cycles-390');
    await phone.context().close();
  });

  it('tells a State coordinator that only the secretariat opens cycles', async () => {
    const coordinator = await run.signedInPage('state-coordinator', 'XAA');
    await coordinator.getByRole('table').waitFor();
    assert.equal(await coordinator.getByRole('link', { name: 'New review cycle' }).count(), 0);
    // Their own State's submission, never how far the other invited States are.
    const regional = coordinator.getByRole('row', { name: /Asia-Pacific Regional Review 2020/ });
    assert.match(await regional.innerText(), /Draft/);
    assert.doesNotMatch(await regional.innerText(), /answered|invited/i);
    await regional.getByRole('link').click();
    await coordinator.getByRole('heading', { level: 2, name: 'Your State’s submission' }).waitFor();
    const rows = coordinator.getByRole('table', { name: 'Submission status of your State' }).locator('tbody th');
    assert.deepEqual((await rows.allInnerTexts()).map((s) => s.trim()), ['Republic of Arvenia (XAA)']);
    assert.doesNotMatch(await coordinator.getByRole('main').innerText(), /Belmora|Coralia|answered/);
    assert.deepEqual(await seriousA11yViolations(coordinator), []);
    assert.match(await coordinator.getByRole('banner').innerText(), /Demo Coordinator, Republic of Arvenia/);
    await coordinator.goto('/cycles/new');
    const message = coordinator.getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /Only secretariat administrators can open a review cycle/);
    assert.equal(await coordinator.getByRole('button', { name: 'Create review cycle' }).count(), 0);
    await coordinator.getByRole('button', { name: 'Sign out' }).click();
    await coordinator.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await coordinator.context().close();
  });

  it('offers the public accounts on the sign-in page of a demonstration server', async () => {
    const visitor = await (await run.context()).newPage();
    await visitor.goto('/signin');
    const demo = visitor.getByRole('region', { name: 'Demonstration accounts' });
    await demo.waitFor();
    await demo.getByRole('button', { name: 'Use analyst@demo.gcm-review.org' }).click();
    assert.equal(await visitor.getByLabel('E-mail address').inputValue(), 'analyst@demo.gcm-review.org');
    await visitor.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    assert.match(await visitor.getByRole('banner').innerText(), /Demo Secretariat Analyst/);
    await visitor.context().close();
  });

  it('says clearly when the e-mail or password is wrong', async () => {
    const visitor = await (await run.context()).newPage();
    await visitor.goto('/cycles/new');
    await visitor.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await visitor.getByLabel('E-mail address').fill('secretariat@demo.gcm-review.org');
    await visitor.getByLabel('Password').fill('not the password');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    const error = visitor.getByRole('alert');
    await error.waitFor();
    assert.match(await error.innerText(), /e-mail address or the password is not right/);
    assert.deepEqual(await seriousA11yViolations(visitor), []);
    await visitor.context().close();
  });
});
