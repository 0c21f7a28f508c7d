// The server around the API: the demonstration data, the sign-in rate limit, sessions of deleted
// users, and the browser app (served from a build, with a fallback page when there is none).
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.ts';
import { demoAccount, demoAccounts } from '../../src/demo/accounts.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { buildApp } from '../../src/http/app.ts';
import { accessChanged } from '../../src/store/access-cache.ts';
import { addUser } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

describe('HTTP server with the demonstration data (pglite)', () => {
  let app: TestApp;
  let webRoot: string;
  const config = () => loadConfig({}, { sessionSecret: 'k'.repeat(40), logLevel: 'silent', dataDir: webRoot });

  before(async () => {
    app = await startTestApp({ name: 'pglite' }, { demo: true });
    webRoot = await mkdtemp(join(tmpdir(), 'gcm-review-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>GCM Review</title><div id="root"></div>');
    await writeFile(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("app");');
  });
  after(async () => {
    await app?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  async function getJson(path: string, cookie: string) {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it('seeds demo accounts that can sign in, a regional cycle with drafts of the fictional States, and a draft training cycle', async () => {
    for (const a of demoAccounts) assert.match(await app.signIn(a.email, a.password), /^gcm_session=/, a.email);
    const secretariat = demoAccount('secretariat-admin');
    const cookie = await app.signIn(secretariat.email, secretariat.password);
    const cycles = (await getJson('/api/cycles', cookie)).body as { id: string; title: string; status: string; invitedStates: string[]; progress: Record<string, number> }[];
    const regional = cycles.find((c) => c.title === demoCycleTitles.regional);
    const training = cycles.find((c) => c.title === demoCycleTitles.training);
    assert.ok(regional && training, 'both demo cycles exist');
    assert.equal(regional.status, 'open');
    assert.equal(training.status, 'draft');
    for (const iso3 of ['KHM', 'THA', 'XAA', 'XAB', 'XAC']) assert.ok(regional.invitedStates.includes(iso3), iso3);
    assert.equal(regional.progress.draft, 3);

    for (const iso3 of ['XAA', 'XAB', 'XAC']) {
      const sub = (await getJson(`/api/cycles/${regional.id}/submissions/${iso3}`, cookie)).body as { version: number; response: { state: { iso3: string } | null; answers: { paragraphs: unknown[] }[] } };
      assert.equal(sub.version, 1, iso3);
      assert.equal(sub.response.state?.iso3, iso3);
      assert.ok(sub.response.answers.some((a) => a.paragraphs.length > 0), `${iso3} has answers`);
      const versions = (await getJson(`/api/cycles/${regional.id}/submissions/${iso3}/versions`, cookie)).body as { source: string; savedBy: string }[];
      assert.equal(versions[0]?.source, 'demo');
      // Written by the State's demo coordinator; Coralia, which has none, sent its answers to the secretariat.
      assert.equal(versions[0]?.savedBy, iso3 === 'XAC' ? secretariat.name : demoAccount('state-coordinator', iso3).name, iso3);
    }

    const arvenia = demoAccount('state-coordinator', 'XAA');
    const arveniaCookie = await app.signIn(arvenia.email, arvenia.password);
    assert.equal((await getJson(`/api/cycles/${regional.id}/submissions/XAA`, arveniaCookie)).status, 200);
    assert.equal((await getJson(`/api/cycles/${regional.id}/submissions/XAB`, arveniaCookie)).status, 403);
  });

  it('ends the access of a user deleted after signing in', async () => {
    const { user, password } = await addUser(app.services, 'secretariat-analyst');
    const cookie = await app.signIn(user.email, password);
    assert.equal((await getJson('/api/cycles', cookie)).status, 200);
    // No service deletes users yet: remove the row (and its sign-in's audit events) directly, and
    // say so as the store's deletion will have to (sessions are remembered in memory: access-cache.ts).
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`delete from audit_events where actor_user_id = ${user.id}`);
      await tx.execute(sql`delete from users where id = ${user.id}`);
      await accessChanged(tx, [user.id]);
    });
    assert.equal((await getJson('/api/cycles', cookie)).status, 401);
    assert.deepEqual((await getJson('/api/session', cookie)).body, { user: null });
  });

  it('limits sign-in attempts per address and answers 429 as a problem', async () => {
    const limited = await buildApp({ services: app.services, config: config(), dbKind: app.db.kind, signInLimit: { max: 2, timeWindow: 60_000 } });
    try {
      const attempt = () => limited.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@example.test', password: 'guess' } });
      assert.equal((await attempt()).statusCode, 401);
      assert.equal((await attempt()).statusCode, 401);
      const third = await attempt();
      assert.equal(third.statusCode, 429);
      assert.match(String(third.headers['content-type']), /^application\/problem\+json/);
      assert.match(third.json<{ detail: string }>().detail, /try again/);
      // Other routes are not limited.
      assert.equal((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    } finally {
      await limited.close();
    }
  });

  it('serves the built browser app, with index.html for the app’s own addresses', async () => {
    const web = await buildApp({ services: app.services, config: config(), dbKind: app.db.kind, webRoot });
    try {
      const home = await web.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<div id="root">/);
      assert.match(String(home.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(home.headers['x-content-type-options'], 'nosniff');
      const deep = await web.inject({ method: 'GET', url: '/cycles/123/submissions/XAA', headers: { accept: 'text/html,application/xhtml+xml' } });
      assert.equal(deep.statusCode, 200);
      assert.match(deep.body, /<div id="root">/);
      assert.equal(deep.headers['cache-control'], 'no-cache');
      const asset = await web.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      assert.equal(asset.statusCode, 200);
      assert.match(String(asset.headers['cache-control']), /immutable/);
      // API addresses and non-page requests never fall back to the app.
      const api = await web.inject({ method: 'GET', url: '/api/nothing', headers: { accept: 'text/html' } });
      assert.equal(api.statusCode, 404);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal((await web.inject({ method: 'GET', url: '/missing.js', headers: { accept: '*/*' } })).statusCode, 404);
    } finally {
      await web.close();
    }
  });

  it('says how to build the browser app when there is no build', async () => {
    const bare = await buildApp({ services: app.services, config: config(), dbKind: app.db.kind, webRoot: join(webRoot, 'no-build-here') });
    try {
      const page = await bare.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 503);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /npm run build/);
      assert.equal((await bare.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    } finally {
      await bare.close();
    }
  });
});
