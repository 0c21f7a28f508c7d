// Versions stored compactly, on PGlite and PostgreSQL: 1,000 one-word edits of a 21 KB
// submission, saved over HTTP, add under 2 MB to the database, and every one of them reads back
// exactly as it was saved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { withoutIds } from '../../src/domain/paragraph-ids.ts';
import type { Response } from '../../src/domain/response.ts';
import { queryRows } from '../../src/store/executor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

const arvenia = JSON.parse(readFileSync(new URL('../../src/demo/responses/arvenia.json', import.meta.url), 'utf8')) as Response;
const edits = 1000;

/** Edit `n`: one word of one paragraph changed, each edit in the next paragraph round. */
function edited(previous: Response, n: number): Response {
  const next = structuredClone(previous);
  const paragraphs = next.answers.flatMap((a) => a.paragraphs);
  const paragraph = paragraphs[n % paragraphs.length]!;
  const words = paragraph.text.split(' ');
  words[Math.floor(words.length / 2)] = `edit-${n}`;
  paragraph.text = words.join(' ');
  return next;
}

await describeEachBackend('versions stored compactly', (t) => {
  let app: TestApp;
  let cookie: string;
  let path: string;
  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const admin = await addUser(t.services, 'secretariat-admin');
    cookie = await app.signIn(admin.user.email, admin.password);
    const cycle = await t.services.cycles.create(admin.actor, {
      title: 'A thousand edits',
      templateId: 'apac-2020',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: [],
      invitedStates: ['XAA'],
    });
    path = `/api/cycles/${cycle.id}/submissions/XAA`;
  });
  after(() => app?.close());

  const tableBytes = async () =>
    Number((await queryRows<{ n: string }>(t.db.drizzle, sql`select pg_total_relation_size('submission_versions') as n`))[0]!.n);

  it(`keeps ${edits} one-word edits of a 21 KB submission in under 2 MB, each read back as it was saved`, async (test) => {
    assert.ok(JSON.stringify(arvenia).length > 20_000, 'a submission of about 21 KB');
    const before = await tableBytes();
    const saved: Response[] = [];
    let response = arvenia;
    for (let n = 0; n <= edits; n++) {
      if (n > 0) response = edited(response, n);
      const res = await fetch(`${app.url}${path}`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ response, baseVersion: n }),
      });
      assert.equal(res.status, 200, await res.text());
      saved.push(response);
    }
    // PostgreSQL writes TOAST and index pages lazily; both backends count every page in use now.
    const added = (await tableBytes()) - before;
    assert.ok(added < 2 * 1024 * 1024, `${edits} edits and the first save added ${(added / 1024).toFixed(0)} KiB`);
    test.diagnostic(`${t.backend.name}: ${saved.length} versions of a ${JSON.stringify(arvenia).length}-byte response take ${(added / 1024).toFixed(0)} KiB (full copies would take about ${((saved.length * JSON.stringify(arvenia).length) / 1024 / 1024).toFixed(0)} MiB before compression)`);

    const ids = (r: Response) => JSON.stringify(r.answers.map((a) => a.paragraphs.map((p) => p.id)));
    let firstIds: string | undefined;
    for (let version = 1; version <= saved.length; version++) {
      const res = await fetch(`${app.url}${path}/versions/${version}`, { headers: { cookie } });
      assert.equal(res.status, 200);
      const read = (await res.json()) as { version: number; response: Response };
      assert.equal(read.version, version);
      // As saved, with an id the server gave each paragraph and footnote (the same one in every version).
      assert.deepEqual(withoutIds(read.response), saved[version - 1], `version ${version} reads back as saved`);
      assert.equal(ids(read.response), (firstIds ??= ids(read.response)), `version ${version} keeps the paragraph ids of version 1`);
    }
  });
});
