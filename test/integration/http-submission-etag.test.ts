// Reading a submission again over HTTP: GET sends an ETag, and a client that sends it back in
// If-None-Match gets 304 without the response while nothing changed. A new version, a move in the
// workflow or another reader changes the tag; whether the reader may read it is checked on every
// request first, so a signed-out session or another State's user never gets a 304.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { emptyResponse, type Response } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

const template = builtinTemplate('apac-2020')!;

function draft(text: string): Response {
  const response = emptyResponse(template);
  response.answers[0]!.paragraphs = [{ number: 1, text, footnotes: [] }];
  return response;
}

await describeEachBackend('HTTP: ETag and 304 on reading a submission', (t) => {
  let app: TestApp;
  let cycleId: string;
  const cookies: Record<string, string> = {};

  async function call(method: string, path: string, cookie: string, options: { json?: unknown; ifNoneMatch?: string } = {}) {
    const headers: Record<string, string> = { cookie };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.ifNoneMatch !== undefined) headers['if-none-match'] = options.ifNoneMatch;
    const res = await fetch(`${app.url}${path}`, { method, headers, ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }) });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), length: res.headers.get('content-length'), cacheControl: res.headers.get('cache-control'), text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    const created = await call('POST', '/api/cycles', cookies.admin!, {
      json: { title: 'Tags over HTTP', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA', 'XAB'] },
    });
    assert.equal(created.status, 201, created.text);
    cycleId = created.body.id as string;
  });
  after(() => app?.close());

  const submission = (iso3: string) => `/api/cycles/${cycleId}/submissions/${iso3}`;

  it('answers 304 without a body while the submission is unchanged, and a new version changes the tag', async () => {
    const saved = await call('PUT', submission('XAA'), cookies.arvenia!, { json: { response: draft('Arvenia opened two labour pathways.'), baseVersion: 0 } });
    assert.equal(saved.status, 200, saved.text);
    const first = await call('GET', submission('XAA'), cookies.arvenia!);
    assert.equal(first.status, 200, first.text);
    assert.match(first.etag ?? '', /^"[\w-]+"$/);
    // Still never stored by a browser or a proxy: the client keeps its copy itself.
    assert.equal(first.cacheControl, 'no-store');

    const again = await call('GET', submission('XAA'), cookies.arvenia!, { ifNoneMatch: first.etag! });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    // No length of a body either: some clients would wait for one.
    assert.equal(again.length, null);
    assert.equal(again.etag, first.etag);
    // A list of tags, a weak tag, and a tag of something else.
    assert.equal((await call('GET', submission('XAA'), cookies.arvenia!, { ifNoneMatch: `"other", W/${first.etag}` })).status, 304);
    assert.equal((await call('GET', submission('XAA'), cookies.arvenia!, { ifNoneMatch: '"other"' })).status, 200);

    const second = await call('PUT', submission('XAA'), cookies.arvenia!, { json: { response: draft('Arvenia opened three labour pathways.'), baseVersion: 1 } });
    assert.equal(second.status, 200, second.text);
    const after = await call('GET', submission('XAA'), cookies.arvenia!, { ifNoneMatch: first.etag! });
    assert.equal(after.status, 200, 'the old tag names version 1, not the current version 2');
    assert.notEqual(after.etag, first.etag);
    assert.equal(after.body.version, 2);
    const text = (after.body.response as Response).answers[0]!.paragraphs[0]!.text;
    assert.equal(text, 'Arvenia opened three labour pathways.');
    assert.equal((await call('GET', submission('XAA'), cookies.arvenia!, { ifNoneMatch: after.etag! })).status, 304);
  });

  it('changes the tag when the workflow moves the submission, and with what the reader may do', async () => {
    const read = await call('GET', submission('XAB'), cookies.belmora!);
    const saved = await call('PUT', submission('XAB'), cookies.belmora!, { json: { response: draft('Belmora drafted.'), baseVersion: read.body.version } });
    assert.equal(saved.status, 200, saved.text);
    const before = await call('GET', submission('XAB'), cookies.belmora!);
    // The secretariat reads the same version but may do other things: its own tag.
    const secretariat = await call('GET', submission('XAB'), cookies.admin!);
    assert.equal(secretariat.body.version, before.body.version);
    assert.notEqual(secretariat.etag, before.etag);

    const moved = await call('POST', `${submission('XAB')}/transitions`, cookies.belmora!, { json: { action: 'submit', baseVersion: before.body.version } });
    assert.equal(moved.status, 200, moved.text);
    const after = await call('GET', submission('XAB'), cookies.belmora!, { ifNoneMatch: before.etag! });
    assert.equal(after.status, 200);
    assert.equal(after.body.status, 'submitted');
    assert.notEqual(after.etag, before.etag);
  });

  it('checks the reader on every request first: no 304 after signing out, nor to another State', async () => {
    const person = await addUser(t.services, 'state-coordinator', 'XAA');
    const cookie = await app.signIn(person.user.email, person.password);
    const read = await call('GET', submission('XAA'), cookie);
    assert.equal(read.status, 200);
    assert.equal((await call('GET', submission('XAA'), cookie, { ifNoneMatch: read.etag! })).status, 304);

    // Another State's coordinator with the tag: refused, as without it.
    const other = await call('GET', submission('XAA'), cookies.belmora!, { ifNoneMatch: read.etag! });
    assert.equal(other.status, 403);
    assert.equal(other.etag, null);

    assert.equal((await call('DELETE', '/api/session', cookie)).status, 204);
    const revoked = await call('GET', submission('XAA'), cookie, { ifNoneMatch: read.etag! });
    assert.equal(revoked.status, 401);
    assert.equal(revoked.etag, null);
    assert.equal(revoked.body.response, undefined);
  });
});
