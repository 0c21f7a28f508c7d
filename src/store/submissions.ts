// Submissions (one per invited State per cycle) and their versions: every save is kept.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { State } from '../domain/reference.ts';
import type { SubmissionStatus, SubmissionSummary, SubmissionVersion } from '../services/types.ts';
import type { Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { organisations, submissions, submissionVersions } from './schema.ts';

const summaryColumns = {
  id: submissions.id,
  cycleId: submissions.cycleId,
  iso3: submissions.stateIso3,
  stateName: organisations.name,
  stateGroups: organisations.groups,
  status: submissions.status,
  version: submissions.currentVersion,
  updatedAt: submissions.updatedAt,
  updatedBy: submissionVersions.authorName,
};

function selectSummaries(db: Executor) {
  return db
    .select(summaryColumns)
    .from(submissions)
    .innerJoin(organisations, eq(organisations.iso3, submissions.stateIso3))
    .leftJoin(
      submissionVersions,
      and(eq(submissionVersions.submissionId, submissions.id), eq(submissionVersions.version, submissions.currentVersion)),
    );
}

export interface SubmissionRecord extends SubmissionSummary {
  /** The row id, used to add versions. */
  id: string;
}

function toRecord(r: {
  id: string;
  cycleId: string;
  iso3: string;
  stateName: string;
  stateGroups: string[];
  status: SubmissionStatus;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}): SubmissionRecord {
  const state: State = { iso3: r.iso3, name: r.stateName, groups: r.stateGroups };
  return { id: r.id, cycleId: r.cycleId, state, status: r.status, version: r.version, updatedAt: r.updatedAt?.toISOString() ?? null, updatedBy: r.updatedBy };
}

/** The submissions of a cycle, by State name; only one State's when `iso3` is given. */
export async function listSubmissions(db: Executor, cycleId: string, iso3?: string): Promise<SubmissionRecord[]> {
  if (!isUuid(cycleId)) return [];
  const rows = await selectSummaries(db)
    .where(iso3 === undefined ? eq(submissions.cycleId, cycleId) : and(eq(submissions.cycleId, cycleId), eq(submissions.stateIso3, iso3)))
    .orderBy(asc(organisations.name));
  return rows.map(toRecord);
}

/**
 * One State's submission to a cycle; undefined when the State is not invited. With `lock`, the
 * row stays locked until the transaction ends, so that two saves cannot both take the same version.
 */
export async function findSubmission(db: Executor, cycleId: string, iso3: string, lock = false): Promise<SubmissionRecord | undefined> {
  if (!isUuid(cycleId)) return undefined;
  if (lock) {
    await db
      .select({ id: submissions.id })
      .from(submissions)
      .where(and(eq(submissions.cycleId, cycleId), eq(submissions.stateIso3, iso3)))
      .for('update');
  }
  const [row] = await listSubmissions(db, cycleId, iso3);
  return row;
}

/** The response saved as `version` of a submission. */
export async function findVersionResponse(db: Executor, submissionId: string, version: number): Promise<unknown> {
  const [row] = await db
    .select({ response: submissionVersions.response })
    .from(submissionVersions)
    .where(and(eq(submissionVersions.submissionId, submissionId), eq(submissionVersions.version, version)));
  return row?.response;
}

export interface NewVersion {
  submissionId: string;
  version: number;
  response: unknown;
  authorId: string | null;
  authorName: string;
  source: string;
  note: string | null;
  status: SubmissionStatus;
}

/** Adds a version and makes it the submission's current one. */
export async function insertVersion(db: Executor, v: NewVersion): Promise<void> {
  const { status, ...version } = v;
  const [saved] = await db.insert(submissionVersions).values(version).returning({ savedAt: submissionVersions.savedAt });
  await db
    .update(submissions)
    .set({ currentVersion: v.version, status, updatedAt: saved?.savedAt ?? sql`now()` })
    .where(eq(submissions.id, v.submissionId));
}

/** Every version of a submission, newest first. */
export async function listVersions(db: Executor, submissionId: string): Promise<SubmissionVersion[]> {
  const rows = await db
    .select({
      version: submissionVersions.version,
      savedAt: submissionVersions.savedAt,
      savedBy: submissionVersions.authorName,
      source: submissionVersions.source,
      note: submissionVersions.note,
    })
    .from(submissionVersions)
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(desc(submissionVersions.version));
  return rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() }));
}

export async function countSubmissions(db: Executor): Promise<{ submissions: number; versions: number }> {
  const [s] = await db.select({ n: sql<number>`count(*)::int` }).from(submissions);
  const [v] = await db.select({ n: sql<number>`count(*)::int` }).from(submissionVersions);
  return { submissions: s?.n ?? 0, versions: v?.n ?? 0 };
}
