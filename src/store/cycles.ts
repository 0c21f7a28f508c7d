// Review cycles and the States invited to them (one submission row per invited State).
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Template } from '../domain/template.ts';
import type { CycleStatus, CycleSummary, SubmissionStatus } from '../services/types.ts';
import type { Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { reviewCycles, submissions } from './schema.ts';

export interface NewCycle {
  title: string;
  template: Template;
  region: string;
  meeting: { name: string; place?: string; dates?: string } | null;
  deadline: string;
  returnAddresses: string[];
  status: CycleStatus;
  invitedStates: string[];
  createdBy: string | null;
}

/** Stores the cycle with a snapshot of its template, and invites the States. */
export async function insertCycle(db: Executor, input: NewCycle): Promise<CycleSummary> {
  const { template, invitedStates, ...rest } = input;
  const [row] = await db
    .insert(reviewCycles)
    .values({ ...rest, templateId: template.id, templateVersion: template.version, templateSnapshot: template })
    .returning();
  if (!row) throw new Error('Inserting a review cycle returned no row.');
  await db.insert(submissions).values(invitedStates.map((stateIso3) => ({ cycleId: row.id, stateIso3 })));
  return toSummary(row, invitedStates.map((iso3) => ({ iso3, status: 'not-started' })));
}

const summaryColumns = {
  id: reviewCycles.id,
  title: reviewCycles.title,
  templateId: reviewCycles.templateId,
  region: reviewCycles.region,
  meeting: reviewCycles.meeting,
  deadline: reviewCycles.deadline,
  returnAddresses: reviewCycles.returnAddresses,
  status: reviewCycles.status,
  createdAt: reviewCycles.createdAt,
};
type SummaryRow = Pick<typeof reviewCycles.$inferSelect, keyof typeof summaryColumns>;
type Invitation = { iso3: string; status: SubmissionStatus };

function toSummary(row: SummaryRow, invited: Invitation[]): CycleSummary {
  const progress: CycleSummary['progress'] = {};
  for (const i of invited) progress[i.status] = (progress[i.status] ?? 0) + 1;
  const invitedStates = invited.map((i) => i.iso3).sort();
  return {
    id: row.id,
    title: row.title,
    templateId: row.templateId,
    region: row.region,
    meeting: row.meeting ?? null,
    deadline: row.deadline,
    returnAddresses: row.returnAddresses,
    invitedStates,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    invitedCount: invitedStates.length,
    progress,
  };
}

async function invitationsOf(db: Executor, cycleIds: string[]): Promise<Map<string, Invitation[]>> {
  const byCycle = new Map<string, Invitation[]>(cycleIds.map((id) => [id, []]));
  if (cycleIds.length === 0) return byCycle;
  const rows = await db
    .select({ cycleId: submissions.cycleId, iso3: submissions.stateIso3, status: submissions.status })
    .from(submissions)
    .where(inArray(submissions.cycleId, cycleIds));
  for (const r of rows) byCycle.get(r.cycleId)?.push({ iso3: r.iso3, status: r.status });
  return byCycle;
}

/** Cycles, newest deadline first; only those a State is invited to when `invitedState` is given. */
export async function listCycles(db: Executor, invitedState?: string): Promise<CycleSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(reviewCycles)
    .where(
      invitedState === undefined
        ? undefined
        : inArray(reviewCycles.id, db.select({ id: submissions.cycleId }).from(submissions).where(eq(submissions.stateIso3, invitedState))),
    )
    .orderBy(desc(reviewCycles.deadline), asc(reviewCycles.title));
  const invitations = await invitationsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, invitations.get(r.id) ?? []));
}

export interface CycleRecord {
  summary: CycleSummary;
  /** The template as it was when the cycle was created. */
  template: Template;
}

export async function findCycle(db: Executor, id: string): Promise<CycleRecord | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ ...summaryColumns, template: reviewCycles.templateSnapshot })
    .from(reviewCycles)
    .where(eq(reviewCycles.id, id));
  if (!row) return undefined;
  const invitations = await invitationsOf(db, [id]);
  return { summary: toSummary(row, invitations.get(id) ?? []), template: row.template as Template };
}

export async function countCycles(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reviewCycles);
  return row?.n ?? 0;
}
