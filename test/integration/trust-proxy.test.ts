// Behind a reverse proxy the sign-in limit must count the address the proxy saw, not what the
// client wrote in X-Forwarded-For: a client forging a new leftmost entry for each guess still
// gets 429. Over real HTTP; the test plays the proxy, appending the client's address.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { addUser } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

// The production default: 10 attempts a minute per client address.
const limit = 10;
const attempts = 30;

/** A wrong-password sign-in arriving with this X-Forwarded-For. */
async function guess(app: TestApp, forwardedFor: string | undefined, email = 'someone@example.test'): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  const res = await fetch(`${app.url}/api/session`, { method: 'POST', headers, body: JSON.stringify({ email, password: 'a wrong guess' }) });
  await res.arrayBuffer();
  return res.status;
}

/** Statuses of `attempts` guesses, each with a different forged leftmost entry. */
async function forgedGuesses(app: TestApp, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < attempts; i++) statuses.push(await guess(app, forwardedFor(i)));
  return statuses;
}

function assertLimited(statuses: number[]): void {
  assert.deepEqual(statuses.slice(0, limit), Array(limit).fill(401), 'the first guesses are answered');
  assert.deepEqual(statuses.slice(limit), Array(attempts - limit).fill(429), 'every later one is refused, whatever the forged address');
}

for (const [setting, proxyChain] of [
  // One proxy on this machine: it appends the address it saw.
  ['1', (client: string) => client],
  // Named proxies: this machine and an inner one on 10.x, which appends the outer one's view.
  ['127.0.0.1,10.0.0.0/8', (client: string) => `${client}, 10.1.2.3`],
] as const) {
  describe(`TRUST_PROXY=${setting} (pglite)`, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ name: 'pglite' }, { signInLimit: { max: limit, timeWindow: 60_000 }, config: { trustProxy: loadConfig({ TRUST_PROXY: setting }).trustProxy } });
    });
    after(async () => {
      await app?.close();
    });

    it(`answers 429 after ${limit} wrong passwords from one client, each with a different forged X-Forwarded-For entry`, async () => {
      assertLimited(await forgedGuesses(app, (i) => `198.51.100.${i}, ${proxyChain('203.0.113.7')}`));
      // Another client behind the same proxy has a limit of its own.
      assert.equal(await guess(app, `198.51.100.1, ${proxyChain('203.0.113.8')}`), 401);
    });

    it('records the address the proxy saw with the session', async () => {
      const { user, password } = await addUser(app.services, 'secretariat-analyst');
      const res = await fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.99, ${proxyChain('203.0.113.20')}` },
        body: JSON.stringify({ email: user.email, password }),
      });
      assert.equal(res.status, 200);
      const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      const sessions = (await (await fetch(`${app.url}/api/sessions`, { headers: { cookie } })).json()) as { ip: string }[];
      assert.deepEqual(sessions.map((s) => s.ip), ['203.0.113.20']);
    });
  });
}

describe('TRUST_PROXY unset (pglite)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ name: 'pglite' }, { signInLimit: { max: limit, timeWindow: 60_000 } });
  });
  after(async () => {
    await app?.close();
  });

  it('ignores X-Forwarded-For altogether: the connection’s own address counts', async () => {
    assertLimited(await forgedGuesses(app, (i) => `198.51.100.${i}`));
    assert.equal(await guess(app, '203.0.113.8'), 429, 'a forged rightmost entry changes nothing either');
    assert.equal(await guess(app, undefined), 429);
  });
});
