// Scheduled reminders through each surface: the HTTP routes of a cycle's rules (the secretariat
// reads them, its administrators change them; bad input named; audited), on PGlite and on
// PostgreSQL; `gcm-review cycle reminders` on an embedded store; `gcm-review worker`, which runs
// the reminder job in a process of its own on PostgreSQL and refuses the embedded store; and
// `gcm-review serve`, which runs it itself on the embedded store, as it starts and on its schedule.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it, test } from 'node:test';
import { registerCycleCommands } from '../../src/cli/commands/cycle.ts';
import { loadConfig } from '../../src/config.ts';
import { renderMessage } from '../../src/domain/mail.ts';
import { startJobs } from '../../src/jobs/index.ts';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import { addDays, ruleWording } from '../../src/services/reminders.ts';
import { openDatabase } from '../../src/store/database.ts';
import { packageRoot } from '../../src/package-root.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fromSources, runCli } from '../support/cli-process.ts';
import { runCommand } from '../support/cli.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startServeProcess } from '../support/serve-process.ts';
import { startSmtpServer } from '../support/smtp.ts';

interface Rule {
  id: string;
  offsetDays: number;
  sendOn: string;
  subject: string | null;
  body: string | null;
  delivered: number;
}

await describeEachBackend('HTTP: a cycle’s scheduled reminders', (t) => {
  let app: TestApp;
  let cycleId = '';
  const cookies: Record<string, string> = {};

  const call = async (method: string, path: string, who: string, json?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: cookies[who]!, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const rules = () => `/api/cycles/${cycleId}/reminder-rules`;

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    for (const [key, role, state] of [
      ['admin', 'secretariat-admin', null],
      ['analyst', 'secretariat-analyst', null],
      ['coordinator', 'state-coordinator', 'XAA'],
    ] as const) {
      const p = await addUser(t.services, role, state);
      cookies[key] = await app.signIn(p.user.email, p.password);
    }
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Reminder rules review',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2031-03-31',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB'],
      status: 'open',
    });
    cycleId = cycle.id;
  });
  after(() => app?.close());

  it('adds, lists, changes and removes rules for an administrator, each audited', async () => {
    let res = await call('POST', rules(), 'admin', { offsetDays: -7 });
    assert.equal(res.status, 201);
    const week = (await res.json()) as Rule;
    assert.deepEqual([week.offsetDays, week.sendOn, week.subject, week.body, week.delivered], [-7, '2031-03-24', null, null, 0]);
    res = await call('POST', rules(), 'admin', { offsetDays: 2, subject: '  {stateName}: two days late  ', body: 'Dear {recipientName},\r\n\r\nPlease answer: {link}' });
    const late = (await res.json()) as Rule;
    assert.deepEqual([late.subject, late.body, late.sendOn], ['{stateName}: two days late', 'Dear {recipientName},\n\nPlease answer: {link}', '2031-04-02']);

    res = await call('GET', rules(), 'analyst');
    assert.equal(res.status, 200);
    const list = (await res.json()) as { rules: Rule[]; placeholders: string[]; builtIn: { subject: string } };
    assert.deepEqual(list.rules.map((r) => r.offsetDays), [-7, 2]);
    assert.ok(list.placeholders.includes('meeting.name') && list.placeholders.includes('stateName'));
    assert.equal(list.builtIn.subject, 'Reminder: {cycleTitle} is due on {deadline}');

    res = await call('PATCH', `${rules()}/${late.id}`, 'admin', { offsetDays: 3, subject: '' });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as Rule).subject, null);
    res = await call('DELETE', `${rules()}/${week.id}`, 'admin');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Rule).offsetDays, -7);
    assert.deepEqual((await t.services.reminders.list(systemActor, cycleId)).rules.map((r) => r.offsetDays), [3]);

    const audited = (await t.services.audit.list(systemActor, { subject: `cycle:${cycleId}`, action: 'reminder' })).map((e) => e.action).sort();
    assert.deepEqual(audited, ['reminder.add', 'reminder.add', 'reminder.remove', 'reminder.update']);
  });

  it('names what is wrong: the day, an unknown placeholder, a subject on two lines; a second rule on one day is a conflict', async () => {
    const problems = async (body: unknown, status = 400) => {
      const res = await call('POST', rules(), 'admin', body);
      assert.equal(res.status, status);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      return (await res.json()) as { detail: string; errors?: { path: string; message: string }[] };
    };
    assert.match(JSON.stringify((await problems({ offsetDays: 400 })).errors), /offsetDays/);
    assert.match(JSON.stringify((await problems({ offsetDays: 1.5 })).errors), /offsetDays/);
    const unknown = await problems({ offsetDays: -1, body: 'Hello {nickname}, see {link}' });
    assert.deepEqual(unknown.errors?.map((e) => e.path), ['body']);
    assert.match(unknown.errors![0]!.message, /"\{nickname\}" is not a placeholder of reminders; they are \{recipientName\}/);
    assert.deepEqual((await problems({ offsetDays: -1, subject: 'One\nTwo' })).errors?.map((e) => e.path), ['subject']);
    await call('POST', rules(), 'admin', { offsetDays: -14 });
    assert.match((await problems({ offsetDays: -14 }, 409)).detail, /already has a reminder 14 days before the deadline/);
    const missing = await call('PATCH', `${rules()}/00000000-0000-4000-8000-000000000000`, 'admin', { offsetDays: 1 });
    assert.equal(missing.status, 404);
  });

  it('refuses analysts a change and States a look', async () => {
    assert.equal((await call('POST', rules(), 'analyst', { offsetDays: -30 })).status, 403);
    assert.equal((await call('GET', rules(), 'coordinator')).status, 403);
    assert.equal((await call('GET', `/api/cycles/00000000-0000-4000-8000-000000000000/reminder-rules`, 'admin')).status, 404);
  });
});

test('a rule’s words fill the cycle’s terms and leave the reminder’s own placeholders to each message', () => {
  const cycle = { region: 'escap', meeting: { name: 'Regional Review' }, deadline: '2031-03-31', returnAddresses: ['a@example.test'] };
  const wording = ruleWording({ subject: 'Due {deadline}: {stateName}', body: 'Dear {recipientName},\n\nFor the {meeting.name} in {meeting.place|Bangkok}, write to {returnTo}{copyTo}.' }, cycle)!;
  const message = renderMessage({
    kind: 'reminder',
    to: 'x@example.test',
    values: { recipientName: 'Ama', cycleTitle: 'T', stateName: 'Arvenia', deadline: '2031-03-31', link: 'https://x.example/l', ...wording.values },
    template: wording.template,
  });
  assert.equal(message.subject, 'Due 31 March 2031: Arvenia');
  assert.equal(message.text, 'Dear Ama,\n\nFor the Regional Review in Bangkok, write to a@example.test.\n');
  assert.equal(ruleWording({ subject: null, body: null }, cycle), undefined);
  assert.equal(addDays('2031-03-01', -1), '2031-02-28');
});

test('gcm-review cycle reminders lists, adds and removes a cycle’s reminders', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-reminders-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  const cycle = await createServices(db).cycles.create(systemActor, {
    title: 'CLI reminders',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2031-05-31',
    returnAddresses: [],
    invitedStates: ['XAA'],
    status: 'open',
  });
  await db.close();
  const run = (...args: string[]) => runCommand([registerCycleCommands], 'cycle', 'reminders', cycle.id, ...args, '--data-dir', dataDir);

  assert.match(await run(), /No scheduled reminders yet/);
  assert.equal(await run('--add', '-7'), 'Added a reminder 7 days before the deadline: it goes out on 2031-05-24.\n');
  const bodyFile = join(dataDir, 'body.txt');
  writeFileSync(bodyFile, 'Dear {recipientName},\n\nStill waiting for {stateName}.\n');
  await run('--add', '1', '--subject', '{stateName}: one day late', '--body-file', bodyFile);
  const listed = await run();
  assert.match(listed, /^-7\s+7 days before the deadline\s+2031-05-24\s+0\s+\(built-in\) Reminder: \{cycleTitle\} is due on \{deadline\}$/m);
  assert.match(listed, /^1\s+1 day after the deadline\s+2031-06-01\s+0\s+\{stateName\}: one day late$/m);
  const json = JSON.parse(await run('--json')) as { rules: { body: string | null }[] };
  assert.equal(json.rules[1]!.body, 'Dear {recipientName},\n\nStill waiting for {stateName}.');
  assert.match(await run('--remove', '-7'), /^Removed the reminder 7 days before the deadline \(it had reminded 0 States\)/);
  await assert.rejects(run('--remove', '-7'), /This cycle has no reminder 7 days before the deadline; its reminders are on 1/);
  await assert.rejects(run('--add', 'soon'), /--add takes a whole number of days from the deadline/);
  await assert.rejects(run('--add', '1'), /already has a reminder 1 day after the deadline/);
});

test('gcm-review worker, and serve --no-jobs, refuse the embedded store, saying the server runs its jobs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-worker-'));
  try {
    const r = runCli(['worker', '--data-dir', dataDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /gcm-review worker runs jobs on PostgreSQL .* On the embedded store the server runs them itself/);
    const serve = runCli(['serve', '--no-jobs', '--port', '0', '--data-dir', dataDir]);
    assert.equal(serve.code, 1);
    assert.match(serve.stderr, /--no-jobs needs PostgreSQL: only this server can open the embedded store, so it runs the background jobs itself/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

await describeEachBackend('gcm-review worker runs the reminder job in a process of its own', (t) => {
  it('mails a due reminder as it starts, once, and stops on SIGTERM', { skip: t.backend.name === 'pglite' ? 'the worker is for PostgreSQL; on PGlite the server runs the jobs' : false }, async () => {
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAB', 'Bo Belmoran');
    const today = new Date().toISOString().slice(0, 10);
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Worker review',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: addDays(today, 7),
      returnAddresses: [],
      invitedStates: ['XAB'],
      status: 'open',
    });
    await t.services.reminders.add(systemActor, cycle.id, { offsetDays: -7 });
    const reminders = async () => (await t.services.mail.list(systemActor, { limit: 20 })).messages.filter((m) => m.kind === 'reminder' && m.to[0] === coordinator.user.email);

    const child = spawn(process.execPath, fromSources('worker', '--polling-seconds', '0.5'), {
      cwd: packageRoot,
      env: { ...process.env, DATABASE_URL: t.databaseUrl!, PUBLIC_URL: 'https://review.example.test', SMTP_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // The worker runs the reminder job as it starts: the rule due today goes at once.
      const until = Date.now() + 60_000;
      while ((await reminders()).length === 0) {
        if (Date.now() > until) assert.fail(`no reminder within 60 s; the worker said: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.match(stderr, /GCM Review worker is running jobs \(reminders\)/);
      const [sent] = await reminders();
      assert.match(sent!.text, new RegExp(`https://review\\.example\\.test/cycles/${cycle.id}/states/XAB`));
      // Sent to the queue by this process, the job runs in the worker, and reminds no one twice.
      const sender = await startJobs(t.db, t.services, { baseUrl: 'unused' }, { work: false });
      try {
        assert.deepEqual(((await sender.run('reminders', {}, 30_000)) as { rules: unknown[] }).rules, []);
      } finally {
        await sender.stop();
      }
      assert.equal((await reminders()).length, 1);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  });
});

test('the server runs the reminder job itself on the embedded store: the due reminder goes once, not again after a restart', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-serve-jobs-'));
  const smtp = await startSmtpServer();
  const saved = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };
  t.after(async () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const today = new Date().toISOString().slice(0, 10);
  const db = await openDatabase(loadConfig({}, { dataDir }));
  const services = createServices(db);
  const coordinator = await addUser(services, 'state-coordinator', 'XAC', 'Cy Coralian');
  const cycle = await services.cycles.create(systemActor, {
    title: 'Served review',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: addDays(today, 3),
    returnAddresses: [],
    invitedStates: ['XAC'],
    status: 'open',
  });
  await services.reminders.add(systemActor, cycle.id, { offsetDays: -3, subject: 'Three days left for {stateName}' });
  await db.close();

  // The server process reads these from its environment (it inherits this process's).
  process.env.SMTP_URL = smtp.url;
  process.env.PUBLIC_URL = 'https://review.example.test';
  let server = await startServeProcess(['--data-dir', dataDir]);
  try {
    const until = Date.now() + 30_000;
    while (smtp.received.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(smtp.received.map((m) => m.to), [[coordinator.user.email]], `no reminder within 30 s; the server said: ${server.stderr()}`);
    assert.equal(smtp.received[0]!.mail.subject, 'Three days left for Federated Islands of Coralia');
  } finally {
    await server.stop();
  }
  // Started again, the server runs the job again (as it starts; it polls every 5 s): it finds the reminder sent.
  server = await startServeProcess(['--data-dir', dataDir]);
  try {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  } finally {
    await server.stop();
  }
  assert.equal(smtp.received.length, 1);
  const reopened = await openDatabase(loadConfig({}, { dataDir }));
  try {
    const { rows } = await (reopened.drizzle as unknown as { $client: { query: (q: string) => Promise<{ rows: { n: number }[] }> } }).$client.query(
      "select count(*)::int as n from pgboss.job where name = 'reminders' and state = 'completed'",
    );
    assert.ok(rows[0]!.n >= 2, `the reminder job ran ${rows[0]!.n} time(s) in the two servers, not at least twice`);
    assert.equal((await createServices(reopened).reminders.list(systemActor, cycle.id)).rules[0]!.delivered, 1);
  } finally {
    await reopened.close();
  }
});
