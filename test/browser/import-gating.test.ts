// Who is offered importing, in the browser: the pages follow the abilities the server sends with the
// session (GET /api/session), not the account's role. The analyst, who saves nothing, is offered
// no import; a State's contributor, who saves drafts of their State's submission, is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the import pages follow the abilities the session carries', { skip: run.skip }, () => {
  let cycleId: string;
  before(async () => {
    await run.start();
    const cycles = await run.app.services.cycles.list(systemActor);
    cycleId = cycles.find((c) => c.title === demoCycleTitles.regional)!.id;
  });
  after(() => run.stop());

  const importLinks = (page: Page) => page.getByRole('link', { name: /^Import a (filled )?form/ });

  it('offers the analyst no import, and says why on the import page', async () => {
    const page = await run.signedInPage('secretariat-analyst');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import a filled form' }).count(), 0);
    await page.goto(`/cycles/${cycleId}`);
    await page.getByRole('heading', { level: 1, name: demoCycleTitles.regional }).waitFor();
    await page.getByRole('link', { name: 'View the submission of Republic of Arvenia' }).waitFor();
    assert.equal(await importLinks(page).count(), 0);
    await page.goto('/import');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /your account saves no drafts.*signed in as secretariat analyst/is);
    assert.equal(await page.getByLabel('Filled questionnaire (required)').count(), 0);
    await page.context().close();
  });

  it("offers a State's contributor the import of their State's form, which the role alone never did", async () => {
    const email = 'contributor.gating@example.test';
    const password = 'a long enough password';
    await run.app.services.users.create(systemActor, { email, name: 'Cyd Contributor', password, role: 'state-contributor', stateIso3: 'XAA' });
    const page = await (await run.context()).newPage();
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import a filled form' }).waitFor();
    await page.goto(`/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'Import a form for Republic of Arvenia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import a filled questionnaire' }).waitFor();
    assert.equal(await page.getByLabel('State').inputValue(), 'XAA');
    await page.getByLabel('Filled questionnaire (required)').waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });
});
