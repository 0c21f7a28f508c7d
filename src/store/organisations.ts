// Organisations: the States (kept in step with src/domain/reference.ts) and secretariats.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { states } from '../domain/reference.ts';
import type { State } from '../domain/reference.ts';
import { queryRows, type Executor } from './executor.ts';
import { organisations } from './schema.ts';

/**
 * Inserts the States of the reference data and updates names and groups that changed; true when it
 * had to. The stored States are compared with the reference data in one query first, so a start
 * with nothing changed writes nothing.
 */
export async function seedStates(db: Executor): Promise<boolean> {
  const [stored] = await queryRows<{ same: boolean | null }>(
    db,
    sql`select (select jsonb_agg(jsonb_build_array(iso3, name, groups) order by iso3 collate "C") from ${organisations} where kind = 'state') = ${referenceStatesJson()}::jsonb as same`,
  );
  if (stored?.same) return false;
  await db
    .insert(organisations)
    .values(states.map((s) => ({ kind: 'state' as const, iso3: s.iso3, name: s.name, groups: s.groups })))
    .onConflictDoUpdate({
      target: organisations.iso3,
      set: { name: sql`excluded.name`, groups: sql`excluded.groups` },
      setWhere: sql`${organisations.name} is distinct from excluded.name or ${organisations.groups} is distinct from excluded.groups`,
    });
  return true;
}

let referenceJson: string | undefined;

/** The reference States as seedStates builds them from the table: [iso3, name, groups] by ISO3, in code-point order. */
export function referenceStatesJson(): string {
  referenceJson ??= JSON.stringify(
    [...states].sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0)).map((s) => [s.iso3, s.name, s.groups]),
  );
  return referenceJson;
}

const stateColumns = { iso3: organisations.iso3, name: organisations.name, groups: organisations.groups };

function toState(row: { iso3: string | null; name: string; groups: string[] }): State {
  return { iso3: row.iso3 ?? '', name: row.name, groups: row.groups };
}

/** Every State, by name. */
export async function listStates(db: Executor): Promise<State[]> {
  const rows = await db.select(stateColumns).from(organisations).where(eq(organisations.kind, 'state')).orderBy(asc(organisations.name));
  return rows.map(toState);
}

/** The States among `iso3s` that exist, keyed by ISO3. */
export async function findStates(db: Executor, iso3s: string[]): Promise<Map<string, State>> {
  if (iso3s.length === 0) return new Map();
  const rows = await db
    .select(stateColumns)
    .from(organisations)
    .where(and(eq(organisations.kind, 'state'), inArray(organisations.iso3, iso3s)));
  return new Map(rows.map((r) => [r.iso3 ?? '', toState(r)]));
}

/** The organisation id of a State, if the State exists. */
export async function stateOrganisationId(db: Executor, iso3: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, 'state'), eq(organisations.iso3, iso3)));
  return row?.id;
}

export async function countOrganisations(db: Executor): Promise<{ states: number; secretariats: number }> {
  const rows = await db.select({ kind: organisations.kind, n: sql<number>`count(*)::int` }).from(organisations).groupBy(organisations.kind);
  const count = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return { states: count('state'), secretariats: count('secretariat') };
}
