// Review cycles and the States invited to them (one submission row per invited State).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
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
  return summaryOf(row, invited.map((i) => i.iso3), progress);
}

function summaryOf(row: SummaryRow, invited: string[], progress: CycleSummary['progress']): CycleSummary {
  const invitedStates = [...invited].sort();
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

/**
 * Whose submissions a cycle summary covers: every invited State's (the secretariat), or one
 * State's only (its own users), who then see nothing of the others, not even who they are.
 */
export type CycleScope = { states: 'all' } | { states: 'one'; iso3: string };

// Counted where the rows are: one row per status, however many States are invited. Written out
// with table names, because drizzle leaves them out of a one-table select, which would make
// "id" in the subquery mean the submission's.
const progressOfCycle = sql<Partial<Record<SubmissionStatus, number>>>`coalesce((
  select json_object_agg(counts.status, counts.n) from (
    select s.status, count(*)::int as n from submissions s where s.cycle_id = review_cycles.id group by s.status
  ) as counts), '{}'::json)`;
const invitedToCycle = sql<string[]>`coalesce((select json_agg(s.state_iso3) from submissions s where s.cycle_id = review_cycles.id), '[]'::json)`;

function selectSummaries(db: Executor, scope: CycleScope) {
  if (scope.states === 'all') {
    return db.select({ ...summaryColumns, progress: progressOfCycle, invited: invitedToCycle, ownStatus: sql<SubmissionStatus | null>`null` }).from(reviewCycles).$dynamic();
  }
  return db
    .select({ ...summaryColumns, progress: sql<null>`null`, invited: sql<null>`null`, ownStatus: submissions.status })
    .from(reviewCycles)
    .innerJoin(submissions, and(eq(submissions.cycleId, reviewCycles.id), eq(submissions.stateIso3, scope.iso3)))
    .$dynamic();
}

type ScopedRow = SummaryRow & { progress: CycleSummary['progress'] | null; invited: string[] | null; ownStatus: SubmissionStatus | null };

function scopedSummary(row: ScopedRow, scope: CycleScope): CycleSummary {
  if (scope.states === 'all') return summaryOf(row, row.invited ?? [], row.progress ?? {});
  return summaryOf(row, [scope.iso3], row.ownStatus ? { [row.ownStatus]: 1 } : {});
}

/** The cycles `scope` covers (a State's: those it is invited to), newest deadline first. */
export async function listCycles(db: Executor, scope: CycleScope): Promise<CycleSummary[]> {
  const rows: ScopedRow[] = await selectSummaries(db, scope).orderBy(desc(reviewCycles.deadline), asc(reviewCycles.title));
  return rows.map((r) => scopedSummary(r, scope));
}

/** A cycle as `scope` sees it; undefined when there is no such cycle, or a State's scope is not invited to it. */
export async function findCycle(db: Executor, id: string, scope: CycleScope): Promise<CycleSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const [row]: ScopedRow[] = await selectSummaries(db, scope).where(eq(reviewCycles.id, id));
  return row ? scopedSummary(row, scope) : undefined;
}

/** Whether a cycle exists, whoever may see it. */
export async function cycleExists(db: Executor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db.select({ id: reviewCycles.id }).from(reviewCycles).where(eq(reviewCycles.id, id));
  return row !== undefined;
}

/** The template a cycle was opened with, as it was then. */
export async function findCycleTemplate(db: Executor, id: string): Promise<Template | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select({ template: reviewCycles.templateSnapshot }).from(reviewCycles).where(eq(reviewCycles.id, id));
  return row?.template as Template | undefined;
}

export async function countCycles(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(reviewCycles);
  return row?.n ?? 0;
}

/** Sets a cycle's status when it is still `from` (nothing changes otherwise); true when it changed. */
export async function updateCycleStatus(db: Executor, id: string, from: CycleStatus, to: CycleStatus): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(reviewCycles)
    .set({ status: to })
    .where(and(eq(reviewCycles.id, id), eq(reviewCycles.status, from)))
    .returning({ id: reviewCycles.id });
  return rows.length > 0;
}
