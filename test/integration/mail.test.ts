// Mail: a real SMTP conversation with a server the test starts (smtp-server), what arrived parsed
// by mailparser; without SMTP_URL the outbox, read by administrators through the API; an SMTP
// server that is down recorded as a failure, tried again later.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { renderMessage } from '../../src/domain/mail.ts';
import { createServices } from '../../src/services/index.ts';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { deadSmtpUrl, startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const from = 'GCM Review <review@example.test>';
const invitation = (to: string, language: string) =>
  renderMessage({
    kind: 'invitation',
    to,
    cc: 'secretariat@example.test',
    language,
    values: { recipientName: 'Ana <Arvenian>', cycleTitle: 'Arvenia & Belmora review 2027', stateName: 'Arvenia', deadline: '2027-03-01', link: 'https://review.example.test/cycles/1' },
    related: { type: 'cycle', id: 'c-2027' },
  });

await describeEachBackend('mail', (t) => {
  let smtp: TestSmtpServer;
  let app: TestApp;

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp(t.backend, { database: t });
  });
  after(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('sends through SMTP: the message arrives with its subject, text and HTML parts and language, and the outbox says sent', async () => {
    const services = createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: from } });
    assert.equal(services.mail.delivery, 'smtp');
    const entry = await services.mail.send(invitation('focal@arvenia.example', 'fr'));
    assert.equal(entry.status, 'sent');
    assert.equal(entry.attempts, 1);
    assert.equal(entry.error, null);
    assert.ok(entry.sentAt);

    const { mail, from: envelopeFrom, to } = await smtp.next();
    assert.equal(envelopeFrom, 'review@example.test');
    assert.deepEqual(to.sort(), ['focal@arvenia.example', 'secretariat@example.test']);
    assert.equal(mail.subject, 'Invitation : Arvenia & Belmora review 2027');
    assert.equal(mail.from?.text, '"GCM Review" <review@example.test>');
    assert.match(mail.text ?? '', /Arvenia est invité à participer à Arvenia & Belmora review 2027\. Merci de répondre au questionnaire avant le 2027-03-01\./);
    assert.match(mail.text ?? '', /Madame, Monsieur Ana <Arvenian>,/);
    assert.equal(typeof mail.html, 'string');
    assert.match(mail.html as string, /<html lang="fr">/);
    assert.match(mail.html as string, /Ana &lt;Arvenian&gt;/);
    assert.match(mail.html as string, /<a href="https:\/\/review\.example\.test\/cycles\/1">/);
    assert.equal(mail.headers.get('content-language'), 'fr');

    const stored = await services.mail.get(systemActor, entry.id);
    assert.equal(stored.status, 'sent');
    assert.deepEqual(stored.related, { type: 'cycle', id: 'c-2027' });
  });

  it('writes in English when the catalogue has not the recipient\'s language', async () => {
    const services = createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: from } });
    await services.mail.send(invitation('focal@belmora.example', 'pt'));
    const { mail } = await smtp.next();
    assert.equal(mail.subject, 'Invitation: Arvenia & Belmora review 2027');
    assert.equal(mail.headers.get('content-language'), 'en');
  });

  it('without SMTP_URL keeps the message in the outbox, which administrators read (newest first, in pages) and no one else', async () => {
    assert.equal(t.services.mail.delivery, 'outbox');
    const first = await t.services.mail.send(renderMessage({ kind: 'test', to: 'first@example.test', values: { recipient: 'first@example.test' } }));
    const entry = await t.services.mail.send(invitation('queued@arvenia.example', 'en'));
    assert.equal(entry.status, 'queued');
    assert.equal(entry.attempts, 0);

    const admin = await addUser(t.services, 'secretariat-admin');
    const analyst = await addUser(t.services, 'secretariat-analyst');
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAA');
    const adminCookie = await app.signIn(admin.user.email, admin.password);
    const res = await fetch(`${app.url}/api/outbox?limit=2`, { headers: { cookie: adminCookie } });
    assert.equal(res.status, 200);
    const page = (await res.json()) as { total: number; delivery: string; messages: { id: string; to: string[]; subject: string; status: string }[] };
    assert.equal(page.delivery, 'outbox');
    assert.ok(page.total >= 2);
    assert.deepEqual(
      page.messages.map((m) => [m.id, m.to, m.status]),
      [
        [entry.id, ['queued@arvenia.example'], 'queued'],
        [first.id, ['first@example.test'], 'queued'],
      ],
    );
    const next = (await (await fetch(`${app.url}/api/outbox?limit=2&offset=1`, { headers: { cookie: adminCookie } })).json()) as { messages: { id: string }[] };
    assert.equal(next.messages[0]?.id, first.id);

    const one = await fetch(`${app.url}/api/outbox/${entry.id}`, { headers: { cookie: adminCookie } });
    assert.equal(one.status, 200);
    const body = (await one.json()) as { text: string; html: string; subject: string };
    assert.equal(body.subject, 'Invitation: Arvenia & Belmora review 2027');
    assert.match(body.text, /Arvenia is invited to take part in Arvenia & Belmora review 2027/);

    for (const who of [analyst, coordinator]) {
      const cookie = await app.signIn(who.user.email, who.password);
      assert.equal((await fetch(`${app.url}/api/outbox`, { headers: { cookie } })).status, 403);
      assert.equal((await fetch(`${app.url}/api/outbox/${entry.id}`, { headers: { cookie } })).status, 403);
      const session = (await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as { abilities: { readOutbox: boolean } };
      assert.equal(session.abilities.readOutbox, false);
    }
    assert.equal((await fetch(`${app.url}/api/outbox`)).status, 401);
    const session = (await (await fetch(`${app.url}/api/session`, { headers: { cookie: adminCookie } })).json()) as { abilities: { readOutbox: boolean } };
    assert.equal(session.abilities.readOutbox, true);
    assert.equal((await fetch(`${app.url}/api/outbox/00000000-0000-4000-8000-000000000000`, { headers: { cookie: adminCookie } })).status, 404);
  });

  it('records a delivery to an SMTP server that is down as failed, with the error, and sends it on a retry', async () => {
    const down = createServices(t.db, { mail: { smtpUrl: await deadSmtpUrl(), mailFrom: from } });
    const entry = await down.mail.send(invitation('later@arvenia.example', 'en'));
    assert.equal(entry.status, 'failed');
    assert.equal(entry.attempts, 1);
    assert.match(entry.error ?? '', /ECONNREFUSED|connect/i);
    assert.equal(entry.sentAt, null);

    const retried = await down.mail.retryFailed(systemActor);
    assert.ok(retried.tried >= 1 && retried.sent === 0);
    assert.equal((await down.mail.get(systemActor, entry.id)).attempts, 2);

    const up = createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: from } });
    const again = await up.mail.retryFailed(systemActor);
    assert.ok(again.sent >= 1);
    const { mail } = await smtp.next();
    assert.equal(mail.subject, 'Invitation: Arvenia & Belmora review 2027');
    const now = await up.mail.get(systemActor, entry.id);
    assert.deepEqual([now.status, now.attempts, now.error], ['sent', 3, null]);
  });
});
