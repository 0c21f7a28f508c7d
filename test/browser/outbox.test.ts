// The Outbox page in the browser: a secretariat administrator finds it in the navigation, reads
// the list (recipient, subject, status, time) and opens a message to read its text; an analyst
// sees no link and is told the page is not theirs; the page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderMessage } from '../../src/domain/mail.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the Outbox page in the browser', { skip: run.skip }, () => {
  before(async () => {
    await run.start();
    // No SMTP_URL in the test app: messages stay in the outbox.
    await run.app.services.mail.send(renderMessage({ kind: 'test', to: 'older@arvenia.example', values: { recipient: 'older@arvenia.example' } }));
    await run.app.services.mail.send(
      renderMessage({
        kind: 'reminder',
        to: 'focal@arvenia.example',
        language: 'fr',
        values: { recipientName: 'Ana Arvenian', cycleTitle: 'Revue régionale <2027>', stateName: 'Arvenia', deadline: '2027-03-01', link: 'https://review.example.test/c/1' },
      }),
    );
  });
  after(() => run.stop());

  it('lists the messages for an administrator, newest first, and opens one to read its text', async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await page.getByText(/No SMTP server is configured/).waitFor();
    const rows = page.getByTestId('outbox-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const first = await rows.first().innerText();
    assert.match(first, /focal@arvenia\.example/);
    assert.match(first, /Rappel : Revue régionale <2027>, réponse attendue le 2027-03-01/);
    assert.match(first, /In the outbox \(not sent\)/);
    assert.match(await rows.nth(1).innerText(), /older@arvenia\.example.*GCM Review: test message/s);

    await page.getByRole('button', { name: /Rappel : Revue régionale/ }).click();
    const message = page.getByTestId('outbox-message');
    await message.waitFor();
    assert.match(await message.getByRole('heading', { level: 2 }).innerText(), /Rappel : Revue régionale <2027>/);
    assert.match(await message.innerText(), /Les réponses de Arvenia à Revue régionale <2027> sont attendues le 2027-03-01\./);
    assert.match(await message.innerText(), /Ouvrir le questionnaire : https:\/\/review\.example\.test\/c\/1/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('offers no Outbox to an analyst, and says the page is for administrators', async () => {
    const page = await run.signedInPage('secretariat-analyst');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).count(), 0);
    await page.goto('/outbox');
    await page.getByRole('alert').getByText('The outbox is for secretariat administrators.').waitFor();
    assert.equal(await page.getByTestId('outbox-row').count(), 0);
  });
});
