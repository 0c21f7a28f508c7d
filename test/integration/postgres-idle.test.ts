// A PostgreSQL server may end a connection the pool keeps idle (a restart, an administrator's
// pg_terminate_backend, a dropped test database). The pool must open another when one is needed;
// an idle connection's error that nobody handles would end the whole server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { backends, openTestDatabase } from '../support/db.ts';

const postgres = (await backends()).find((c) => c.backend.name === 'postgres')!;

describe('PostgreSQL connections ended by the server', () => {
  it('are replaced, and the process goes on', { skip: postgres.unavailable ?? false }, async () => {
    const t = await openTestDatabase(postgres.backend);
    try {
      await t.db.drizzle.execute(sql`select 1`);
      const admin = new pg.Client({ connectionString: t.databaseUrl });
      await admin.connect();
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) ended',
      );
      await admin.end();
      assert.ok(rows[0]!.n >= 1, 'the pool had an idle connection to end');
      // Give the pool the moment in which the ended connection reports its error.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = (await t.db.drizzle.execute(sql`select 2 as n`)) as unknown as { rows: { n: number }[] };
      assert.equal(again.rows[0]!.n, 2);
    } finally {
      await t.close();
    }
  });
});
