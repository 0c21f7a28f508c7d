// Accounts by invitation in the browser: the secretariat administrator invites a State's
// coordinator from the People panel; the coordinator opens the e-mailed link (read from the
// outbox), chooses a password and lands signed in, then invites a contributor who accepts too;
// a forgotten password is reset by e-mailed link. The pages pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('accounts by invitation, in the browser', { skip: run.skip }, () => {
  let cycleId: string;
  const coordinator = { name: 'Ines Invited', email: 'ines.invited@arvenia.example.test', password: 'coordinator password 1' };
  const contributor = { name: 'Carl Contributor', email: 'carl.contributor@arvenia.example.test', password: 'contributor password 1' };

  before(async () => {
    await run.start();
    cycleId = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
  });
  after(() => run.stop());

  /** The path of the link in the newest message to `to`, as the outbox holds it. */
  async function linkTo(to: string): Promise<string> {
    const { messages } = await run.app.services.mail.list(systemActor, { limit: 20 });
    const text = messages.find((m) => m.to.includes(to))?.text ?? '';
    const path = /https?:\/\/[^/\s]+(\/(?:invitation|reset-password)\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
    assert.ok(path, `no link in the message to ${to}: ${text}`);
    return path;
  }

  async function invite(page: Page, person: { name: string; email: string }, role: string | null) {
    await page.goto(`/cycles/${cycleId}`);
    const form = page.getByRole('form', { name: 'Invite someone new' });
    await form.getByLabel(/^Name/).fill(person.name);
    await form.getByLabel('Ministry or organisation').fill('Ministry of the Interior');
    await form.getByLabel(/^E-mail address/).fill(person.email);
    await form.getByLabel('State', { exact: true }).selectOption({ label: 'Republic of Arvenia' });
    if (role) await form.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('status').filter({ hasText: `Invitation sent to ${person.name} (${person.email}).` }).waitFor();
  }

  async function accept(person: { email: string; password: string }): Promise<Page> {
    const page = await (await run.context()).newPage();
    await page.goto(await linkTo(person.email));
    await page.getByRole('heading', { level: 1, name: 'Your GCM Review account' }).waitFor();
    await page.getByLabel('New password').fill(person.password);
    await page.getByLabel('The same password again').fill(person.password);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    return page;
  }

  it('lets the secretariat invite a coordinator, who sets a password, lands signed in and invites a contributor', async () => {
    const admin = await run.signedInPage('secretariat-admin');
    await invite(admin, coordinator, 'State coordinator');
    await admin.getByRole('list', { name: 'Invitations not yet accepted' }).getByText(coordinator.email).waitFor();
    await admin.context().close();

    const page = await accept(coordinator);
    assert.match(await page.getByRole('banner').innerText(), /Ines Invited/);
    await invite(page, contributor, null);
    await page.context().close();

    const helper = await accept(contributor);
    await helper.goto(`/cycles/${cycleId}/states/XAA`);
    await helper.getByRole('heading', { level: 1 }).waitFor();
    await helper.context().close();
  });

  it("shows administrators every user and the roles they hold", async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const row = page.getByRole('row', { name: /Ines Invited/ });
    assert.match(await row.innerText(), /State coordinator: the office of XAA/);
    assert.match(await page.getByRole('row', { name: /Carl Contributor/ }).innerText(), /Contributor: a submission of XAA/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });

  it('resets a forgotten password by e-mailed link', async () => {
    const page = await (await run.context()).newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByLabel('E-mail address').fill(coordinator.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link is on its way' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.goto(await linkTo(coordinator.email));
    await page.getByLabel('New password').fill('a brand new password');
    await page.getByLabel('The same password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Set the password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    await page.context().close();
    // The old password no longer opens the account.
    assert.equal(await run.app.services.users.authenticate(coordinator.email, coordinator.password), null);
  });
});
