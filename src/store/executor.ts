// The type every query function takes: the database itself or a transaction on it. Both
// drivers (PGlite and node-postgres) give a PgDatabase over the same schema.
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Schema = typeof schema;
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

/** Rows of a raw SQL query; both drivers answer `{ rows }`. For the few queries the builder cannot express. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
