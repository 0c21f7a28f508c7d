// Memberships: a user's role in the secretariat, a State's office, a cycle, a submission or a
// question. The policy (src/services/policy.ts) reads them; the store only keeps them.
import { eq } from 'drizzle-orm';
import type { MembershipScope, Role } from '../domain/workflow.ts';
import type { Executor } from './executor.ts';
import { memberships, submissions } from './schema.ts';

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

/** Every membership of a user. */
export async function findMemberships(db: Executor, userId: string): Promise<Membership[]> {
  const rows = await db
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
    .where(eq(memberships.userId, userId));
  return rows.flatMap((r): Membership[] => toMembership(r.scope, r));
}

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

export async function insertMemberships(db: Executor, userId: string, list: readonly NewMembership[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(memberships).values(
    list.map((m) => ({
      userId,
      role: m.role,
      scope: m.scope,
      stateIso3: m.scope === 'state' ? m.stateIso3 : null,
      cycleId: m.scope === 'cycle' ? m.cycleId : null,
      submissionId: m.scope === 'submission' || m.scope === 'question' ? m.submissionId : null,
      questionKey: m.scope === 'question' ? m.questionKey : null,
    })),
  );
}
