// The account page in the browser: a user reaches it from the banner, sees where they are signed
// in, changes their password (errors next to the fields; the other browser is signed out, this
// one stays) and signs out everywhere; the page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser } from '../support/db.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the account page in the browser', { skip: run.skip }, () => {
  let email: string;
  let password: string;
  let here: Page;
  let elsewhere: Page;

  async function signInAs(page: Page, secret: string): Promise<void> {
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(secret);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
  }

  before(async () => {
    await run.start();
    ({ user: { email }, password } = await addUser(run.app.services, 'state-coordinator', 'XAA', 'Ama Arvenian'));
    here = await (await run.context()).newPage();
    elsewhere = await (await run.context()).newPage();
    await signInAs(here, password);
    await signInAs(elsewhere, password);
  });
  after(() => run.stop());

  it('is reached from the banner and lists the browsers where the user is signed in', async () => {
    await here.getByRole('banner').getByRole('link', { name: 'Account' }).click();
    await here.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const rows = here.getByRole('table', { name: /open sessions/ }).getByRole('row');
    await rows.nth(2).waitFor();
    assert.equal(await rows.count(), 3, 'a header row and two sessions');
    assert.equal(await here.getByText('(this browser)').count(), 1);
    assert.deepEqual(await seriousA11yViolations(here), []);
  });

  it('names what is wrong next to each field and changes nothing', async () => {
    await here.getByRole('button', { name: 'Change password' }).click();
    const summary = here.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Current password: Enter your current password/);
    await summary.getByRole('link', { name: /New password: Choose a new password of at least 10 characters/ }).click();
    assert.equal(await here.evaluate(() => document.activeElement?.id), 'newPassword');

    await here.getByLabel('Current password').fill('not the password');
    await here.getByLabel(/^New password(?! again)/).fill('a new long password');
    await here.getByLabel('New password again').fill('a new long password');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByRole('alert').getByText('Current password: is not your current password').waitFor();
    assert.equal(await here.getByLabel('Current password').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await seriousA11yViolations(here), []);
  });

  it('changes the password: the other browser is signed out, this one stays', async () => {
    await here.getByLabel('Current password').fill(password);
    await here.getByLabel(/^New password(?! again)/).fill('a new long password');
    await here.getByLabel('New password again').fill('a new long password');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.getByRole('status').getByText(/Your password has been changed\. 1 other session ended\. This browser stays signed in\./).waitFor();
    assert.equal(await here.getByLabel('Current password').inputValue(), '', 'the fields are emptied');
    await elsewhere.reload();
    await elsewhere.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await here.reload();
    await here.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    password = 'a new long password';
  });

  it('signs out everywhere', async () => {
    await signInAs(elsewhere, password);
    await here.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await elsewhere.reload();
    await elsewhere.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });
});
