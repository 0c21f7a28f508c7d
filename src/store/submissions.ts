// Submissions (one per invited State per cycle) and their versions: every save is kept, stored
// compactly (a full copy now and then, deltas in between: see version-codec.ts).
import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { seededIds } from '../domain/paragraph-ids.ts';
import type { State } from '../domain/reference.ts';
import { currentSchemaVersion } from '../domain/response.ts';
import { itemSchemaVersion, schemaVersionOf, upgradeResponse } from '../domain/response-migrations.ts';
import type { SubmissionSummary, SubmissionVersion } from '../domain/records.ts';
import type { CycleStatus, SubmissionStatus } from '../domain/workflow.ts';
import type { NewAuditEvent } from './audit.ts';
import { queryRows, type Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { organisations, reviewCycles, submissions, submissionVersions } from './schema.ts';
import { decodeEachVersion, decodeVersions, encodeVersion, type StoredVersion } from './version-codec.ts';

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

/** What reading or saving a submission needs to know of its cycle (the template is cached apart). */
export interface CycleOfSubmission {
  id: string;
  title: string;
  status: CycleStatus;
  templateId: string;
  templateVersion: number;
}

/**
 * Prepared once per database handle: a prepared query belongs to the handle that made it (a
 * transaction makes its own). node-postgres also keeps the named statement on the server.
 */
function preparedFor<T>(cache: WeakMap<Executor, T>, db: Executor, prepare: (db: Executor) => T): T {
  let prepared = cache.get(db);
  if (!prepared) cache.set(db, (prepared = prepare(db)));
  return prepared;
}

const locatePrepared = new WeakMap<Executor, ReturnType<typeof prepareLocate>>();

function prepareLocate(db: Executor) {
  return db
    .select({
      ...summaryColumns,
      cycleId: reviewCycles.id,
      cycleTitle: reviewCycles.title,
      cycleStatus: reviewCycles.status,
      templateId: reviewCycles.templateId,
      templateVersion: reviewCycles.templateVersion,
    })
    .from(reviewCycles)
    .leftJoin(submissions, and(eq(submissions.cycleId, reviewCycles.id), eq(submissions.stateIso3, sql.placeholder('iso3'))))
    .leftJoin(organisations, eq(organisations.iso3, submissions.stateIso3))
    .leftJoin(
      submissionVersions,
      and(eq(submissionVersions.submissionId, submissions.id), eq(submissionVersions.version, submissions.currentVersion)),
    )
    .where(eq(reviewCycles.id, sql.placeholder('cycleId')))
    .prepare('locate_submission');
}

/**
 * In one query: the cycle, and the State's submission to it (undefined when the State is not
 * invited). Undefined when there is no such cycle.
 */
export async function locateSubmission(
  db: Executor,
  cycleId: string,
  iso3: string,
): Promise<{ cycle: CycleOfSubmission; submission: SubmissionRecord | undefined } | undefined> {
  if (!isUuid(cycleId)) return undefined;
  const [row] = await preparedFor(locatePrepared, db, prepareLocate).execute({ cycleId, iso3 });
  if (!row) return undefined;
  const cycle: CycleOfSubmission = {
    id: row.cycleId,
    title: row.cycleTitle,
    status: row.cycleStatus,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
  };
  const { id, iso3: code, stateName, stateGroups, status, version } = row;
  if (id === null || code === null || stateName === null || stateGroups === null || status === null || version === null) return { cycle, submission: undefined };
  return { cycle, submission: toRecord({ id, cycleId: cycle.id, iso3: code, stateName, stateGroups, status, version, updatedAt: row.updatedAt, updatedBy: row.updatedBy }) };
}

const versionRowsPrepared = new WeakMap<Executor, ReturnType<typeof prepareVersionRows>>();

function prepareVersionRows(db: Executor) {
  const wanted = sql.placeholder('version');
  const id = sql.placeholder('submissionId');
  // The nearest full copy at or below the version wanted, then every delta up to it.
  const fullCopy = sql`(select max(${submissionVersions.version}) from ${submissionVersions}
    where ${submissionVersions.submissionId} = ${id} and ${submissionVersions.version} <= ${wanted} and ${submissionVersions.response} is not null)`;
  return db
    .select({ version: submissionVersions.version, response: submissionVersions.response, delta: submissionVersions.delta })
    .from(submissionVersions)
    .where(and(eq(submissionVersions.submissionId, id), sql`${submissionVersions.version} between ${fullCopy} and ${wanted}`))
    .orderBy(asc(submissionVersions.version))
    .prepare('submission_version_rows');
}

/** The response saved as `version` of a submission (undefined if there is no such version). */
export async function findVersionResponse(db: Executor, submissionId: string, version: number): Promise<unknown> {
  const rows: StoredVersion[] = await preparedFor(versionRowsPrepared, db, prepareVersionRows).execute({ submissionId, version });
  if (rows.at(-1)?.version !== version) return undefined;
  return decodeVersions(rows);
}

/**
 * A version's response as stored (what the next version's delta applies to) and as it reads in
 * the current schema version (`current`: the same object when it was stored in it). Undefined if
 * there is no such version.
 *
 * Responses stored before the current schema version are upgraded here, on every read, and the
 * rows are never rewritten: a version is history, its rows are deltas of one another, and the
 * upgrade is pure and deterministic (its new ids are seeded by submission and version), so every
 * read gives the same result, and the first save after the upgrade stores it (the save carries
 * the ids it read). Version 1 paragraphs get their ids by alignment with the version before, so
 * an older version is upgraded after all those before it: it costs a read of them all, and only
 * for versions saved before the upgrade.
 */
export async function findVersionContent(db: Executor, submissionId: string, version: number): Promise<{ stored: unknown; current: unknown } | undefined> {
  const stored = await findVersionResponse(db, submissionId, version);
  if (stored === undefined) return undefined;
  if (schemaVersionOf(stored) === currentSchemaVersion || schemaVersionOf(stored) === itemSchemaVersion) return { stored, current: stored };
  const rows: StoredVersion[] = await db
    .select({ version: submissionVersions.version, response: submissionVersions.response, delta: submissionVersions.delta })
    .from(submissionVersions)
    .where(and(eq(submissionVersions.submissionId, submissionId), lte(submissionVersions.version, version)))
    .orderBy(asc(submissionVersions.version));
  let current: unknown;
  for (const { version: v, content } of decodeEachVersion(rows)) {
    current = upgradeResponse(content, { previous: current, newId: seededIds(`${submissionId}/${v}`) });
  }
  return { stored, current };
}

export interface NewVersion {
  submissionId: string;
  /** The version the save started from: the current one, or nothing is stored. */
  baseVersion: number;
  /** The response as plain JSON data. */
  response: unknown;
  /** The response of `baseVersion` (undefined when it is 0), to store only what changed. */
  previous: unknown;
  authorId: string | null;
  authorName: string;
  source: string;
  note: string | null;
  /** Only submissions in one of these statuses may change. */
  editable: readonly SubmissionStatus[];
  /** Only while the cycle is in one of these statuses. */
  cycleStatuses: readonly CycleStatus[];
  status: SubmissionStatus;
  /** The audit event recorded with the version (the same statement: both or neither). */
  audit: NewAuditEvent;
}

/**
 * Adds version `baseVersion + 1`, makes it the current one and records the audit event, all in
 * one statement (one round trip, atomic without a transaction around it); undefined, and nothing
 * stored, when the submission is no longer at `baseVersion`, no longer editable, or its cycle is
 * closed. Two saves from the same version cannot both win: the first to update the submission's
 * row holds it until it commits, and the other, re-checking the row, finds the version changed.
 */
export async function appendVersion(db: Executor, v: NewVersion): Promise<{ version: number; savedAt: string } | undefined> {
  const version = v.baseVersion + 1;
  const stored = encodeVersion(version, v.response, v.previous);
  const editable = sqlList(v.editable);
  const cycleStatuses = sqlList(v.cycleStatuses);
  const rows = await queryRows<{ saved_at: string }>(
    db,
    sql`with moved as (
      update submissions set current_version = ${version}::int, status = ${v.status}::text, updated_at = now()
      where id = ${v.submissionId}::uuid and current_version = ${v.baseVersion}::int and status in (${editable})
        and exists (select 1 from review_cycles c where c.id = submissions.cycle_id and c.status in (${cycleStatuses}))
      returning id, updated_at
    ), added as (
      insert into submission_versions (submission_id, version, response, delta, author_id, author_name, saved_at, source, note)
      select id, ${version}::int, ${json(stored.response)}::jsonb, ${json(stored.delta)}::jsonb, ${v.authorId}::uuid, ${v.authorName}::text,
        updated_at, ${v.source}::text, ${v.note}::text
      from moved
      returning saved_at
    ), audited as (
      ${insertAuditFrom(v.audit, sql`added`)}
    )
    select to_char(saved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as saved_at from added`,
  );
  const [row] = rows;
  return row ? { version, savedAt: row.saved_at } : undefined;
}

function sqlList(values: readonly string[]) {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/** The audit event's insert, one row for each row of `rows` (a CTE of the same statement): written with the change or not at all. */
function insertAuditFrom(audit: NewAuditEvent, rows: SQL) {
  return sql`insert into audit_events (actor, actor_user_id, action, subject, details)
      select ${audit.actor}::text, ${audit.actorUserId}::uuid, ${audit.action}::text, ${audit.subject}::text, ${json(audit.details ?? {})}::jsonb
      from ${rows}`;
}

export interface StatusChange {
  submissionId: string;
  /** The status, version and cycle status the change was decided from: it happens only if they still hold. */
  from: SubmissionStatus;
  version: number;
  cycleStatus: CycleStatus;
  to: SubmissionStatus;
  /** The audit event recorded with the change (the same statement: both or neither). */
  audit: NewAuditEvent;
}

/**
 * Moves a submission from one status to another, and records the audit event, in one statement;
 * undefined, and nothing changed, when the submission or its cycle is no longer as the change was
 * decided from (someone saved or moved it since, or the cycle's status changed).
 */
export async function changeStatus(db: Executor, c: StatusChange): Promise<{ at: string } | undefined> {
  const rows = await queryRows<{ at: string }>(
    db,
    sql`with moved as (
      update submissions set status = ${c.to}::text
      where id = ${c.submissionId}::uuid and status = ${c.from}::text and current_version = ${c.version}::int
        and exists (select 1 from review_cycles r where r.id = submissions.cycle_id and r.status = ${c.cycleStatus}::text)
      returning id
    ), audited as (
      ${insertAuditFrom(c.audit, sql`moved`)}
      returning at
    )
    select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from audited`,
  );
  const [row] = rows;
  return row ? { at: row.at } : undefined;
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
