// A cycle's life in the browser, with mail through a real SMTP server: an administrator edits a
// draft (title, one more State), opens it giving a coordinator's address for the State that has
// none (the page names it as unreachable until then), the invitation and the notices arrive at
// the SMTP server; the deadline is extended (its notice arrives too) and the cycle closed. The
// tracking dashboard's chart of replies has its title and table. The pages pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import type { Received } from '../support/smtp.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite({ smtp: true });

describe('a review cycle from draft to closed, in the browser', { skip: run.skip }, () => {
  let cycleId: string;
  const title = 'Pacific lifecycle review 2031';
  const coralia = 'cora.coordinator@coralia.example.test';

  before(async () => {
    await run.start();
    const cycle = await run.app.services.cycles.create(systemActor, {
      title: 'Pacific lifecycle review (draft)',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2031-06-30',
      returnAddresses: ['secretariat@example.org'],
      invitedStates: ['XAA', 'XAC'],
      status: 'draft',
    });
    cycleId = cycle.id;
  });
  after(() => run.stop());

  /** The first message the SMTP server has received (or receives within 10 s) that `match` picks. */
  async function mailWhere(match: (m: Received) => boolean): Promise<Received> {
    const until = Date.now() + 10_000;
    for (;;) {
      const found = run.smtp.received.find(match);
      if (found) return found;
      if (Date.now() > until) assert.fail(`no such message; received: ${run.smtp.received.map((m) => `${m.to.join(',')}: ${m.mail.subject}`).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('edits the draft, opens it with an invitation, extends its deadline and closes it', async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.goto(`/cycles/${cycleId}`);
    const manage = page.getByRole('region', { name: 'Manage the cycle' });
    await manage.getByText('A draft: only the secretariat sees it.').waitFor();

    // Edit: the new-cycle form's fields, filled with the draft's terms.
    await manage.getByRole('button', { name: 'Edit the cycle' }).click();
    const edit = page.getByRole('form', { name: 'Edit the draft' });
    assert.equal(await edit.getByLabel('Title (required)').inputValue(), 'Pacific lifecycle review (draft)');
    assert.equal(await edit.getByLabel('Deadline (required)').inputValue(), '2031-06-30');
    await edit.getByLabel('Title (required)').fill(title);
    await edit.getByLabel('Meeting name').fill('Pacific Consultation on the GCM');
    await edit.getByRole('checkbox', { name: /Kingdom of Belmora/ }).check();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('status').filter({ hasText: 'The changes were saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.deepEqual((await run.app.services.cycles.get(systemActor, cycleId)).invitedStates, ['XAA', 'XAB', 'XAC']);

    // Open: Coralia has no coordinator; until an address is given it is named as not hearing.
    await manage.getByRole('button', { name: 'Open the cycle…' }).click();
    const open = page.getByRole('form', { name: 'Open the cycle and invite its States' });
    const mailed = open.getByRole('list', { name: 'Will be mailed' });
    assert.match(await mailed.innerText(), /Republic of Arvenia: .*arvenia@demo\.gcm-review\.org/);
    assert.match(await mailed.innerText(), /Kingdom of Belmora: .*belmora@demo\.gcm-review\.org/);
    await open.getByText('Federated Islands of Coralia has no coordinator and no address: it will not hear that the cycle is open.').waitFor();
    await open.getByLabel('Coordinator’s e-mail address for Federated Islands of Coralia').fill(coralia);
    await open.getByText('Every invited State will hear of it.').waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await saveScreenshot(page, 'cycle-open');
    await open.getByRole('button', { name: 'Open the cycle and send the e-mails' }).click();
    const opened = page.getByRole('status').filter({ hasText: 'The cycle is open.' });
    await opened.waitFor();
    assert.match(await opened.innerText(), /Mailed the coordinators of: Kingdom of Belmora, Republic of Arvenia\./);
    assert.match(await opened.innerText(), new RegExp(`Invited as coordinators: ${coralia.replace(/\./g, '\\.')} \\(Federated Islands of Coralia\\)`));
    await page.locator('.page-heading__meta').getByText('Open', { exact: true }).waitFor();

    // The invitation and the notices arrive at the SMTP server.
    const invitation = await mailWhere((m) => m.to.includes(coralia));
    assert.equal(invitation.mail.subject, 'GCM Review: your account');
    assert.match(invitation.mail.text ?? '', /as coordinator for Federated Islands of Coralia/);
    assert.match(invitation.mail.text ?? '', /\/invitation\/[A-Za-z0-9_-]{43}/);
    const notice = await mailWhere((m) => m.to.includes('arvenia@demo.gcm-review.org') && m.mail.subject === `Invitation: ${title}`);
    assert.ok((notice.mail.text ?? '').includes(`/cycles/${cycleId}/states/XAA`), notice.mail.text);
    await mailWhere((m) => m.to.includes('belmora@demo.gcm-review.org') && m.mail.subject === `Invitation: ${title}`);

    // Extend the deadline: the coordinators are told.
    await manage.getByRole('button', { name: 'Extend the deadline…' }).click();
    const extend = page.getByRole('form', { name: 'Extend the deadline' });
    await extend.getByLabel(/^New deadline/).fill('2031-09-30');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await extend.getByRole('button', { name: 'Extend the deadline', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The deadline is now 30 September 2031.' }).waitFor();
    assert.match(await page.getByRole('region', { name: 'Terms of the cycle' }).innerText(), /30 September 2031/);
    const extension = await mailWhere((m) => m.to.includes('arvenia@demo.gcm-review.org') && /^New deadline/.test(m.mail.subject ?? ''));
    assert.equal(extension.mail.subject, `New deadline: ${title} is now due on 2031-09-30`);

    // The dashboard's chart of replies, with its table.
    const chart = page.getByRole('img', { name: 'Replies over time against the deadline' });
    await chart.waitFor();
    await chart.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'replies-chart');
    assert.match((await chart.locator('desc').textContent()) ?? '', /0 of 3 invited States had submitted; 0 by the deadline, 30 September 2031/);
    await page.getByText('The figures as a table').click();
    await page.getByRole('table', { name: /States that had submitted, by day/ }).getByText('No State has submitted yet.').waitFor();

    // Close: confirmed first; drafts are then locked.
    await manage.getByRole('button', { name: 'Close the cycle…' }).click();
    const confirm = page.getByRole('group', { name: 'Close the cycle' });
    assert.match(await confirm.innerText(), /Drafts can no longer be saved/);
    await confirm.getByRole('button', { name: 'Close the cycle', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The cycle is closed: drafts can no longer be saved.' }).waitFor();
    await page.locator('.page-heading__meta').getByText('Closed', { exact: true }).waitFor();
    assert.equal((await run.app.services.cycles.get(systemActor, cycleId)).status, 'closed');
    await manage.getByRole('button', { name: 'Archive the cycle…' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });

  it('draws the replies of a cycle where States have submitted, with the same figures as a table', async () => {
    const regional = (await run.app.services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
    // The demonstration's drafts are submitted.
    for (const s of await run.app.services.cycles.submissions(systemActor, regional.id)) {
      if (s.status === 'draft') await run.app.services.submissions.transition(systemActor, regional.id, s.state.iso3, { action: 'submit', baseVersion: s.version });
    }
    const replies = await run.app.services.cycles.replies(systemActor, regional.id);
    assert.ok(replies.days.length > 0, 'States have submitted');
    const page = await run.signedInPage('secretariat-admin');
    await page.goto(`/cycles/${regional.id}`);
    const chart = page.getByRole('img', { name: 'Replies over time against the deadline' });
    await chart.waitFor();
    const total = replies.days.at(-1)!.total;
    assert.match((await chart.locator('desc').textContent()) ?? '', new RegExp(`, ${total} of ${replies.invited} invited States had submitted;`));
    await page.getByText('The figures as a table').click();
    const table = page.getByRole('table', { name: /States that had submitted, by day/ });
    assert.equal(await table.locator('tbody tr').count(), replies.days.length);
    assert.match(await table.locator('tbody tr').last().innerText(), new RegExp(`\\t${total}$`));
    await chart.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'replies-chart-demo');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });
});
