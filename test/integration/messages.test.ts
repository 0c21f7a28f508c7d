// The queries thread over HTTP, on PGlite and on PostgreSQL, with mail through a real SMTP server
// the test starts: the State's coordinator asks, the message reaches the cycle's return addresses
// and the secretariat's administrators; the secretariat answers, the answer reaches the State's
// coordinators and the contributor who wrote in the thread; both read the thread in order; the
// analyst reads it but may not write; another State may do neither; an empty message is refused.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

await describeEachBackend('HTTP: the queries thread, mailed to the other side', (t) => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let cycleId: string;
  const cookies: Record<string, string> = {};
  const emails: Record<string, string> = {};

  async function call(method: string, path: string, who: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: cookies[who] ?? '', ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  before(async () => {
    smtp = await startSmtpServer();
    const services = createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: 'GCM Review <review@example.test>' } });
    app = await startTestApp(t.backend, { database: { db: t.db, services }, config: { publicUrl: 'https://review.example.test' } });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst', null, 'Ana Analyst'),
      coordinator: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      contributor: await addUser(t.services, 'state-contributor', 'XAA', 'Cy Contributor'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran'),
    };
    for (const [key, p] of Object.entries(people)) {
      cookies[key] = await app.signIn(p.user.email, p.password);
      emails[key] = p.user.email;
    }
    cycleId = (
      await t.services.cycles.create(systemActor, {
        title: 'Queries review',
        templateId: 'apac-2020',
        region: 'escap',
        deadline: '2030-06-30',
        returnAddresses: ['review@secretariat.example'],
        invitedStates: ['XAA', 'XAB'],
        status: 'open',
      })
    ).id;
  });
  after(async () => {
    await app?.close();
    await smtp?.close();
  });

  const thread = () => `/api/cycles/${cycleId}/submissions/XAA/messages`;

  it("mails the State's question to the secretariat, and the secretariat's answer to the State", async () => {
    const empty = await call('GET', thread(), 'coordinator');
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual([empty.body.messages, empty.body.canWrite], [[], true]);

    const question = 'May we attach the national action plan instead of <summarising> it in 1a?';
    const asked = await call('POST', thread(), 'coordinator', { body: `  ${question}  ` });
    assert.equal(asked.status, 201, asked.text);
    assert.equal(asked.body.side, 'state');
    assert.equal(asked.body.body, question);
    // Every secretariat administrator the test database holds hears of it, with the return address.
    const secretariat = (asked.body.mailedTo as string[]).filter((a) => a === 'review@secretariat.example' || a === emails.admin);
    assert.deepEqual(secretariat.sort(), [emails.admin, 'review@secretariat.example'].sort());
    assert.ok(!(asked.body.mailedTo as string[]).includes(emails.coordinator!), 'not mailed to its author');

    const mail = await smtp.next();
    assert.deepEqual(mail.to.sort(), (asked.body.mailedTo as string[]).sort());
    assert.equal(mail.mail.subject, 'Query: the submission of Republic of Arvenia to Queries review');
    assert.match(mail.mail.text ?? '', /Ama Arvenian wrote about the submission of Republic of Arvenia to Queries review:/);
    assert.ok((mail.mail.text ?? '').includes(question));
    assert.ok((mail.mail.text ?? '').includes(`https://review.example.test/cycles/${cycleId}/states/XAA#queries-heading`));
    assert.ok(String(mail.mail.html).includes('instead of &lt;summarising&gt; it'), 'the message is escaped in the HTML part');

    // A contributor adds to it; then the secretariat answers: the coordinator and the contributor hear.
    assert.equal((await call('POST', thread(), 'contributor', { body: 'The plan is 40 pages long.' })).status, 201);
    await smtp.next();
    const answered = await call('POST', thread(), 'admin', { body: 'Yes: attach it, and summarise it in two paragraphs.' });
    assert.equal(answered.status, 201, answered.text);
    assert.equal(answered.body.side, 'secretariat');
    assert.deepEqual((answered.body.mailedTo as string[]).sort(), [emails.contributor!, emails.coordinator!].sort());
    const reply = await smtp.next();
    assert.deepEqual(reply.to.sort(), [emails.contributor!, emails.coordinator!].sort());
    assert.match(reply.mail.text ?? '', /Ada Admin wrote about the submission of Republic of Arvenia/);

    const read = await call('GET', thread(), 'coordinator');
    const messages = read.body.messages as { side: string; author: { name: string }; body: string; mine: boolean }[];
    assert.deepEqual(
      messages.map((m) => [m.side, m.author.name, m.mine]),
      [
        ['state', 'Ama Arvenian', true],
        ['state', 'Cy Contributor', false],
        ['secretariat', 'Ada Admin', false],
      ],
    );
    const events = await t.services.audit.list(systemActor, { limit: 100 });
    const list = (Array.isArray(events) ? events : (events as { events: { action: string; subject: string }[] }).events) as { action: string; subject: string }[];
    assert.equal(list.filter((e) => e.action === 'submission.message' && e.subject === `submission:${cycleId}/XAA`).length, 3);
  });

  it('lets the analyst read but not write, and refuses another State and an empty message', async () => {
    const read = await call('GET', thread(), 'analyst');
    assert.equal(read.status, 200);
    assert.equal(read.body.canWrite, false);
    const analyst = await call('POST', thread(), 'analyst', { body: 'A question.' });
    assert.equal(analyst.status, 403);
    assert.match(String(analyst.body.detail), /analysts read it/);
    assert.equal((await call('GET', thread(), 'belmora')).status, 403);
    assert.equal((await call('POST', thread(), 'belmora', { body: 'Not ours.' })).status, 403);
    assert.equal((await call('GET', thread(), 'anonymous')).status, 401);
    const blank = await call('POST', thread(), 'coordinator', { body: '   ' });
    assert.equal(blank.status, 400);
    assert.deepEqual((blank.body.errors as { path: string }[]).map((e) => e.path), ['body']);
    // Nothing was mailed for the refusals.
    assert.equal(smtp.received.length, 3);
  });
});
