// Review cycles and the States invited to them (one submission row per invited State).
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Template } from '../domain/template.ts';
import type { CycleSummary } from '../domain/records.ts';
import type { CycleStatus, SubmissionStatus } from '../domain/workflow.ts';
import { queryRows, type Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { reviewCycles, submissions } from './schema.ts';

export interface NewCycle {
  title: string;
  /** Fixed slots, or a questionnaire of the item model: stored as it is, the cycle's snapshot. */
  template: Pick<Template, 'id' | 'version'>;
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

/** The terms of a cycle that can change after it is created (src/services/cycles.ts says when). */
export type CycleTerms = Partial<Pick<NewCycle, 'title' | 'region' | 'meeting' | 'deadline' | 'returnAddresses'>>;

/** Changes a cycle's terms when it is still in `status` (nothing changes otherwise); true when it changed. */
export async function updateCycleTerms(db: Executor, id: string, status: CycleStatus, terms: CycleTerms): Promise<boolean> {
  if (!isUuid(id)) return false;
  if (Object.keys(terms).length === 0) return (await db.select({ id: reviewCycles.id }).from(reviewCycles).where(and(eq(reviewCycles.id, id), eq(reviewCycles.status, status)))).length > 0;
  const rows = await db
    .update(reviewCycles)
    .set(terms)
    .where(and(eq(reviewCycles.id, id), eq(reviewCycles.status, status)))
    .returning({ id: reviewCycles.id });
  return rows.length > 0;
}

/** Invites more States to a cycle (a submission row each, not started). */
export async function addInvitedStates(db: Executor, cycleId: string, iso3s: readonly string[]): Promise<void> {
  if (iso3s.length === 0) return;
  await db.insert(submissions).values(iso3s.map((stateIso3) => ({ cycleId, stateIso3 })));
}

/**
 * Takes States off a cycle's invitations: their submission rows go, but only those nothing was
 * saved in yet (version 0). Answers the States removed.
 */
export async function removeInvitedStates(db: Executor, cycleId: string, iso3s: readonly string[]): Promise<string[]> {
  if (iso3s.length === 0) return [];
  const rows = await db
    .delete(submissions)
    .where(and(eq(submissions.cycleId, cycleId), inArray(submissions.stateIso3, [...iso3s]), eq(submissions.currentVersion, 0)))
    .returning({ iso3: submissions.stateIso3 });
  return rows.map((r) => r.iso3);
}

/** The invited States that have saved answers (version > 0) among `iso3s`, with their version. */
export async function statesWithAnswers(db: Executor, cycleId: string, iso3s: readonly string[]): Promise<{ iso3: string; version: number }[]> {
  if (iso3s.length === 0 || !isUuid(cycleId)) return [];
  return db
    .select({ iso3: submissions.stateIso3, version: submissions.currentVersion })
    .from(submissions)
    .where(and(eq(submissions.cycleId, cycleId), inArray(submissions.stateIso3, [...iso3s]), gt(submissions.currentVersion, 0)));
}

export interface InvitedStateContacts {
  iso3: string;
  stateName: string;
  status: SubmissionStatus;
  /** Its coordinators (of the State's office, or of this submission), by name. */
  coordinators: { name: string; email: string }[];
}

/** Every invited State of a cycle with its coordinators, by State name: one query, whatever the number of States. */
export async function listInvitedStateContacts(db: Executor, cycleId: string): Promise<InvitedStateContacts[]> {
  if (!isUuid(cycleId)) return [];
  return queryRows<InvitedStateContacts>(
    db,
    sql`select s.state_iso3 as iso3, o.name as "stateName", s.status,
        coalesce((select json_agg(json_build_object('name', p.name, 'email', p.email) order by p.name, p.email)
          from (select distinct u.name, u.email from memberships m join users u on u.id = m.user_id
                where m.role = 'state-coordinator'
                  and ((m.scope = 'state' and m.state_iso3 = s.state_iso3) or (m.scope = 'submission' and m.submission_id = s.id))) p), '[]'::json) as coordinators
      from submissions s join organisations o on o.iso3 = s.state_iso3
      where s.cycle_id = ${cycleId}
      order by o.name`,
  );
}

/**
 * When each invited State first submitted its answers (the audit trail's first `submission.submit`
 * of its submission), for the replies-over-time chart; States that never submitted are absent.
 */
export async function listFirstSubmissions(db: Executor, cycleId: string): Promise<{ iso3: string; at: string }[]> {
  if (!isUuid(cycleId)) return [];
  return queryRows<{ iso3: string; at: string }>(
    db,
    sql`select s.state_iso3 as iso3, to_char(min(a.at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
      from submissions s
      join audit_events a on a.subject = 'submission:' || s.cycle_id::text || '/' || s.state_iso3 and a.action = 'submission.submit'
      where s.cycle_id = ${cycleId}
      group by s.state_iso3
      order by 2`,
  );
}
