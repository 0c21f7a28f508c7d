// Responses stored by the release before paragraph ids (7fb58a1, schema version 1) read with the
// current code, on PGlite and on PostgreSQL. The database is the one that release filled
// (test/fixtures/release-v1: its schema, migrations journal and rows, dumped by pg_dump; fill.mjs
// says how it was made): the demonstration data, Arvenia's draft edited in every way a paragraph
// can change, Belmora's saved 55 times (past a full copy of the version store).
//
// Opened with the current code (its migrations run), through the HTTP API: every version of every
// submission reads in the current schema version with an id on each paragraph and footnote, the
// same content as the release served, the same ids on every read (after a restart too), and the
// same id for the same paragraph from one version to the next. Saves on top of the old versions
// (a delta on a version-1 row) keep the ids; a Word or text export imported back into the same
// submission gives back the same ids; a save with a duplicate id is refused naming it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { testEnv } from '../../src/config.ts';
import { withoutIds } from '../../src/domain/paragraph-ids.ts';
import type { Response } from '../../src/domain/response.ts';
import { systemActor } from '../../src/services/actors.ts';
import { createServices } from '../../src/services/index.ts';
import { openPglite, openPostgres, type Database } from '../../src/store/database.ts';
import { queryRows } from '../../src/store/executor.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { adminQuery, backends, type Backend } from '../support/db.ts';

const fixtures = new URL('../fixtures/release-v1/', import.meta.url);
const dump = gunzipSync(readFileSync(new URL('database.sql.gz', fixtures))).toString('utf8');
/** Every version of every submission as the release served it: by cycle title, then State, then version - 1. */
const expected = JSON.parse(gunzipSync(readFileSync(new URL('expected.json.gz', fixtures))).toString('utf8')) as Record<string, Record<string, Response[]>>;

/** The release's database, restored into a new PGlite data folder or PostgreSQL database, not yet opened by this code. */
interface Restored {
  open(): Promise<Database>;
  remove(): Promise<void>;
}

async function restore(backend: Backend): Promise<Restored> {
  if (backend.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'gcm-release-v1-'));
    const folder = join(dir, 'pglite');
    const client = new PGlite(folder);
    await client.exec(dump);
    await client.close();
    return { open: () => openPglite(folder, { image: false }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `gcm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(backend.url, `CREATE DATABASE ${name}`);
  const target = new URL(backend.url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(dump);
  } finally {
    await client.end();
  }
  return { open: () => openPostgres(target.toString()), remove: () => adminQuery(backend.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

type Ids = { paragraphs: Record<string, (string | undefined)[]>; footnotes: (string | undefined)[] };

function idsOf(r: Response): Ids {
  return { paragraphs: Object.fromEntries(r.answers.map((a) => [a.question, a.paragraphs.map((p) => p.id)])), footnotes: r.footnotes.map((f) => f.id) };
}

/** The response without what the current schema version added: what the release stored. */
function withoutSchemaVersion2(r: Response): unknown {
  const { schemaVersion: _v, ...rest } = withoutIds(r);
  return rest;
}

function assertEveryId(r: Response, what: string): void {
  const ids = [...r.answers.flatMap((a) => a.paragraphs.map((p) => p.id)), ...r.footnotes.map((f) => f.id)];
  assert.ok(
    ids.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]+$/.test(id)),
    `${what}: every paragraph and footnote has an id`,
  );
  assert.equal(new Set(ids).size, ids.length, `${what}: ids are unique`);
}

/** Paragraphs whose text is unchanged (and found once in its question in both versions) keep their ids; footnotes likewise. */
function assertSameIdsForSameTexts(before: Response, after: Response, what: string): number {
  let compared = 0;
  for (const a of after.answers) {
    const b = before.answers.find((x) => x.question === a.question);
    for (const p of a.paragraphs) {
      const same = b?.paragraphs.filter((q) => q.text === p.text) ?? [];
      if (same.length !== 1 || a.paragraphs.filter((q) => q.text === p.text).length !== 1) continue;
      assert.equal(p.id, same[0]!.id, `${what}: question ${a.question}, paragraph "${p.text.slice(0, 40)}…" keeps its id`);
      compared++;
    }
  }
  for (const f of after.footnotes) {
    const same = before.footnotes.filter((g) => g.text === f.text);
    if (same.length === 1) {
      assert.equal(f.id, same[0]!.id, `${what}: footnote "${f.text.slice(0, 40)}…" keeps its id`);
      compared++;
    }
  }
  return compared;
}

for (const { backend, unavailable } of await backends()) {
  describe(`responses stored by release 7fb58a1 read with this code (${backend.name})`, () => {
    if (unavailable) {
      it(`needs ${backend.name}`, { skip: testEnv.requireAll ? false : unavailable }, () => {
        throw new Error(`${unavailable}; REQUIRE_ALL=1 forbids skipping.`);
      });
      return;
    }
    let restored: Restored;
    let db: Database | undefined;
    let app: TestApp | undefined;
    let cookie: string;
    /** Cycle title → id. */
    const cycles = new Map<string, string>();
    /** What the first read gave: by cycle title, State, version - 1. */
    const firstRead: Record<string, Record<string, Response[]>> = {};

    async function start(): Promise<void> {
      db = await restored.open();
      app = await startTestApp(backend, { database: { db, services: createServices(db) } });
      cookie = await app.signIn('secretariat@demo.gcm-review.org', 'demo-secretariat');
    }
    async function stop(): Promise<void> {
      await app?.close();
      await db?.close();
      app = undefined;
      db = undefined;
    }
    async function call(method: string, path: string, json?: unknown) {
      const res = await fetch(`${app!.url}${path}`, {
        method,
        headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      const text = await res.text();
      return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    }
    async function readVersion(title: string, iso3: string, version: number): Promise<Response> {
      const res = await call('GET', `/api/cycles/${cycles.get(title)}/submissions/${iso3}/versions/${version}`);
      assert.equal(res.status, 200, res.text);
      return res.body.response as Response;
    }
    async function latest(title: string, iso3: string): Promise<{ version: number; response: Response }> {
      const res = await call('GET', `/api/cycles/${cycles.get(title)}/submissions/${iso3}`);
      assert.equal(res.status, 200, res.text);
      return { version: res.body.version as number, response: res.body.response as Response };
    }
    async function save(title: string, iso3: string, response: unknown, baseVersion: number) {
      return call('PUT', `/api/cycles/${cycles.get(title)}/submissions/${iso3}`, { response, baseVersion });
    }

    before(async () => {
      restored = await restore(backend);
      await start();
      for (const c of await app!.services.cycles.list(systemActor)) cycles.set(c.title, c.id);
    });
    after(async () => {
      await stop();
      await restored?.remove();
    });

    it('reads every version of every submission in the current schema version, with ids and the content the release served', async () => {
      let versions = 0;
      for (const [title, states] of Object.entries(expected)) {
        assert.ok(cycles.has(title), `the cycle "${title}" is there`);
        for (const [iso3, wanted] of Object.entries(states)) {
          for (const [i, before] of wanted.entries()) {
            const got = await readVersion(title, iso3, i + 1);
            assert.equal(got.schemaVersion, 2, `${iso3} version ${i + 1}: schema version`);
            assertEveryId(got, `${iso3} version ${i + 1}`);
            assert.deepEqual(withoutSchemaVersion2(got), before, `${iso3} version ${i + 1}: the same content as the release served`);
            ((firstRead[title] ??= {})[iso3] ??= []).push(got);
            versions++;
          }
        }
      }
      // 3 demo drafts, 6 more versions of Arvenia's, 54 more of Belmora's.
      assert.equal(versions, 63);
    });

    it('gives the same paragraph the same id from one version to the next, across a full copy of the store', () => {
      const arvenia = firstRead[demoTitle()]!.XAA!;
      const belmora = firstRead[demoTitle()]!.XAB!;
      for (const list of [arvenia, belmora]) {
        for (let v = 1; v < list.length; v++) assert.ok(assertSameIdsForSameTexts(list[v - 1]!, list[v]!, `version ${v} → ${v + 1}`) > 10);
      }
      // Version 2 of Arvenia's edited the text of the second paragraph of its first answer.
      assert.notEqual(arvenia[1]!.answers[0]!.paragraphs[1]!.text, arvenia[0]!.answers[0]!.paragraphs[1]!.text);
      assert.equal(arvenia[1]!.answers[0]!.paragraphs[1]!.id, arvenia[0]!.answers[0]!.paragraphs[1]!.id);
      // Version 3 inserted a paragraph first in the second answer: the others keep theirs, it gets a new one.
      const [inserted, ...others] = arvenia[2]!.answers[1]!.paragraphs;
      assert.deepEqual(
        others.map((p) => p.id),
        arvenia[1]!.answers[1]!.paragraphs.map((p) => p.id),
      );
      assert.ok(!arvenia.slice(0, 2).some((r) => JSON.stringify(idsOf(r)).includes(`"${inserted!.id}"`)));
      // Version 5 swapped two paragraphs of the fifth answer: each keeps its id.
      const [first, second, ...rest] = arvenia[3]!.answers[4]!.paragraphs.map((p) => p.id);
      assert.deepEqual(
        arvenia[4]!.answers[4]!.paragraphs.map((p) => p.id),
        [second, first, ...rest],
      );
      // Belmora's first paragraphs were edited in turn 54 times: each keeps the id it had in version 1.
      const firsts = (r: Response) => r.answers.filter((a) => a.paragraphs.length).slice(0, 3).map((a) => a.paragraphs[0]!.id);
      for (const r of belmora) assert.deepEqual(firsts(r), firsts(belmora[0]!));
    });

    it('saves on top of a version-1 version keep the ids (a delta on the old row), and refuse a duplicate id naming it', async () => {
      const title = demoTitle();
      const { version, response } = await latest(title, 'XAA');
      assert.equal(version, 7);
      const next = structuredClone(response);
      next.answers[0]!.paragraphs[0]!.text += ' Revised after the 2021 review.';
      next.answers[0]!.paragraphs.push({ number: null, text: 'A paragraph written after the upgrade.', footnotes: [] });
      const saved = await save(title, 'XAA', next, version);
      assert.equal(saved.status, 200, saved.text);
      const eight = await readVersion(title, 'XAA', 8);
      assert.deepEqual(
        eight.answers[0]!.paragraphs.slice(0, -1).map((p) => p.id),
        response.answers[0]!.paragraphs.map((p) => p.id),
      );
      const added = eight.answers[0]!.paragraphs.at(-1)!.id;
      assert.ok(added && !JSON.stringify(idsOf(response)).includes(`"${added}"`));
      assert.deepEqual(idsOf(eight).footnotes, idsOf(response).footnotes);
      // Stored as a delta on version 7 as the release stored it (no ids there).
      const rows = await queryRows(
        db!.drizzle,
        sql`select version, response is null as delta from submission_versions v join submissions s on s.id = v.submission_id
          where s.state_iso3 = 'XAA' and s.cycle_id = ${cycles.get(title)}::uuid and version in (7, 8) order by version`,
      );
      assert.deepEqual(rows, [
        { version: 7, delta: true },
        { version: 8, delta: true },
      ]);

      const twice = structuredClone(eight);
      twice.answers[1]!.paragraphs[0]!.id = eight.answers[0]!.paragraphs[0]!.id;
      const refused = await save(title, 'XAA', twice, 8);
      assert.equal(refused.status, 400, refused.text);
      const errors = refused.body.errors as { path: string; message: string }[];
      assert.ok(
        errors.some((e) => e.path.includes('answers[1].paragraphs[0].id') && e.message.includes(`"${eight.answers[0]!.paragraphs[0]!.id}"`) && e.message.includes('answers[0].paragraphs[0].id')),
        refused.text,
      );
      assert.equal((await latest(title, 'XAA')).version, 8, 'nothing stored');

      // Belmora's, past the full copy at version 51.
      const b = await latest(title, 'XAB');
      assert.equal((await save(title, 'XAB', b.response, b.version)).status, 200);
      assert.deepEqual(idsOf(await readVersion(title, 'XAB', b.version + 1)), idsOf(b.response));
    });

    for (const format of ['docx', 'txt'] as const) {
      it(`a ${format} export of the stored submission, imported back into it, gives back the same ids`, async () => {
        const title = demoTitle();
        const before = await latest(title, 'XAA');
        const file = await fetch(`${app!.url}/api/cycles/${cycles.get(title)}/submissions/XAA/export?format=${format}`, { headers: { cookie } });
        assert.equal(file.status, 200);
        const form = new FormData();
        form.append('file', new Blob([await file.arrayBuffer()]), `arvenia.${format}`);
        const read = await fetch(`${app!.url}/api/imports`, { method: 'POST', headers: { cookie }, body: form });
        const text = await read.text();
        assert.equal(read.status, 200, text);
        const { import: _report, source: _source, ...imported } = JSON.parse(text) as Response & { import: unknown; source: unknown };
        assert.ok(imported.answers.every((a) => a.paragraphs.every((p) => p.id === undefined)), 'a document carries no ids');
        const saved = await save(title, 'XAA', imported, before.version);
        assert.equal(saved.status, 200, saved.text);
        const after = await readVersion(title, 'XAA', before.version + 1);
        assert.deepEqual(idsOf(after).paragraphs, idsOf(before.response).paragraphs);
        // Word numbers footnotes in the order of their markers, so one cited earlier in the text
        // than its number said comes back renumbered: each footnote keeps its id all the same.
        // (A document prints a footnote's links after its text: the importer keeps them in both.)
        const footnoteIds = (r: Response) => Object.fromEntries(r.footnotes.map((f) => [f.urls.reduce((t, u) => t.replace(u, ''), f.text).trim(), f.id]));
        assert.deepEqual(footnoteIds(after), footnoteIds(before.response));
        // The same numbers and texts: paragraphs 14 and 13, swapped in version 5, come back in that
        // order, each with its own number.
        const paragraphs = (r: Response) => r.answers.map((a) => a.paragraphs.map((p) => ({ number: p.number, text: p.text })));
        assert.deepEqual(paragraphs(after), paragraphs(before.response));
      });
    }

    it('gives the same ids on every read, after the store is closed and opened again', async () => {
      await stop();
      await start();
      for (const [title, states] of Object.entries(firstRead)) {
        for (const [iso3, list] of Object.entries(states)) {
          for (const [i, first] of list.entries()) assert.deepEqual(await readVersion(title, iso3, i + 1), first, `${iso3} version ${i + 1}`);
        }
      }
    });
  });
}

function demoTitle(): string {
  const title = Object.keys(expected).find((t) => t.startsWith('Asia-Pacific'));
  assert.ok(title, 'the fixture holds the demonstration cycle');
  return title;
}
