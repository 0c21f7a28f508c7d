// GCM reference data: the 23 objectives (A/RES/73/195), the 10 guiding principles (para 15),
// the four IMRF round-table clusters (A/RES/73/326 para 21) and the States that answer.
import reference from './data/gcm-reference.json' with { type: 'json' };
import { unMemberStates } from './data/states.ts';

export interface Objective {
  number: number;
  title: string;
  /** Informal label for charts and tables; not an official title. */
  shortName: string;
}
export interface Principle {
  key: string;
  title: string;
  /** Paragraph of the Global Compact that states it, e.g. "15(a)". */
  para: string;
}
export interface Cluster {
  number: number;
  title: string;
  objectives: number[];
}
export interface State {
  iso3: string;
  name: string;
  /** Regional groupings the State belongs to, e.g. "escap" or "escap-associate". */
  groups: string[];
  /** Other names a document may use ("Lao PDR", "Vietnam"). */
  aliases?: string[];
}

export const objectives: readonly Objective[] = reference.objectives;
export const principles: readonly Principle[] = reference.principles;
export const clusters: readonly Cluster[] = reference.clusters;

const escapMembers = new Set(reference.escap.members.map((s) => s.iso3));
const escapAssociates = reference.escap.associateMembers;

/**
 * Fictional States for demonstrations, training cycles and tests, under ISO 3166 user-assigned
 * codes (XAA-XZZ) that no real country will ever receive. They belong to no region.
 */
export const fictionalStates: readonly State[] = [
  { iso3: 'XAA', name: 'Republic of Arvenia', aliases: ['Arvenia'], groups: ['fictional'] },
  { iso3: 'XAB', name: 'Kingdom of Belmora', aliases: ['Belmora'], groups: ['fictional'] },
  { iso3: 'XAC', name: 'Federated Islands of Coralia', aliases: ['Coralia'], groups: ['fictional'] },
];

/**
 * English alphabetical order of the names, as `localeCompare(…, 'en')` gives for these names (accents
 * and case aside; states.test.ts holds the two to the same order) without starting ICU's collation
 * when this module loads, which every command does.
 */
function byName(a: State, b: State): number {
  const x = sortKey(a.name);
  const y = sortKey(b.name);
  return x < y ? -1 : x > y ? 1 : 0;
}
const sortKey = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** All UN member States, ESCAP's associate members and the fictional States, each with its groups. */
export const states: readonly State[] = [
  ...unMemberStates.map((s: Omit<State, 'groups'>) => ({ ...s, groups: escapMembers.has(s.iso3) ? ['escap'] : [] })),
  ...escapAssociates.map((s) => ({ ...s, groups: ['escap-associate'] })),
  ...fictionalStates,
].sort(byName);

const byIso3 = new Map(states.map((s) => [s.iso3, s]));

export function stateByIso3(iso3: string): State | undefined {
  return byIso3.get(iso3.toUpperCase());
}

/** Finds a State by its name as written in a document ("Cambodia", "Viet Nam", "lao pdr"). */
export function stateByName(name: string): State | undefined {
  const key = normaliseName(name);
  if (!key) return undefined;
  return states.find((s) => normaliseName(s.name) === key || s.aliases?.some((a) => normaliseName(a) === key));
}

function normaliseName(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
}

export function objectiveByNumber(n: number): Objective | undefined {
  return objectives.find((o) => o.number === n);
}

export function clusterOfObjective(n: number): Cluster | undefined {
  return clusters.find((c) => c.objectives.includes(n));
}

export const regions = {
  escap: {
    name: 'Asia and the Pacific (ESCAP)',
    members: states.filter((s) => s.groups.includes('escap') || s.groups.includes('escap-associate')).map((s) => s.iso3),
  },
} as const;
