// The States that can be invited and answer, from the database (seeded from the reference data).
import { regions } from '../domain/reference.ts';
import type { Database } from '../store/database.ts';
import { listStates } from '../store/organisations.ts';
import type { Services } from './types.ts';

export function statesService(db: Database): Services['states'] {
  return {
    /** All States by name; with a region key ("escap") its members, with a group name ("fictional") that group. */
    async list(region) {
      const all = await listStates(db.drizzle);
      if (region === undefined) return all;
      const members: readonly string[] | undefined = (regions as Record<string, { members: readonly string[] }>)[region]?.members;
      return all.filter((s) => (members ? members.includes(s.iso3) : s.groups.includes(region)));
    },
  };
}
