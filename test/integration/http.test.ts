// The HTTP API end to end, over real HTTP, on PGlite and on PostgreSQL: sessions, permissions,
// validation problems, version conflicts, and what never leaves the server.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { emptyResponse } from '../../src/domain/response.ts';
import type { Template } from '../../src/domain/template.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: unknown;
  text: string;
}

await describeEachBackend('HTTP API', (t) => {
  let app: TestApp;
  /** Every body the server sent in this suite, to check that no password hash ever leaves it. */
  const seen: string[] = [];
  let admin: { email: string; password: string; cookie: string };
  let coordinatorXAA: { email: string; password: string; cookie: string };
  let coordinatorXAB: { cookie: string };
  let analyst: { cookie: string };

  async function call(method: string, path: string, options: { cookie?: string; json?: unknown; body?: string; type?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      body = options.body;
    }
    if (options.type) headers['content-type'] = options.type;
    const res = await fetch(`${app.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    seen.push(text, res.headers.get('set-cookie') ?? '');
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, headers: res.headers, text, body: /json/.test(type) && text ? JSON.parse(text) : undefined };
  }

  function assertProblem(answer: Answer, status: number): { detail: string; errors: { path: string; message: string }[] } {
    assert.equal(answer.status, status, answer.text);
    assert.match(answer.type, /^application\/problem\+json/);
    const p = answer.body as { type: string; title: string; status: number; detail: string; errors: { path: string; message: string }[] };
    assert.equal(p.status, status);
    assert.match(p.type, /^https:\/\/gcm-review\.org\/problems\//);
    assert.ok(p.title && p.detail, 'a problem has a title and a detail');
    assert.ok(Array.isArray(p.errors));
    return p;
  }

  const cycleBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'Fictional review over HTTP',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2030-06-30',
    returnAddresses: ['review@example.test'],
    invitedStates: ['XAA', 'XAB'],
    ...overrides,
  });

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const a = await addUser(t.services, 'secretariat-admin');
    const c = await addUser(t.services, 'state-coordinator', 'XAA');
    const b = await addUser(t.services, 'state-coordinator', 'XAB');
    const n = await addUser(t.services, 'secretariat-analyst');
    admin = { email: a.user.email, password: a.password, cookie: await app.signIn(a.user.email, a.password) };
    coordinatorXAA = { email: c.user.email, password: c.password, cookie: await app.signIn(c.user.email, c.password) };
    coordinatorXAB = { cookie: await app.signIn(b.user.email, b.password) };
    analyst = { cookie: await app.signIn(n.user.email, n.password) };
  });
  after(async () => {
    await app?.close();
  });

  it('reports health with the database kind and the version, and that this is no demonstration server', async () => {
    const res = await call('GET', '/api/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok', database: t.backend.name, version: (res.body as { version: string }).version, demo: false });
    assert.match((res.body as { version: string }).version, /^\d+\.\d+\.\d+/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('publishes an OpenAPI 3 document with every route, tags and descriptions, and its reference page', async () => {
    const res = await call('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.body as { openapi: string; info: { title: string }; tags: { name: string }[]; paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>; components: { schemas: Record<string, unknown> } };
    assert.match(doc.openapi, /^3\./);
    const expected: [string, string][] = [
      ['/api/health', 'get'],
      ['/api/session', 'post'],
      ['/api/session', 'get'],
      ['/api/session', 'delete'],
      ['/api/templates', 'get'],
      ['/api/templates', 'post'],
      ['/api/templates/{id}', 'get'],
      ['/api/states', 'get'],
      ['/api/cycles', 'get'],
      ['/api/cycles', 'post'],
      ['/api/cycles/{id}', 'get'],
      ['/api/cycles/{id}/submissions', 'get'],
      ['/api/cycles/{id}/submissions/{iso3}', 'get'],
      ['/api/cycles/{id}/submissions/{iso3}', 'put'],
      ['/api/cycles/{id}/submissions/{iso3}/versions', 'get'],
      ['/api/imports', 'post'],
    ];
    for (const [path, method] of expected) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
      assert.ok(op.tags?.length && op.summary, `${method.toUpperCase()} ${path} has tags and a summary`);
    }
    assert.ok(doc.tags.some((tag) => tag.name === 'submissions'));
    for (const name of ['Problem', 'Template', 'Response', 'Cycle', 'User']) assert.ok(doc.components.schemas[name], `component ${name}`);
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/api/docs')), 'the reference pages are not part of the API');
    const page = await fetch(`${app.url}/api/docs`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /swagger/i);
  });

  it('signs in with a signed, httpOnly, SameSite=Strict cookie, tells who is signed in, and signs out', async () => {
    const res = await call('POST', '/api/session', { json: { email: admin.email.toUpperCase(), password: admin.password } });
    assert.equal(res.status, 200);
    assert.equal((res.body as { user: { email: string } }).user.email, admin.email);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^gcm_session=[^;]+\.[^;]+;/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Max-Age=28800/);
    const cookie = setCookie.split(';')[0]!;

    const me = await call('GET', '/api/session', { cookie });
    assert.deepEqual(Object.keys((me.body as { user: object }).user).sort(), ['email', 'id', 'name', 'organisationId', 'role', 'stateIso3']);
    assert.equal((me.body as { user: { role: string } }).user.role, 'secretariat-admin');

    const out = await call('DELETE', '/api/session', { cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /gcm_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    assert.deepEqual((await call('GET', '/api/session')).body, { user: null });
  });

  it('refuses a wrong password and an unknown e-mail alike, without saying which was wrong', async () => {
    const wrongPassword = assertProblem(await call('POST', '/api/session', { json: { email: admin.email, password: 'not-the-password' } }), 401);
    const unknownEmail = assertProblem(await call('POST', '/api/session', { json: { email: 'nobody@example.test', password: 'not-the-password' } }), 401);
    assert.equal(wrongPassword.detail, unknownEmail.detail);
    assert.doesNotMatch(wrongPassword.detail, /unknown|no such|exist/i);
    const missing = assertProblem(await call('POST', '/api/session', { json: { email: admin.email } }), 400);
    assert.deepEqual(missing.errors.map((e) => e.path), ['password']);
  });

  it('ignores a tampered session cookie', async () => {
    const [name, value] = admin.cookie.split('=') as [string, string];
    const forged = `${name}=${value.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    assert.deepEqual((await call('GET', '/api/session', { cookie: forged })).body, { user: null });
    assertProblem(await call('POST', '/api/cycles', { cookie: forged, json: cycleBody() }), 401);
  });

  it('lets a secretariat administrator open a cycle (201), but not a coordinator (403) or an anonymous visitor (401)', async () => {
    const created = await call('POST', '/api/cycles', { cookie: admin.cookie, json: cycleBody() });
    assert.equal(created.status, 201, created.text);
    const cycle = created.body as { id: string; invitedStates: string[]; status: string };
    assert.deepEqual(cycle.invitedStates, ['XAA', 'XAB']);
    assert.equal(cycle.status, 'open');
    assertProblem(await call('POST', '/api/cycles', { cookie: coordinatorXAA.cookie, json: cycleBody() }), 403);
    assertProblem(await call('POST', '/api/cycles', { json: cycleBody() }), 401);

    const fetched = await call('GET', `/api/cycles/${cycle.id}`, { cookie: coordinatorXAA.cookie });
    assert.equal(fetched.status, 200);
    // A State's users see their own State only: not who else is invited, nor how far they are.
    assert.deepEqual([(fetched.body as { invitedCount: number }).invitedCount, (fetched.body as { invitedStates: string[] }).invitedStates], [1, ['XAA']]);
    const list = await call('GET', '/api/cycles', { cookie: coordinatorXAA.cookie });
    assert.ok((list.body as { id: string }[]).some((c) => c.id === cycle.id));
    assertProblem(await call('GET', '/api/cycles'), 401);
  });

  it('answers an invalid cycle with a 400 problem naming each bad field', async () => {
    const meaning = assertProblem(
      await call('POST', '/api/cycles', { cookie: admin.cookie, json: cycleBody({ deadline: 'end of August', invitedStates: ['ZZZ', 'XAB'] }) }),
      400,
    );
    assert.deepEqual(meaning.errors.map((e) => e.path).sort(), ['deadline', 'invitedStates[0]']);
    assert.match(meaning.detail, /deadline/);

    const shape = assertProblem(await call('POST', '/api/cycles', { cookie: admin.cookie, json: cycleBody({ title: 42, invitedStates: 'XAA' }) }), 400);
    assert.deepEqual(shape.errors.map((e) => e.path).sort(), ['invitedStates', 'title']);

    assertProblem(await call('POST', '/api/cycles', { cookie: admin.cookie, body: '{"title": ', type: 'application/json' }), 400);
  });

  it('accepts only JSON for changes: a form-encoded or text body gets 415', async () => {
    assertProblem(await call('POST', '/api/cycles', { cookie: admin.cookie, body: 'title=x', type: 'application/x-www-form-urlencoded' }), 415);
    assertProblem(await call('POST', '/api/session', { body: JSON.stringify({ email: admin.email, password: admin.password }), type: 'text/plain' }), 415);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const huge = JSON.stringify(cycleBody({ title: 'x'.repeat(6 * 1024 * 1024) }));
    assertProblem(await call('POST', '/api/cycles', { cookie: admin.cookie, body: huge, type: 'application/json' }), 413);
  });

  it('saves drafts in versions, refuses a stale base version with 409, and keeps each State to its own submission', async () => {
    const cycle = (await call('POST', '/api/cycles', { cookie: admin.cookie, json: cycleBody({ title: 'Drafting over HTTP' }) })).body as { id: string };
    const path = `/api/cycles/${cycle.id}/submissions`;
    const fresh = await call('GET', `${path}/XAA`, { cookie: coordinatorXAA.cookie });
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal((fresh.body as { version: number }).version, 0);

    const template = (await call('GET', '/api/templates/apac-2020')).body as Template;
    const response = emptyResponse(template);
    response.answers[0]!.paragraphs = [{ number: 1, text: 'Arvenia opened two new regular labour pathways in 2019.', footnotes: [] }];
    const first = await call('PUT', `${path}/xaa`, { cookie: coordinatorXAA.cookie, json: { response, baseVersion: 0, note: 'first pass' } });
    assert.equal(first.status, 200, first.text);
    assert.equal((first.body as { version: number; status: string }).version, 1);
    assert.equal((first.body as { status: string }).status, 'draft');

    const stale = assertProblem(await call('PUT', `${path}/XAA`, { cookie: coordinatorXAA.cookie, json: { response, baseVersion: 0 } }), 409);
    assert.match(stale.detail, /^Version 1 was saved by .* after you started from version 0\b/);
    const second = await call('PUT', `${path}/XAA`, { cookie: admin.cookie, json: { response, baseVersion: 1 } });
    assert.equal((second.body as { version: number }).version, 2);

    const read = await call('GET', `${path}/XAA`, { cookie: coordinatorXAA.cookie });
    assert.equal((read.body as { version: number }).version, 2);
    assert.equal((read.body as { response: { answers: { paragraphs: { text: string }[] }[] } }).response.answers[0]!.paragraphs[0]!.text, response.answers[0]!.paragraphs[0]!.text);
    const versions = (await call('GET', `${path}/XAA/versions`, { cookie: coordinatorXAA.cookie })).body as { version: number; note: string | null; source: string }[];
    assert.deepEqual(versions.map((v) => v.version), [2, 1]);
    assert.equal(versions[1]!.note, 'first pass');
    assert.equal(versions[1]!.source, 'edit');

    assertProblem(await call('GET', `${path}/XAA`, { cookie: coordinatorXAB.cookie }), 403);
    assertProblem(await call('GET', `${path}/XAA/versions`, { cookie: coordinatorXAB.cookie }), 403);
    assertProblem(await call('PUT', `${path}/XAA`, { cookie: coordinatorXAB.cookie, json: { response, baseVersion: 2 } }), 403);
    assertProblem(await call('PUT', `${path}/XAA`, { cookie: analyst.cookie, json: { response, baseVersion: 2 } }), 403);
    assertProblem(await call('GET', `${path}/XAA`), 401);
    const visible = (await call('GET', path, { cookie: coordinatorXAB.cookie })).body as { state: { iso3: string } }[];
    assert.deepEqual(visible.map((s) => s.state.iso3), ['XAB']);

    const bad = assertProblem(
      await call('PUT', `${path}/XAA`, { cookie: coordinatorXAA.cookie, json: { response: { ...response, answers: [{ question: '1a', paragraphs: [{ text: 7 }] }] }, baseVersion: 2 } }),
      400,
    );
    assert.deepEqual(bad.errors.map((e) => e.path), ['answers[0].paragraphs[0].text']);
  });

  it('serves templates as JSON, accepts a new one as YAML from a secretariat, and names what is wrong in a bad one', async () => {
    const list = (await call('GET', '/api/templates')).body as { id: string; builtIn: boolean }[];
    assert.ok(list.some((s) => s.id === 'apac-2020' && s.builtIn));
    assertProblem(await call('GET', '/api/templates/no-such-template'), 404);

    const yaml = [
      'id: arvenia-http-pilot',
      'title: Arvenia pilot review',
      'contactFields:',
      '  - { key: office, label: Office }',
      'clusters:',
      '  - number: 1',
      '    title: Regular pathways',
      '    objectives: [2, 5]',
      '    questions:',
      '      - { key: 1a, prompt: What has changed since 2018? }',
    ].join('\n');
    assertProblem(await call('POST', '/api/templates', { cookie: coordinatorXAA.cookie, body: yaml, type: 'application/yaml' }), 403);
    const added = await call('POST', '/api/templates', { cookie: admin.cookie, body: yaml, type: 'application/yaml' });
    assert.equal(added.status, 201, added.text);
    assert.equal((added.body as { id: string }).id, 'arvenia-http-pilot');

    const broken = assertProblem(await call('POST', '/api/templates', { cookie: admin.cookie, body: 'id: [unclosed', type: 'application/yaml' }), 400);
    assert.match(broken.errors[0]!.path, /^line \d+, column \d+$/);
    const invalid = assertProblem(
      await call('POST', '/api/templates', { cookie: admin.cookie, json: { id: 'x-json', title: 'T', contactFields: [{ key: 'office', label: 'Office' }], clusters: [{ number: 1, title: 'C', objectives: [99], questions: [{ key: '1a', prompt: 'Q' }] }] } }),
      400,
    );
    assert.deepEqual(invalid.errors.map((e) => e.path), ['clusters[0].objectives']);

    // Who may add a template is decided before the body is read: a broken body from someone who
    // may not add templates is refused for who they are, never parsed (YAML parsing is costly).
    assertProblem(await call('POST', '/api/templates', { body: 'id: [unclosed', type: 'application/yaml' }), 401);
    assertProblem(await call('POST', '/api/templates', { cookie: coordinatorXAA.cookie, body: 'id: [unclosed', type: 'application/yaml' }), 403);
    assertProblem(await call('POST', '/api/templates', { cookie: admin.cookie, body: `title: x\n# ${'y'.repeat(600 * 1024)}`, type: 'application/yaml' }), 413);
  });

  it('takes a questionnaire upload as multipart/form-data from a signed-in user only', async () => {
    const upload = () => {
      const form = new FormData();
      form.append('templateId', 'apac-2020');
      form.append('file', new Blob(['Country: Republic of Arvenia\n'], { type: 'text/plain' }), 'arvenia.txt');
      return form;
    };
    const anonymous = await fetch(`${app.url}/api/imports`, { method: 'POST', body: upload() });
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const res = await fetch(`${app.url}/api/imports`, { method: 'POST', body: upload(), headers: { cookie: coordinatorXAA.cookie } });
    const text = await res.text();
    seen.push(text);
    assert.equal(res.status, 200, text);
    assert.equal((JSON.parse(text) as { templateId: string }).templateId, 'apac-2020');
  });

  it('lists the States of a region', async () => {
    const escap = (await call('GET', '/api/states?region=escap')).body as { iso3: string }[];
    assert.ok(escap.some((s) => s.iso3 === 'KHM'));
    assert.ok(!escap.some((s) => s.iso3 === 'XAA' || s.iso3 === 'BRA'));
  });

  it('answers unknown API addresses with a 404 problem', async () => {
    assertProblem(await call('GET', '/api/nothing-here'), 404);
    assertProblem(await call('GET', '/api/cycles/00000000-0000-0000-0000-000000000000', { cookie: admin.cookie }), 404);
  });

  it('never sends a password hash or a password', async () => {
    assert.ok(seen.length > 40, `checked ${seen.length} answers`);
    for (const text of seen) {
      assert.doesNotMatch(text, /\$argon2|passwordHash|password_hash/i);
      assert.ok(!text.includes(admin.password) && !text.includes(coordinatorXAA.password), 'no password is echoed');
    }
  });
});
