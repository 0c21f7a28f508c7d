// The durable job queue (src/jobs) on PGlite and on PostgreSQL: a job runs and answers; a failing
// one says why; a job queued while no worker runs is done after the database is closed and opened
// again; and the reminder job, run with the clock moved past a rule's day, mails exactly the
// States that have not handed in, once each, at a real SMTP server, and mails no one again after
// a restart on the same data folder (or the same PostgreSQL database).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { startJobs, type JobQueue } from '../../src/jobs/index.ts';
import { startJobQueue, type JobDefinition } from '../../src/jobs/queue.ts';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import type { Services } from '../../src/services/types.ts';
import { openPglite, openPostgres, type Database } from '../../src/store/database.ts';
import { addUser, describeEachBackend, type SuiteContext } from '../support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

/** The test's database, opened afresh as a restarted server would: a data folder of its own on PGlite, a second handle on PostgreSQL. */
async function restartable(t: SuiteContext): Promise<{ open: () => Promise<Database>; remove: () => Promise<void> }> {
  if (t.backend.name === 'postgres') return { open: () => openPostgres(t.databaseUrl!), remove: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), 'gcm-jobs-'));
  return { open: () => openPglite(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

const fast = { pollingSeconds: 0.5, onError: () => undefined };

await describeEachBackend('jobs: the durable queue in the database', (t) => {
  let store: Awaited<ReturnType<typeof restartable>>;
  before(async () => {
    store = await restartable(t);
  });
  after(() => store?.remove());

  it('runs a job and keeps its answer; a failing job says why', async () => {
    const seen: object[] = [];
    const jobs: JobDefinition[] = [
      { name: 'echo', run: async (data) => (seen.push(data), { echoed: data }) },
      { name: 'broken', run: async () => Promise.reject(new Error('the printer is on fire')) },
    ];
    const queue = await startJobQueue(t.db, jobs, { ...fast, work: true });
    try {
      assert.deepEqual(await queue.run('echo', { n: 1 }), { echoed: { n: 1 } });
      assert.deepEqual(seen, [{ n: 1 }]);
      await assert.rejects(queue.run('broken', {}, 30_000), /the printer is on fire|failed/);
      await assert.rejects(queue.send('nonexistent'), /There is no job "nonexistent"; the jobs are echo, broken/);
    } finally {
      await queue.stop();
    }
  });

  it('does after a restart a job queued while no worker ran', async () => {
    const done: object[] = [];
    const jobs: JobDefinition[] = [{ name: 'later', run: async (data) => (done.push(data), {}) }];
    let db = await store.open();
    try {
      const sender = await startJobQueue(db, jobs, { ...fast, work: false });
      await sender.send('later', { letter: 'A' });
      await sender.stop();
    } finally {
      await db.close();
    }
    assert.deepEqual(done, []);
    db = await store.open();
    try {
      const worker = await startJobQueue(db, jobs, { ...fast, work: true });
      try {
        const until = Date.now() + 20_000;
        while (done.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(done, [{ letter: 'A' }]);
      } finally {
        await worker.stop();
      }
    } finally {
      await db.close();
    }
  });

  it('mails the States that have not handed in when a rule’s day has come, once, restarts included', async () => {
    const smtp: TestSmtpServer = await startSmtpServer();
    let now = new Date('2030-06-20T09:00:00Z');
    const clock = () => now;
    const mail = { smtpUrl: smtp.url, mailFrom: 'GCM Review <review@example.test>' };
    const links = { baseUrl: 'https://review.example.test' };
    let db: Database | undefined;
    let queue: JobQueue | undefined;
    let services: Services;
    const start = async () => {
      db = await store.open();
      services = createServices(db, { clock, mail });
      queue = await startJobs(db, services, links, { ...fast, work: true });
    };
    const restart = async () => {
      await queue?.stop();
      await db?.close();
      await start();
    };
    try {
      await start();
      const people = {
        arvenia: await addUser(services!, 'state-coordinator', 'XAA', 'Ama Arvenian'),
        belmora: await addUser(services!, 'state-coordinator', 'XAB', 'Bo Belmoran'),
        coralia: await addUser(services!, 'state-coordinator', 'XAC', 'Cy Coralian'),
      };
      const cycle = await services!.cycles.create(systemActor, {
        title: 'Reminded review',
        templateId: 'apac-2020',
        region: 'escap',
        meeting: { name: 'Regional Review Meeting', place: 'Port Arven' },
        deadline: '2030-06-30',
        returnAddresses: ['returns@example.test'],
        invitedStates: ['XAA', 'XAB', 'XAC'],
        status: 'open',
      });
      // Belmora hands in; Arvenia has a draft; Coralia has not started.
      for (const [iso3, who] of [['XAB', people.belmora], ['XAA', people.arvenia]] as const) {
        const read = await services!.submissions.get(who.actor, cycle.id, iso3);
        await services!.submissions.saveDraft(who.actor, cycle.id, iso3, read.response, { baseVersion: 0 });
      }
      await services!.submissions.transition(people.belmora.actor, cycle.id, 'XAB', { action: 'submit', baseVersion: 1 });
      const week = await services!.reminders.add(systemActor, cycle.id, {
        offsetDays: -7,
        subject: 'One week left for {stateName}',
        body: 'Dear {recipientName},\n\nThe {meeting.name} in {meeting.place} waits for the answers of {stateName} by {deadline}.\n\n{link}',
      });
      const late = await services!.reminders.add(systemActor, cycle.id, { offsetDays: 3 });
      assert.equal(week.sendOn, '2030-06-23');
      // The mail so far (Belmora's acknowledgement) is not the reminders'.
      const received = smtp.received.splice(0);
      assert.deepEqual(received.map((m) => m.to), [[people.belmora.user.email, 'returns@example.test']]);

      // Before the rule's day: nothing goes.
      const early = (await queue!.run('reminders')) as { rules: unknown[] };
      assert.deepEqual(early.rules, []);
      assert.equal(smtp.received.length, 0);

      now = new Date('2030-06-24T09:00:00Z');
      const first = (await queue!.run('reminders')) as { today: string; rules: { ruleId: string; reminded: string[]; skipped: string[] }[] };
      assert.equal(first.today, '2030-06-24');
      assert.deepEqual(first.rules.map((r) => [r.ruleId, r.reminded]), [[week.id, ['XAA', 'XAC']]]);
      assert.deepEqual(smtp.received.map((m) => m.to).sort(), [[people.arvenia.user.email], [people.coralia.user.email]]);
      const toArvenia = smtp.received.find((m) => m.to[0] === people.arvenia.user.email)!.mail;
      assert.equal(toArvenia.subject, 'One week left for Republic of Arvenia');
      assert.match(toArvenia.text ?? '', /Dear Ama Arvenian,/);
      assert.match(toArvenia.text ?? '', /The Regional Review Meeting in Port Arven waits for the answers of Republic of Arvenia by 30 June 2030\./);
      assert.match(toArvenia.text ?? '', new RegExp(`https://review\\.example\\.test/cycles/${cycle.id}/states/XAA`));

      // Each mail is in the outbox, its delivery recorded, the run audited.
      const rules = await services!.reminders.list(systemActor, cycle.id);
      assert.deepEqual(rules.rules.map((r) => [r.offsetDays, r.delivered]), [[-7, 2], [3, 0]]);
      const outbox = (await services!.mail.list(systemActor, { limit: 10 })).messages.filter((m) => m.kind === 'reminder');
      assert.deepEqual(outbox.map((m) => m.status), ['sent', 'sent']);
      const remind = (await services!.audit.list(systemActor, { limit: 50 })).filter((e) => e.action === 'cycle.remind' && e.subject === `cycle:${cycle.id}`);
      assert.equal(remind.length, 1);
      assert.deepEqual(remind[0]!.details.reminded, ['XAA', 'XAC']);
      assert.equal(remind[0]!.details.rule, week.id);

      // The same day again, then after a restart: no second mail.
      assert.deepEqual(((await queue!.run('reminders')) as { rules: unknown[] }).rules, []);
      await restart();
      now = new Date('2030-06-25T09:00:00Z');
      assert.deepEqual(((await queue!.run('reminders')) as { rules: unknown[] }).rules, []);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(smtp.received.length, 2);

      // The rule after the deadline has its own day: Arvenia and Coralia once more, Belmora never.
      now = new Date('2030-07-03T00:00:00Z');
      const after = (await queue!.run('reminders')) as { rules: { ruleId: string; reminded: string[] }[] };
      assert.deepEqual(after.rules.map((r) => [r.ruleId, r.reminded]), [[late.id, ['XAA', 'XAC']]]);
      assert.equal(smtp.received.length, 4);
      assert.equal(smtp.received[2]!.mail.subject, 'Reminder: Reminded review is due on 2030-06-30');
      assert.ok(smtp.received.every((m) => m.to[0] !== people.belmora.user.email));
    } finally {
      await queue?.stop();
      await db?.close();
      await smtp.close();
    }
  });
});
