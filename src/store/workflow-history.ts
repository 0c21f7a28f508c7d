// What the workflow did to a submission, as the audit trail recorded it (each step is audited in
// the same statement that moves it: src/store/submissions.ts changeStatus), and who coordinates a
// State's submission (whom the workflow's mail goes to).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { WorkflowStep } from '../domain/records.ts';
import type { SubmissionStatus } from '../domain/workflow.ts';
import type { Executor } from './executor.ts';
import { listMembershipRows } from './memberships.ts';
import { auditEvents, users } from './schema.ts';

export type { WorkflowStep };

const stepActions = ['submit', 'withdraw', 'return', 'accept', 'publish', 'unpublish'] as const;

/** The workflow steps of the submission audited as `subject` ("submission:<cycle>/<ISO3>"), oldest first. */
export async function listWorkflowSteps(db: Executor, subject: string): Promise<WorkflowStep[]> {
  const rows = await db
    .select({ action: auditEvents.action, at: auditEvents.at, actor: auditEvents.actor, name: users.name, details: auditEvents.details })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.subject, subject), inArray(auditEvents.action, stepActions.map((a) => `submission.${a}`))))
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => {
    const d = r.details as { from?: SubmissionStatus; to?: SubmissionStatus; version?: number; message?: string; note?: string };
    return {
      action: r.action.slice('submission.'.length) as WorkflowStep['action'],
      from: d.from ?? 'draft',
      to: d.to ?? 'draft',
      version: d.version ?? 0,
      at: r.at.toISOString(),
      by: r.name ?? (r.actor === 'system' ? 'System (command line)' : r.actor),
      // Steps recorded before messages had their name kept the reason as `note`.
      message: d.message ?? d.note ?? null,
    };
  });
}

/** The State's coordinators for one submission (by membership: the State's office, or the submission itself), each once. */
export async function submissionCoordinators(db: Executor, cycleId: string, stateIso3: string): Promise<{ email: string; name: string }[]> {
  const rows = await listMembershipRows(db, { cycleId, stateIso3 });
  const seen = new Map<string, { email: string; name: string }>();
  for (const r of rows) {
    if (r.role === 'state-coordinator' && (r.scope === 'state' || r.scope === 'submission')) seen.set(r.user.email, { email: r.user.email, name: r.user.name });
  }
  return [...seen.values()];
}
