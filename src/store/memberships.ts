// Memberships: a user's role in the secretariat, a State's office, a cycle, a submission or a
// question. The policy (src/services/policy.ts) reads them; the store only keeps them. A user's
// memberships are read on every request, so they are remembered in memory (access-cache.ts); every
// change here goes through accessChanged, which makes every process forget them at once.
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { MembershipScope, Role } from '../domain/workflow.ts';
import type { MembershipInfo } from '../domain/records.ts';
import { accessCacheOf, accessChanged } from './access-cache.ts';
import type { Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { memberships, submissions, users } from './schema.ts';

/** One membership, with the cycle and State of a submission-scoped one (so a policy needs no second look-up). */
export type Membership =
  | { role: Role; scope: 'secretariat' }
  | { role: Role; scope: 'state'; stateIso3: string }
  | { role: Role; scope: 'cycle'; cycleId: string }
  | { role: Role; scope: 'submission'; submissionId: string; cycleId: string; stateIso3: string }
  | { role: Role; scope: 'question'; submissionId: string; cycleId: string; stateIso3: string; questionKey: string };

export type NewMembership =
  | { role: Role; scope: 'secretariat' }
  | { role: Role; scope: 'state'; stateIso3: string }
  | { role: Role; scope: 'cycle'; cycleId: string }
  | { role: Role; scope: 'submission'; submissionId: string }
  | { role: Role; scope: 'question'; submissionId: string; questionKey: string };

/** Every membership of a user: from memory when known (see access-cache.ts), else one prepared query. */
export async function findMemberships(db: Executor, userId: string): Promise<Membership[]> {
  const cache = accessCacheOf(db);
  const known = cache?.userMemberships(userId);
  if (known) return [...known];
  const generation = cache?.generation ?? 0;
  let query = membershipQueries.get(db);
  if (!query) membershipQueries.set(db, (query = membershipQuery(db)));
  const rows = await query.execute({ userId });
  const list = rows.flatMap((r): Membership[] => toMembership(r.scope, r));
  cache?.rememberMemberships(userId, Object.freeze(list.map((m) => Object.freeze(m))), generation);
  return list;
}

function membershipQuery(db: Executor) {
  return db
    .select({
      role: memberships.role,
      scope: memberships.scope,
      stateIso3: memberships.stateIso3,
      cycleId: memberships.cycleId,
      submissionId: memberships.submissionId,
      questionKey: memberships.questionKey,
      submissionCycleId: submissions.cycleId,
      submissionState: submissions.stateIso3,
    })
    .from(memberships)
    .leftJoin(submissions, eq(submissions.id, memberships.submissionId))
    .where(eq(memberships.userId, sql.placeholder('userId')))
    .prepare('find_memberships');
}

const membershipQueries = new WeakMap<Executor, ReturnType<typeof membershipQuery>>();

function toMembership(
  scope: MembershipScope,
  r: { role: Role; stateIso3: string | null; cycleId: string | null; submissionId: string | null; questionKey: string | null; submissionCycleId: string | null; submissionState: string | null },
): Membership[] {
  const { role } = r;
  switch (scope) {
    case 'secretariat':
      return [{ role, scope }];
    case 'state':
      return r.stateIso3 ? [{ role, scope, stateIso3: r.stateIso3 }] : [];
    case 'cycle':
      return r.cycleId ? [{ role, scope, cycleId: r.cycleId }] : [];
    case 'submission':
    case 'question': {
      if (!r.submissionId || !r.submissionCycleId || !r.submissionState) return [];
      const on = { submissionId: r.submissionId, cycleId: r.submissionCycleId, stateIso3: r.submissionState };
      return scope === 'submission' ? [{ role, scope, ...on }] : r.questionKey ? [{ role, scope, ...on, questionKey: r.questionKey }] : [];
    }
  }
}

/** Stores the memberships; answers their ids, in order. */
export async function insertMemberships(db: Executor, userId: string, list: readonly NewMembership[]): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = await db
    .insert(memberships)
    .values(list.map((m) => ({ userId, role: m.role, scope: m.scope, ...columnsOf(m) })))
    .returning({ id: memberships.id });
  await accessChanged(db, [userId]);
  return rows.map((r) => r.id);
}

/** The target columns of a membership: exactly those its scope names are set. */
function columnsOf(m: NewMembership): { stateIso3: string | null; cycleId: string | null; submissionId: string | null; questionKey: string | null } {
  return {
    stateIso3: m.scope === 'state' ? m.stateIso3 : null,
    cycleId: m.scope === 'cycle' ? m.cycleId : null,
    submissionId: m.scope === 'submission' || m.scope === 'question' ? m.submissionId : null,
    questionKey: m.scope === 'question' ? m.questionKey : null,
  };
}

/** One membership as the people who manage them see it (a submission's cycle and State filled in), and its submission. */
export interface MembershipRow extends MembershipInfo {
  submissionId: string | null;
}

/** Which memberships to list: a user's, a cycle's (its own and its submissions'), a State office's, or one submission's. */
export type MembershipFilter =
  | { userId: string }
  | { cycleId: string; stateIso3?: undefined }
  | { stateIso3: string; cycleId?: undefined }
  | { cycleId: string; stateIso3: string };

function selectRows(db: Executor) {
  return db
    .select({
      id: memberships.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      scope: memberships.scope,
      stateIso3: sql<string | null>`coalesce(${memberships.stateIso3}, ${submissions.stateIso3})`,
      cycleId: sql<string | null>`coalesce(${memberships.cycleId}, ${submissions.cycleId})`,
      submissionId: memberships.submissionId,
      questionKey: memberships.questionKey,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(submissions, eq(submissions.id, memberships.submissionId));
}

function toRow(r: Awaited<ReturnType<ReturnType<typeof selectRows>['execute']>>[number]): MembershipRow {
  const { userId, email, name, createdAt, ...rest } = r;
  return { ...rest, user: { id: userId, email, name }, createdAt: createdAt.toISOString() };
}

/** The memberships `filter` names, by scope (widest first), then by when they were given. */
export async function listMembershipRows(db: Executor, filter: MembershipFilter): Promise<MembershipRow[]> {
  let where: SQL | undefined;
  if ('userId' in filter) where = eq(memberships.userId, filter.userId);
  else if (filter.cycleId !== undefined && filter.stateIso3 !== undefined) {
    // One submission: its own members, and its State's office.
    where = or(
      and(eq(submissions.cycleId, filter.cycleId), eq(submissions.stateIso3, filter.stateIso3)),
      and(eq(memberships.scope, 'state'), eq(memberships.stateIso3, filter.stateIso3)),
    );
  } else if (filter.cycleId !== undefined) where = or(eq(memberships.cycleId, filter.cycleId), eq(submissions.cycleId, filter.cycleId));
  else where = and(eq(memberships.scope, 'state'), eq(memberships.stateIso3, filter.stateIso3));
  const rows = await selectRows(db)
    .where(where)
    .orderBy(sql`array_position(array['secretariat','state','cycle','submission','question']::text[], ${memberships.scope})`, asc(memberships.createdAt), asc(users.email));
  return rows.map(toRow);
}

export async function findMembershipRow(db: Executor, id: string): Promise<MembershipRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await selectRows(db).where(eq(memberships.id, id));
  return row ? toRow(row) : undefined;
}

/** The id of the user's membership identical to `m`, if they hold one. */
export async function findSameMembership(db: Executor, userId: string, m: NewMembership): Promise<string | undefined> {
  const v = columnsOf(m);
  const same = (column: typeof memberships.stateIso3 | typeof memberships.cycleId | typeof memberships.submissionId | typeof memberships.questionKey, value: string | null) =>
    value === null ? isNull(column) : eq(column, value);
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, m.role),
        eq(memberships.scope, m.scope),
        same(memberships.stateIso3, v.stateIso3),
        same(memberships.cycleId, v.cycleId),
        same(memberships.submissionId, v.submissionId),
        same(memberships.questionKey, v.questionKey),
      ),
    )
    .limit(1);
  return row?.id;
}

export async function deleteMembership(db: Executor, id: string): Promise<boolean> {
  const gone = await db.delete(memberships).where(eq(memberships.id, id)).returning({ userId: memberships.userId });
  await accessChanged(db, gone.map((m) => m.userId));
  return gone.length > 0;
}

/** How many people hold an administrator's role over the whole secretariat. */
export async function countSecretariatAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${memberships.userId})::int` })
    .from(memberships)
    .where(and(eq(memberships.scope, 'secretariat'), eq(memberships.role, 'secretariat-admin')));
  return row?.n ?? 0;
}
