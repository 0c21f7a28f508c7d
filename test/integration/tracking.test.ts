// The secretariat's tracking table and "remind now" over HTTP, on PGlite and on PostgreSQL: one
// row per invited State with its coordinators and completeness; CSV guarded against formulas;
// XLSX read back by a real reader; reminders in the outbox, one per coordinator, submitted States
// skipped; a State's users refused.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { emptyResponse } from '../../src/domain/response.ts';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { needOffice, sofficePath } from '../support/office.ts';
import { fixedSlotTemplate } from '../support/fixed-slots.ts';

interface Row {
  iso3: string;
  stateName: string;
  coordinators: { name: string; email: string }[];
  status: string;
  version: number;
  lastActivity: { at: string; by: string } | null;
  completeness: Record<string, number>;
  consent: string;
  daysToDeadline: number | null;
}

await describeEachBackend('HTTP: the tracking table and reminders', (t) => {
  let app: TestApp;
  let cycleId = '';
  const cookies: Record<string, string> = {};
  const emails: Record<string, string> = {};

  const get = async (path: string, who: string) => fetch(`${app.url}${path}`, { headers: { cookie: cookies[who]! } });
  const post = async (path: string, who: string, json: unknown) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, body: JSON.stringify(json) });

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA', 'Ama Arvenian'),
      arvenia2: await addUser(t.services, 'state-coordinator', 'XAA', 'Ari Arvenian'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB', '=HYPERLINK("http://evil.example")'),
      contributor: await addUser(t.services, 'state-contributor', 'XAA'),
    };
    for (const [key, p] of Object.entries(people)) {
      cookies[key] = await app.signIn(p.user.email, p.password);
      emails[key] = p.user.email;
    }
    // XAC has no coordinator.
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Tracking review',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2031-06-30',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB', 'XAC'],
      status: 'open',
    });
    cycleId = cycle.id;
    const template = fixedSlotTemplate(await t.services.cycles.template(systemActor, cycleId));
    const response = emptyResponse(template);
    const [q1, q2] = response.answers;
    q1!.paragraphs = [{ number: 1, text: 'Arvenia has a national plan on migration.', footnotes: [] }];
    q2!.paragraphs = [{ number: null, text: 'Three more words.', footnotes: [] }];
    response.principles[0]!.integrated = 'yes';
    response.principles[1]!.integrated = 'no';
    response.consent = 'yes';
    await t.services.submissions.saveDraft(people.arvenia.actor, cycleId, 'XAA', response, { baseVersion: 0 });
    // XAB saves twice (a delta on top of a full copy) and submits.
    const xab = emptyResponse(template);
    await t.services.submissions.saveDraft(people.belmora.actor, cycleId, 'XAB', xab, { baseVersion: 0 });
    xab.answers[0]!.paragraphs = [{ number: null, text: 'One two three four five.', footnotes: [] }];
    await t.services.submissions.saveDraft(people.belmora.actor, cycleId, 'XAB', xab, { baseVersion: 1 });
    await t.services.submissions.transition(people.belmora.actor, cycleId, 'XAB', { action: 'submit', baseVersion: 2 });
  });
  after(() => app?.close());

  it('gives one row per invited State, with coordinators, last activity and completeness', async () => {
    const res = await get(`/api/cycles/${cycleId}/tracking`, 'analyst');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rows: Row[]; counts: Record<string, number>; today: string };
    assert.deepEqual(body.rows.map((r) => r.iso3).sort(), ['XAA', 'XAB', 'XAC']);
    assert.deepEqual(body.counts, { draft: 1, submitted: 1, 'not-started': 1 });
    const xaa = body.rows.find((r) => r.iso3 === 'XAA')!;
    assert.deepEqual(xaa.coordinators.map((c) => c.name), ['Ama Arvenian', 'Ari Arvenian']);
    assert.equal(xaa.status, 'draft');
    assert.equal(xaa.lastActivity?.by, 'Ama Arvenian');
    assert.equal(xaa.consent, 'yes');
    const template = fixedSlotTemplate(await t.services.cycles.template(systemActor, cycleId));
    const questions = template.clusters.flatMap((c) => c.questions).length + template.openQuestions.length;
    assert.deepEqual(xaa.completeness, {
      questionsAnswered: 2,
      questionsTotal: questions,
      principlesAnswered: 2,
      principlesTotal: 10,
      words: 10,
      wordGuidance: [...template.clusters.flatMap((c) => c.questions), ...template.openQuestions].reduce((n, q) => n + (q.wordGuidance ?? 0), 0),
    });
    assert.ok(xaa.daysToDeadline! > 0);
    const xab = body.rows.find((r) => r.iso3 === 'XAB')!;
    assert.equal(xab.version, 2);
    assert.equal(xab.completeness.words, 5);
    assert.equal(xab.daysToDeadline, null);
    const xac = body.rows.find((r) => r.iso3 === 'XAC')!;
    assert.deepEqual([xac.coordinators, xac.lastActivity, xac.completeness.questionsAnswered, xac.consent], [[], null, 0, 'unanswered']);
  });

  it("refuses a State's users", async () => {
    for (const who of ['arvenia', 'contributor']) {
      for (const path of ['tracking', 'tracking.csv', 'tracking.xlsx']) assert.equal((await get(`/api/cycles/${cycleId}/${path}`, who)).status, 403, `${who} ${path}`);
      assert.equal((await post(`/api/cycles/${cycleId}/reminders`, who, {})).status, 403);
    }
    assert.equal((await post(`/api/cycles/${cycleId}/reminders`, 'analyst', {})).status, 403);
  });

  it('writes CSV with formulas defused', async () => {
    const res = await get(`/api/cycles/${cycleId}/tracking.csv`, 'admin');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="tracking-.*\.csv"/);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0]!, /^ISO3,State,Coordinators,/);
    const xab = lines.find((l) => l.startsWith('XAB,'))!;
    assert.ok(xab.includes(`"'=HYPERLINK(""http://evil.example"")"`), xab);
    assert.ok(!/,=/.test(text));
  });

  it('writes XLSX that a spreadsheet reader opens: header, frozen row, dates as dates', async () => {
    const res = await get(`/api/cycles/${cycleId}/tracking.xlsx`, 'admin');
    assert.equal(res.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tracking')!;
    assert.equal(sheet.getCell('A1').value, 'ISO3');
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal(sheet.rowCount, 4);
    const rows = [2, 3, 4].map((n) => sheet.getRow(n));
    const xaa = rows.find((r) => r.getCell(1).value === 'XAA')!;
    assert.ok(xaa.getCell(7).value instanceof Date);
    assert.equal(xaa.getCell(13).value, 10);
    const xab = rows.find((r) => r.getCell(1).value === 'XAB')!;
    assert.equal(xab.getCell(3).value, `'=HYPERLINK("http://evil.example")`);
    assert.ok((sheet.getColumn(2).width ?? 0) >= 20);
  });

  it('writes XLSX that LibreOffice converts to CSV', async (ctx) => {
    if (t.backend.name !== 'pglite' || !needOffice(ctx)) return; // the file is the same on both backends
    const res = await get(`/api/cycles/${cycleId}/tracking.xlsx`, 'admin');
    const dir = mkdtempSync(join(tmpdir(), 'gcm-tracking-xlsx-'));
    ctx.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'tracking.xlsx'), Buffer.from(await res.arrayBuffer()));
    const converted = await promisify(execFile)(
      sofficePath()!,
      ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', join(dir, 'out'), join(dir, 'tracking.xlsx')],
      { timeout: 180_000 },
    );
    // A LibreOffice without Calc (e.g. libreoffice-writer-nogui alone) cannot open a workbook at all.
    if (!existsSync(join(dir, 'out', 'tracking.csv')) && /could not be loaded/.test(converted.stderr + converted.stdout)) return void ctx.skip('LibreOffice Calc is not installed');
    const lines = readFileSync(join(dir, 'out', 'tracking.csv'), 'utf8').trim().split(/\r?\n/);
    assert.match(lines[0]!, /^ISO3,State,Coordinators,/);
    assert.equal(lines.length, 4);
    assert.ok(lines.some((l) => /^XAA,Republic of Arvenia,/.test(l)));
  });

  it('reminds every coordinator of the States that have not submitted, one mail each, and says whom it could not', async () => {
    const before = (await t.services.mail.list(systemActor, { limit: 200 })).total;
    const res = await post(`/api/cycles/${cycleId}/reminders`, 'admin', {});
    assert.equal(res.status, 200);
    const result = (await res.json()) as { reminded: { iso3: string; to: string[] }[]; noCoordinator: { iso3: string }[]; skipped: { iso3: string }[] };
    assert.deepEqual(result.reminded.map((r) => r.iso3), ['XAA']);
    assert.deepEqual(result.reminded[0]!.to.sort(), [emails.arvenia, emails.arvenia2].sort());
    assert.deepEqual(result.noCoordinator.map((r) => r.iso3), ['XAC']);
    assert.deepEqual(result.skipped.map((r) => r.iso3), ['XAB']);
    const page = await t.services.mail.list(systemActor, { limit: 200 });
    assert.equal(page.total - before, 2);
    const sent = page.messages.slice(0, 2);
    assert.deepEqual(sent.map((m) => m.kind), ['reminder', 'reminder']);
    assert.deepEqual(sent.flatMap((m) => m.to).sort(), [emails.arvenia, emails.arvenia2].sort());
    assert.ok(sent.every((m) => m.text.includes('2031-06-30') && m.text.includes(`/cycles/${cycleId}/states/XAA`)));
    const events = await t.services.audit.list(systemActor, { limit: 20 });
    assert.deepEqual(events.find((e) => e.action === 'cycle.remind')?.details, { reminded: ['XAA'], noCoordinator: ['XAC'], skipped: ['XAB'] });

    // Named States: a submitted one is skipped; one not invited is refused.
    const named = (await (await post(`/api/cycles/${cycleId}/reminders`, 'admin', { states: ['xab'] })).json()) as typeof result;
    assert.deepEqual([named.reminded, named.skipped.map((s) => s.iso3)], [[], ['XAB']]);
    assert.equal((await post(`/api/cycles/${cycleId}/reminders`, 'admin', { states: ['XAZ'] })).status, 400);
    assert.equal((await t.services.mail.list(systemActor, { limit: 1 })).total, page.total);

    // A draft cycle's States cannot see it: no reminder.
    const draft = await t.services.cycles.create(systemActor, { title: 'Draft', templateId: 'apac-2020', region: 'escap', deadline: '2031-06-30', returnAddresses: [], invitedStates: ['XAA'], status: 'draft' });
    assert.equal((await post(`/api/cycles/${draft.id}/reminders`, 'admin', {})).status, 409);
    assert.equal((await t.services.mail.list(systemActor, { limit: 1 })).total, page.total);
  });
});
