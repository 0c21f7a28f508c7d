// A cycle's life over HTTP, on PGlite and on PostgreSQL, with mail through a real SMTP server:
// a draft is edited (its terms and invited States; bad input named field by field); opening it
// mails the coordinator of a State that has one the link to its submission, invites the address
// given for a State that has none, and names the State no one can be told in; once open, its
// terms are refused with the reason, except a later deadline, whose extension is audited and
// mailed; closing locks drafts; the replies-over-time series counts a State that submitted.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createServices } from '../../src/services/index.ts';
import { systemActor } from '../../src/services/actors.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

await describeEachBackend('HTTP: edit, open, extend and close a review cycle', (t) => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  const cookies: Record<string, string> = {};
  let arvenia = { email: '', name: 'Ama Arvenian' };

  async function call(method: string, path: string, cookie: string, json?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  before(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp(t.backend, { database: { db: t.db, services: createServices(t.db, { mail: { smtpUrl: smtp.url, mailFrom: 'GCM Review <review@example.test>' } }) } });
    const admin = await addUser(t.services, 'secretariat-admin', null, 'Ada Admin');
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAA', arvenia.name);
    arvenia = { email: coordinator.user.email, name: arvenia.name };
    cookies.admin = await app.signIn(admin.user.email, admin.password);
    cookies.arvenia = await app.signIn(coordinator.user.email, coordinator.password);
  });
  after(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('edits a draft, opens it with notices and an invitation, refuses its terms once open, extends its deadline by mail, and closes it', async () => {
    const created = await call('POST', '/api/cycles', cookies.admin!, {
      title: 'Lifecycle review (draft title)',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: ['review@secretariat.example'],
      invitedStates: ['XAA', 'XAB'],
      status: 'draft',
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as string;
    const path = `/api/cycles/${id}`;

    // Bad input is named field by field, and changes nothing.
    const bad = await call('PATCH', path, cookies.admin!, { title: ' ', deadline: '31/08/2030', invitedStates: ['XAA', 'XZZ'], returnAddresses: ['nowhere'] });
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual((bad.body.errors as { path: string }[]).map((e) => e.path).sort(), ['deadline', 'invitedStates[1]', 'returnAddresses[0]', 'title']);
    // Only secretariat administrators edit.
    assert.equal((await call('PATCH', path, cookies.arvenia!, { title: 'Mine now' })).status, 403);

    const edited = await call('PATCH', path, cookies.admin!, {
      title: 'Lifecycle review 2030',
      meeting: { name: 'Fictional Regional Review', place: 'Arvenia City', dates: '1-3 March 2031' },
      deadline: '2030-07-31',
      invitedStates: ['XAA', 'XAB', 'XAC'],
    });
    assert.equal(edited.status, 200, edited.text);
    const cycle = edited.body.cycle as { title: string; deadline: string; invitedStates: string[]; meeting: unknown; status: string; returnAddresses: string[] };
    assert.deepEqual(
      { title: cycle.title, deadline: cycle.deadline, invited: cycle.invitedStates, meeting: cycle.meeting, status: cycle.status, returnAddresses: cycle.returnAddresses },
      {
        title: 'Lifecycle review 2030',
        deadline: '2030-07-31',
        invited: ['XAA', 'XAB', 'XAC'],
        meeting: { name: 'Fictional Regional Review', place: 'Arvenia City', dates: '1-3 March 2031' },
        status: 'draft',
        returnAddresses: ['review@secretariat.example'],
      },
    );
    assert.deepEqual(edited.body.notified, [], 'a draft tells no one');
    const [editEvent] = await t.services.audit.list(systemActor, { limit: 1 });
    assert.deepEqual([editEvent?.action, editEvent?.subject], ['cycle.edit', `cycle:${id}`]);
    assert.deepEqual((editEvent?.details as { invited: string[] }).invited, ['XAC']);
    // A State taken off again, and the meeting taken off: then put back as it was.
    const narrowed = await call('PATCH', path, cookies.admin!, { invitedStates: ['XAA', 'XAB'], meeting: null });
    assert.deepEqual([(narrowed.body.cycle as { invitedStates: string[] }).invitedStates, (narrowed.body.cycle as { meeting: unknown }).meeting], [['XAA', 'XAB'], null]);
    await call('PATCH', path, cookies.admin!, { invitedStates: ['XAA', 'XAB', 'XAC'], meeting: { name: 'Fictional Regional Review' } });
    assert.equal(smtp.received.length, 0, 'editing a draft sends no mail');

    // Opening: an address given for a State that is not invited is refused before anything happens.
    const wrong = await call('POST', `${path}/open`, cookies.admin!, { coordinators: [{ stateIso3: 'KHM', email: 'someone@example.test' }, { stateIso3: 'XAB', email: 'not an address' }] });
    assert.equal(wrong.status, 400, wrong.text);
    assert.deepEqual((wrong.body.errors as { path: string }[]).map((e) => e.path), ['coordinators[0].stateIso3', 'coordinators[1].email']);
    assert.equal((await call('GET', path, cookies.admin!)).body.status, 'draft');

    const opened = await call('POST', `${path}/open`, cookies.admin!, { coordinators: [{ stateIso3: 'xab', email: 'Bo.Belmoran@belmora.example.test', name: 'Bo Belmoran' }] });
    assert.equal(opened.status, 200, opened.text);
    assert.equal((opened.body.cycle as { status: string }).status, 'open');
    assert.deepEqual(opened.body.notified, [{ iso3: 'XAA', stateName: 'Republic of Arvenia', to: [arvenia.email] }]);
    assert.deepEqual(opened.body.invited, [{ iso3: 'XAB', stateName: 'Kingdom of Belmora', email: 'bo.belmoran@belmora.example.test' }]);
    assert.deepEqual(opened.body.unreachable, [{ iso3: 'XAC', stateName: 'Federated Islands of Coralia' }]);

    const notice = await smtp.next();
    assert.deepEqual(notice.to, [arvenia.email]);
    assert.equal(notice.mail.subject, 'Invitation: Lifecycle review 2030');
    assert.match(notice.mail.text ?? '', /Dear Ama Arvenian,/);
    assert.match(notice.mail.text ?? '', /Republic of Arvenia is invited to take part in Lifecycle review 2030\. Please answer the questionnaire by 2030-07-31\./);
    assert.ok((notice.mail.text ?? '').includes(`${app.url}/cycles/${id}/states/XAA`), notice.mail.text);
    const invitation = await smtp.next();
    assert.deepEqual(invitation.to, ['bo.belmoran@belmora.example.test']);
    assert.equal(invitation.mail.subject, 'GCM Review: your account');
    assert.match(invitation.mail.text ?? '', /as coordinator for Kingdom of Belmora/);
    assert.match(invitation.mail.text ?? '', new RegExp(`${app.url.replace(/[.]/g, '\\.')}/invitation/[A-Za-z0-9_-]{43}`));
    // The invitation is the invitations service's own: pending, withdrawable like any other.
    const pending = await t.services.invitations.list(systemActor, { stateIso3: 'XAB' });
    assert.deepEqual(pending.map((p) => [p.email, p.role, p.scope]), [['bo.belmoran@belmora.example.test', 'state-coordinator', 'state']]);
    // The State now sees the cycle.
    assert.equal((await call('GET', path, cookies.arvenia!)).status, 200);
    // Only a draft is opened.
    const again = await call('POST', `${path}/open`, cookies.admin!, {});
    assert.equal(again.status, 409);
    assert.match(again.body.detail as string, /is open already: only a draft can be opened/);

    // Open: the terms are refused with the reason; the deadline may only move later.
    const retitled = await call('PATCH', path, cookies.admin!, { title: 'Another title', invitedStates: ['XAA'] });
    assert.equal(retitled.status, 409, retitled.text);
    assert.match(retitled.body.detail as string, /is open: its title and the States it invites can no longer be changed \(only a draft can be edited\); only its deadline can be extended\./);
    const earlier = await call('PATCH', path, cookies.admin!, { deadline: '2030-07-01' });
    assert.equal(earlier.status, 409);
    assert.match(earlier.body.detail as string, /can only be moved later than 2030-07-31/);
    // The same terms sent back change nothing and are not refused.
    assert.equal((await call('PATCH', path, cookies.admin!, { title: 'Lifecycle review 2030', deadline: '2030-07-31' })).status, 200);
    assert.equal(smtp.received.length, 2);

    const extended = await call('PATCH', path, cookies.admin!, { deadline: '2030-09-30' });
    assert.equal(extended.status, 200, extended.text);
    assert.equal((extended.body.cycle as { deadline: string }).deadline, '2030-09-30');
    assert.deepEqual(extended.body.notified, [{ iso3: 'XAA', stateName: 'Republic of Arvenia', to: [arvenia.email] }]);
    assert.deepEqual((extended.body.unreachable as { iso3: string }[]).map((r) => r.iso3), ['XAC', 'XAB'], 'by State name');
    const extension = await smtp.next();
    assert.deepEqual(extension.to, [arvenia.email]);
    assert.equal(extension.mail.subject, 'New deadline: Lifecycle review 2030 is now due on 2030-09-30');
    assert.match(extension.mail.text ?? '', /has been extended from 2030-07-31 to 2030-09-30/);
    const [extendEvent] = await t.services.audit.list(systemActor, { limit: 1 });
    assert.deepEqual([extendEvent?.action, extendEvent?.details], ['cycle.extend', { from: '2030-07-31', to: '2030-09-30' }]);

    // Arvenia submits: the replies over time count it on today's date.
    const submission = `${path}/submissions/XAA`;
    const current = (await call('GET', submission, cookies.arvenia!)).body as { version: number; response: Record<string, unknown> };
    const saved = await call('PUT', submission, cookies.arvenia!, { response: { ...current.response, consent: 'yes' }, baseVersion: current.version });
    assert.equal(saved.status, 200, saved.text);
    const submitted = await call('POST', `${submission}/transitions`, cookies.arvenia!, { action: 'submit', baseVersion: (saved.body as { version: number }).version });
    assert.equal(submitted.status, 200, submitted.text);
    assert.match((await smtp.next()).mail.subject ?? '', /^Received: the submission of Republic of Arvenia/);
    const replies = await call('GET', `${path}/replies`, cookies.admin!);
    assert.equal(replies.status, 200, replies.text);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(replies.body.days, [{ date: today, replies: 1, total: 1 }]);
    assert.deepEqual([replies.body.deadline, replies.body.invited, replies.body.to], ['2030-09-30', 3, '2030-09-30']);
    assert.equal((await call('GET', `${path}/replies`, cookies.arvenia!)).status, 403, 'the chart is the secretariat’s');

    // Closing locks drafts (the workflow refuses saves) and refuses any edit, the deadline too.
    assert.equal((await call('PUT', `${path}/status`, cookies.admin!, { status: 'closed' })).status, 200);
    const late = await call('PATCH', path, cookies.admin!, { deadline: '2030-12-31' });
    assert.equal(late.status, 409);
    assert.match(late.body.detail as string, /is closed: its terms can no longer be changed/);
    const draftInClosed = await call('POST', `${submission}/transitions`, cookies.arvenia!, { action: 'withdraw', baseVersion: (saved.body as { version: number }).version });
    assert.equal(draftInClosed.status, 409, draftInClosed.text);
    assert.match(draftInClosed.body.detail as string, /closed/);
    assert.equal((await call('PUT', `${path}/status`, cookies.admin!, { status: 'archived' })).body.status, 'archived');
  });

  it('keeps the answers of a State it invites: one that has saved cannot be taken off a cycle taken back to draft', async () => {
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Draft with answers',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: [],
      invitedStates: ['XAA', 'XAB'],
      status: 'open',
    });
    const empty = await t.services.submissions.get(systemActor, cycle.id, 'XAB');
    await t.services.submissions.saveDraft(systemActor, cycle.id, 'XAB', { ...empty.response, consent: 'no' }, { baseVersion: 0 });
    await t.services.cycles.setStatus(systemActor, cycle.id, 'draft');
    const refused = await call('PATCH', `/api/cycles/${cycle.id}`, cookies.admin!, { invitedStates: ['XAA'] });
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(refused.body.errors, [{ path: 'invitedStates', message: 'XAB has saved answers (version 1): it cannot be taken off the cycle' }]);
    assert.deepEqual((await t.services.cycles.get(systemActor, cycle.id)).invitedStates, ['XAA', 'XAB']);
  });
});
