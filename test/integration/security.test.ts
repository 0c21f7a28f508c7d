// Security review regressions: hostile input that once reached the database and answered 500.
// PostgreSQL refuses the NUL character (U+0000) in text and jsonb, so every surface must answer
// it with a 400 (or a 404 for an id no record can have) before the database sees it. And the
// API's hooks (session, NUL check, content types, no-store) apply however the path is encoded.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { emptyResponse } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

interface Problem {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

await describeEachBackend('HTTP security', (t) => {
  let app: TestApp;
  let admin: string;
  let coordinator: string;
  let cycleId: string;

  async function call(method: string, path: string, init: { cookie?: string; json?: unknown; body?: string; type?: string } = {}) {
    const headers: Record<string, string> = {};
    if (init.cookie) headers.cookie = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.type) headers['content-type'] = init.type;
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const res = await fetch(`${app.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  }

  /** Asserts a problem with `status` whose field errors name `path`. */
  function assertRefused(answer: { status: number; type: string; text: string }, status: number, path?: string): Problem {
    assert.equal(answer.status, status, answer.text);
    assert.match(answer.type, /^application\/problem\+json/);
    const p = JSON.parse(answer.text) as Problem;
    if (path) assert.deepEqual(p.errors.map((e) => e.path), [path], answer.text);
    return p;
  }

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const a = await addUser(t.services, 'secretariat-admin');
    const c = await addUser(t.services, 'state-coordinator', 'XAA');
    admin = await app.signIn(a.user.email, a.password);
    coordinator = await app.signIn(c.user.email, c.password);
    const created = await call('POST', '/api/cycles', {
      cookie: admin,
      json: { title: 'Security review cycle', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'] },
    });
    assert.equal(created.status, 201, created.text);
    cycleId = (JSON.parse(created.text) as { id: string }).id;
  });
  after(async () => {
    await app?.close();
  });

  it('refuses a NUL character in a draft’s text or note with a 400 naming the field, and stores nothing', async () => {
    const response = emptyResponse(builtinTemplate('apac-2020')!);
    response.answers[0]!.paragraphs = [{ number: 1, text: 'Arvenia\u0000 opened a labour pathway.', footnotes: [] }];
    const path = `/api/cycles/${cycleId}/submissions/XAA`;
    const p = assertRefused(await call('PUT', path, { cookie: coordinator, json: { response } }), 400, 'response.answers[0].paragraphs[0].text');
    assert.match(p.detail, /NUL character/);
    response.answers[0]!.paragraphs[0]!.text = 'Arvenia opened a labour pathway.';
    assertRefused(await call('PUT', path, { cookie: coordinator, json: { response, note: 'first\u0000pass' } }), 400, 'note');
    const stored = JSON.parse((await call('GET', path, { cookie: coordinator })).text) as { version: number };
    assert.equal(stored.version, 0);
  });

  it('refuses a NUL character in a sign-in e-mail and in a new cycle’s title with a 400', async () => {
    assertRefused(await call('POST', '/api/session', { json: { email: 'someone\u0000@example.test', password: 'whatever-it-is' } }), 400, 'email');
    assertRefused(
      await call('POST', '/api/cycles', {
        cookie: admin,
        json: { title: 'Bad\u0000title', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'] },
      }),
      400,
      'title',
    );
  });

  it('looks through a body nested a million levels deep without stalling, and answers 400', async () => {
    const depth = 1_000_000;
    const body = `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const p = assertRefused(await call('POST', '/api/cycles', { cookie: admin, type: 'application/json', body }), 400);
    assert.ok(p.errors.some((e) => e.path === 'title'), 'the nested title is named');
  });

  it('answers a template id that no template can have with 400 or 404, not 500, in the URL and in an upload', async () => {
    assertRefused(await call('GET', '/api/templates/a%00b'), 400, 'id');
    assertRefused(await call('GET', '/api/templates/Not%20An%20Id'), 404);
    const upload =
      '--x\r\nContent-Disposition: form-data; name="templateId"\r\n\r\napac\u00002020\r\n' +
      '--x\r\nContent-Disposition: form-data; name="file"; filename="form.txt"\r\nContent-Type: text/plain\r\n\r\nVoluntary GCM Review\r\n--x--\r\n';
    const p = assertRefused(await call('POST', '/api/imports', { cookie: coordinator, type: 'multipart/form-data; boundary=x', body: upload }), 400, 'templateId');
    assert.match(p.detail, /no template/);
  });

  it('gives /%61pi/… addresses, which the router decodes to /api/…, every API hook: session, NUL check, content types, no-store', async () => {
    const answer = async (method: string, path: string, init: { cookie?: string; type?: string; body?: string } = {}) => {
      const headers: Record<string, string> = {};
      if (init.cookie) headers.cookie = init.cookie;
      if (init.type) headers['content-type'] = init.type;
      const res = await fetch(`${app.url}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
      return { status: res.status, type: res.headers.get('content-type') ?? '', cacheControl: res.headers.get('cache-control'), text: await res.text() };
    };
    const cycle = JSON.stringify({ title: 'Bad\u0000title', templateId: 'apac-2020', region: 'escap', deadline: '2030-06-30', returnAddresses: [], invitedStates: ['XAA'] });
    for (const prefix of ['/%61pi', '/%61%70%69', '/a%70i']) {
      // The session is looked up: signed in, the list; signed out, 401.
      const listed = await answer('GET', `${prefix}/cycles`, { cookie: admin });
      assert.equal(listed.status, 200, `${prefix}: ${listed.text}`);
      assert.ok((JSON.parse(listed.text) as { id: string }[]).some((c) => c.id === cycleId), prefix);
      assert.equal(listed.cacheControl, 'no-store', prefix);
      assertRefused(await answer('GET', `${prefix}/cycles`), 401);
      // A NUL character is refused before the database sees it (PostgreSQL answered 500).
      assertRefused(await answer('POST', `${prefix}/cycles`, { cookie: admin, type: 'application/json', body: cycle }), 400, 'title');
      // A body a cross-site form could send is refused.
      assertRefused(await answer('POST', `${prefix}/cycles`, { cookie: admin, type: 'text/plain', body: cycle }), 415);
      assertRefused(await answer('POST', `${prefix}/cycles`, { cookie: admin, type: 'application/x-www-form-urlencoded', body: 'title=x' }), 415);
    }
    const cycles = JSON.parse((await answer('GET', '/api/cycles', { cookie: admin })).text) as { title: string }[];
    assert.ok(!cycles.some((c) => c.title.startsWith('Bad')), 'nothing was stored');
  });

  it('answers /api%2F… addresses, which reach no API handler, as the API’s 404 problem with no-store, never as a page', async () => {
    for (const path of ['/api%2Fcycles', '/api%2fcycles', `/api/cycles%2F${cycleId}`]) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie: admin, accept: 'text/html' } });
      const text = await res.text();
      assert.equal(res.status, 404, `${path}: ${text}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
      const refused = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie: admin, 'content-type': 'text/plain' }, body: 'x' });
      assert.equal(refused.status, 415, path);
      await refused.arrayBuffer();
    }
  });
});
