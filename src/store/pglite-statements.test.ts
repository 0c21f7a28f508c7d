// Prepared statements on PGlite: the same answers as PGlite's own query(), errors included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { withPreparedStatements } from './pglite-statements.ts';

describe('PGlite with prepared statements', () => {
  let pg: PGlite;
  let prepared: PGlite;
  before(async () => {
    pg = new PGlite();
    // Two statements kept at most, so that the test also goes through forgetting them.
    prepared = withPreparedStatements(pg, 2);
    await prepared.query('create table notes (id uuid primary key, body jsonb not null, at timestamptz, n int unique)');
  });
  after(() => pg.close());

  const statements = async () => (await pg.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map((r) => r.name);

  it('writes and reads every kind of value as PGlite does, keeping at most `capacity` statements', async () => {
    const id = '6f1c2a52-0f0e-4c7a-9d49-2b7a1f0e9c11';
    const at = new Date('2026-11-30T10:42:00.123Z');
    const insert = 'insert into notes (id, body, at, n) values ($1, $2, $3, $4) returning n';
    assert.deepEqual((await prepared.query(insert, [id, { text: 'Arvenia', list: [1, 2] }, at, 7])).rows, [{ n: 7 }]);
    assert.deepEqual((await prepared.query(insert, ['0b7e3f55-5d0a-4b7e-8a52-6cbbd5f2a7c0', '"a string"', null, null])).rows, [{ n: null }]);
    const select = 'select id, body, at, n from notes where id = $1';
    for (const client of [prepared, pg]) {
      const { rows } = await client.query<{ id: string; body: unknown; at: Date; n: number }>(select, [id]);
      assert.deepEqual(rows, [{ id, body: { text: 'Arvenia', list: [1, 2] }, at, n: 7 }]);
    }
    const arrays = await prepared.query(select, [id], { rowMode: 'array' });
    assert.deepEqual(arrays.rows, [[id, { text: 'Arvenia', list: [1, 2] }, at, 7]]);
    assert.deepEqual(arrays.fields.map((f) => f.name), ['id', 'body', 'at', 'n']);
    assert.equal((await prepared.query('update notes set n = n + 1 where n is not null')).affectedRows, 1);
    assert.equal((await statements()).length, 2, 'the oldest statements were closed');
    assert.deepEqual((await prepared.query<{ n: number }>(select, [id])).rows.map((r) => r.n), [8], 'a forgotten text is prepared again');
  });

  it('throws PostgreSQL errors with their code, and keeps working afterwards', async () => {
    const insert = 'insert into notes (id, body, n) values ($1, $2, $3)';
    await assert.rejects(prepared.query(insert, ['not-a-uuid', {}, 1]), (err: Error & { code?: string }) => err.code === '22P02');
    await assert.rejects(prepared.query(insert, ['d2b1c9a4-3e1f-4c55-9b0e-7d5a8c1e2f33', {}, 8]), (err: Error & { code?: string }) => err.code === '23505');
    await assert.rejects(prepared.query('select nothing from nowhere'), /relation "nowhere" does not exist/);
    assert.equal((await prepared.query<{ one: number }>('select 1 as one')).rows[0]?.one, 1);
  });

  it('waits for a transaction to end before running a query outside it', async () => {
    const order: string[] = [];
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = pg.transaction(async (t) => {
      await t.query("update notes set body = '{\"in\": \"transaction\"}' where n = 8");
      inside();
      await new Promise((r) => setTimeout(r, 50));
      order.push('transaction');
    });
    await started;
    const outside = prepared.query<{ body: unknown }>('select body from notes where n = $1', [8]).then((r) => {
      order.push('query');
      return r.rows[0]?.body;
    });
    await tx;
    assert.deepEqual(await outside, { in: 'transaction' });
    assert.deepEqual(order, ['transaction', 'query']);
  });
});
