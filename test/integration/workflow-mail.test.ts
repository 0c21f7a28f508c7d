// The workflow's messages and mail over HTTP, on PGlite and on PostgreSQL: submitting acknowledges
// receipt to the coordinator with a copy to the cycle's return addresses (in the outbox without
// SMTP_URL; through a real SMTP server the test starts with it); returning needs a message, which
// the State reads in the submission's history and in the mail; every submitted version is kept.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

await describeEachBackend('HTTP: workflow messages and mail', (t) => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  let smtpApp: TestApp;
  const cookies: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const passwords: Record<string, string> = {};

  async function call(target: TestApp, method: string, path: string, cookie: string, json?: unknown) {
    const res = await fetch(`${target.url}${path}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async function openCycle(title: string, invitedStates: string[]) {
    return (
      await t.services.cycles.create(systemActor, {
        title,
        templateId: 'apac-2020',
        region: 'escap',
        deadline: '2030-06-30',
        returnAddresses: ['review@secretariat.example', 'copy@secretariat.example'],
        invitedStates,
        status: 'open',
      })
    ).id;
  }

  /** Saves a draft (the consent answer changes, so each save is a new version) and answers the saved submission. */
  async function save(target: TestApp, path: string, who: string, consent: 'yes' | 'no') {
    const current = (await call(target, 'GET', path, cookies[who]!)).body as { version: number; response: Record<string, unknown> };
    const saved = await call(target, 'PUT', path, cookies[who]!, { response: { ...current.response, consent }, baseVersion: current.version });
    assert.equal(saved.status, 200, saved.text);
    return saved.body as { version: number };
  }

  async function move(target: TestApp, path: string, who: string, action: string, message?: string) {
    const { version } = (await call(target, 'GET', path, cookies[who]!)).body as { version: number };
    return call(target, 'POST', `${path}/transitions`, cookies[who]!, { action, baseVersion: version, ...(message !== undefined ? { message } : {}) });
  }

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp(t.backend, { database: t });
    smtpApp = await startTestApp(t.backend, { database: { db: t.db, services: createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: 'GCM Review <review@example.test>' } }) } });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
    };
    for (const [key, p] of Object.entries(people)) {
      cookies[key] = await app.signIn(p.user.email, p.password);
      emails[key] = p.user.email;
      passwords[key] = p.password;
    }
  });
  after(async () => {
    await smtpApp?.close();
    await app?.close();
    await smtp?.close();
  });

  it('acknowledges a submission in the outbox, returns it with a message the State reads, and keeps every submitted version', async () => {
    const cycleId = await openCycle('Messages: Arvenia review', ['XAA']);
    const path = `/api/cycles/${cycleId}/submissions/XAA`;
    assert.equal((await save(app, path, 'arvenia', 'no')).version, 1);
    const submitted = await move(app, path, 'arvenia', 'submit');
    assert.equal(submitted.status, 200, submitted.text);

    const outbox = async () =>
      ((await call(app, 'GET', '/api/outbox?limit=200', cookies.admin!)).body.messages as { kind: string; to: string[]; cc: string[]; subject: string; text: string; html: string; related: { id: string } | null }[]).filter(
        (m) => m.related?.id === `${cycleId}/XAA`,
      );
    const [ack] = await outbox();
    assert.equal(ack?.kind, 'acknowledgement');
    assert.deepEqual(ack.to, [emails.arvenia]);
    assert.deepEqual(ack.cc, ['review@secretariat.example', 'copy@secretariat.example']);
    assert.equal(ack.subject, 'Received: the submission of Republic of Arvenia to Messages: Arvenia review');
    assert.match(ack.text, /Dear Ama Arvenian,/);
    assert.match(ack.text, /\(version 1\)/);

    // A return says what to change: without a message it is refused, naming the field.
    const silent = await move(app, path, 'admin', 'return');
    assert.equal(silent.status, 400);
    assert.deepEqual((silent.body.errors as { path: string }[]).map((e) => e.path), ['message']);
    const blank = await move(app, path, 'admin', 'return', '   ');
    assert.deepEqual((blank.body.errors as { path: string }[]).map((e) => e.path), ['message']);
    const tooLong = await move(app, path, 'admin', 'return', 'x'.repeat(2001));
    assert.equal(tooLong.status, 400);
    assert.equal((await call(app, 'GET', path, cookies.arvenia!)).body.status, 'submitted');

    const message = 'Please give the figures for 2019 in question 1a <and> say who answered.';
    assert.equal((await move(app, path, 'admin', 'return', message)).body.status, 'returned');
    const returnMail = (await outbox()).find((m) => m.kind === 'returned');
    assert.deepEqual(returnMail?.to, [emails.arvenia]);
    assert.ok(returnMail.text.includes(message), returnMail.text);
    // The secretariat's words are escaped in the HTML part.
    assert.ok(returnMail.html.includes('question 1a &lt;and&gt; say who answered.'), returnMail.html);
    assert.match(returnMail.text, /Ada Admin has returned the submission of Republic of Arvenia/);

    // The State reads the message in the submission's history; another State may not.
    const history = await call(app, 'GET', `${path}/transitions`, cookies.arvenia!);
    assert.equal(history.status, 200, history.text);
    const steps = history.body.steps as { action: string; by: string; message: string | null; version: number; from: string; to: string }[];
    assert.deepEqual(
      steps.map((s) => [s.action, s.version, s.by, s.message]),
      [
        ['submit', 1, 'Ama Arvenian', null],
        ['return', 1, 'Ada Admin', message],
      ],
    );
    assert.equal((await call(app, 'GET', `${path}/transitions`, cookies.belmora!)).status, 403);

    // The State edits and resubmits: both submitted versions are kept.
    assert.equal((await save(app, path, 'arvenia', 'yes')).version, 2);
    assert.equal((await move(app, path, 'arvenia', 'submit')).body.status, 'submitted');
    const acks = (await outbox()).filter((m) => m.kind === 'acknowledgement');
    assert.equal(acks.length, 2);
    assert.match(acks[0]!.text, /\(version 2\)/);
    const after = (await call(app, 'GET', `${path}/transitions`, cookies.arvenia!)).body.steps as { action: string; version: number }[];
    assert.deepEqual(after.filter((s) => s.action === 'submit').map((s) => s.version), [1, 2]);
    const versions = (await call(app, 'GET', `${path}/versions`, cookies.arvenia!)).body as unknown as { version: number }[];
    assert.deepEqual(versions.map((v) => v.version), [2, 1]);
    const first = await call(app, 'GET', `${path}/versions/1`, cookies.arvenia!);
    assert.equal((first.body.response as { consent: string }).consent, 'no');
    const second = await call(app, 'GET', `${path}/versions/2`, cookies.arvenia!);
    assert.equal((second.body.response as { consent: string }).consent, 'yes');

    // Accepting, with an optional message, tells the coordinators.
    assert.equal((await move(app, path, 'admin', 'accept', 'Thank you.')).body.status, 'accepted');
    const accepted = (await outbox()).find((m) => m.kind === 'accepted');
    assert.deepEqual(accepted?.to, [emails.arvenia]);
    assert.match(accepted.subject, /^Accepted: the submission of Republic of Arvenia/);
  });

  it('delivers the acknowledgement through SMTP to the coordinator with the return addresses in copy', async () => {
    const cycleId = await openCycle('Messages: Belmora review', ['XAB']);
    const path = `/api/cycles/${cycleId}/submissions/XAB`;
    cookies.belmora = await smtpApp.signIn(emails.belmora!, passwords.belmora!);
    await save(smtpApp, path, 'belmora', 'no');
    const submitted = await move(smtpApp, path, 'belmora', 'submit');
    assert.equal(submitted.status, 200, submitted.text);
    const { mail, to } = await smtp.next();
    assert.deepEqual(to.sort(), [emails.belmora, 'copy@secretariat.example', 'review@secretariat.example'].sort());
    assert.equal(mail.subject, 'Received: the submission of Kingdom of Belmora to Messages: Belmora review');
    assert.match(mail.text ?? '', /Dear Bo Belmoran,/);
  });
});
