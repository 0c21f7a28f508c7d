// Assignments: a question of a State's submission given to a contributor. The grant itself is the
// contributor's question membership (table `memberships`, scope 'question'); the `assignments`
// row beside it, keyed by the same submission, question and person, holds the due date, the
// status the contributor moves and who assigned it. Listing reads the memberships and joins the
// rows, so a membership taken back anywhere is no longer an assignment, and one given by an
// invitation to a question is one (not started, no due date) until someone sets them.
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AssignmentStatus } from '../domain/progress.ts';
import type { CycleStatus } from '../domain/workflow.ts';
import type { Executor } from './executor.ts';
import { assignments, memberships, reviewCycles, submissions, users } from './schema.ts';

/** One assignment: its id is the question membership's. */
export interface AssignmentRow {
  id: string;
  submissionId: string;
  itemKey: string;
  user: { id: string; email: string; name: string };
  status: AssignmentStatus;
  dueDate: string | null;
  assignedBy: string | null;
  /** When the question was given (the membership), and when its due date or status last changed. */
  createdAt: string;
  updatedAt: string;
}

/** An assignment with its cycle and State: a person's own list across cycles. */
export interface OwnAssignmentRow extends AssignmentRow {
  cycle: { id: string; title: string; deadline: string; status: CycleStatus };
  stateIso3: string;
}

const assigner = alias(users, 'assigner');

function selectRows(db: Executor) {
  return db
    .select({
      id: memberships.id,
      submissionId: submissions.id,
      itemKey: sql<string>`${memberships.questionKey}`,
      userId: users.id,
      email: users.email,
      name: users.name,
      status: assignments.status,
      dueDate: assignments.dueDate,
      assignedBy: assigner.name,
      createdAt: memberships.createdAt,
      updatedAt: assignments.updatedAt,
      cycleId: reviewCycles.id,
      cycleTitle: reviewCycles.title,
      deadline: reviewCycles.deadline,
      cycleStatus: reviewCycles.status,
      stateIso3: submissions.stateIso3,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(submissions, eq(submissions.id, memberships.submissionId))
    .innerJoin(reviewCycles, eq(reviewCycles.id, submissions.cycleId))
    .leftJoin(
      assignments,
      and(eq(assignments.submissionId, memberships.submissionId), eq(assignments.itemKey, memberships.questionKey), eq(assignments.userId, memberships.userId)),
    )
    .leftJoin(assigner, eq(assigner.id, assignments.assignedBy));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRows>['execute']>>[number];

function toRow(r: Selected): OwnAssignmentRow {
  return {
    id: r.id,
    submissionId: r.submissionId,
    itemKey: r.itemKey,
    user: { id: r.userId, email: r.email, name: r.name },
    status: r.status ?? 'not-started',
    dueDate: r.dueDate,
    assignedBy: r.assignedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: (r.updatedAt ?? r.createdAt).toISOString(),
    cycle: { id: r.cycleId, title: r.cycleTitle, deadline: r.deadline, status: r.cycleStatus },
    stateIso3: r.stateIso3,
  };
}

const isQuestion = eq(memberships.scope, 'question');

/** The assignments of one submission, by question key, then by when they were given. */
export async function listAssignments(db: Executor, submissionId: string): Promise<AssignmentRow[]> {
  const rows = await selectRows(db)
    .where(and(isQuestion, eq(memberships.submissionId, submissionId)))
    .orderBy(asc(memberships.questionKey), asc(memberships.createdAt));
  return rows.map(toRow);
}

/** A person's assignments in every cycle, soonest due first (those without a due date last). */
export async function listAssignmentsOfUser(db: Executor, userId: string): Promise<OwnAssignmentRow[]> {
  const rows = await selectRows(db)
    .where(and(isQuestion, eq(memberships.userId, userId)))
    .orderBy(sql`${assignments.dueDate} asc nulls last`, asc(reviewCycles.deadline), asc(submissions.stateIso3), asc(memberships.questionKey));
  return rows.map(toRow);
}

/** One assignment of a submission, by its id (the question membership's). */
export async function findAssignment(db: Executor, submissionId: string, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await selectRows(db).where(and(isQuestion, eq(memberships.submissionId, submissionId), eq(memberships.id, id)));
  return row ? toRow(row) : undefined;
}

/**
 * Writes the due date and status of a question given to a person (the row is made on first use).
 * A field left undefined keeps its value; `reset` starts over (a new grant after an old row).
 */
export async function saveAssignmentDetails(
  db: Executor,
  key: { submissionId: string; itemKey: string; userId: string },
  change: { dueDate?: string | null | undefined; status?: AssignmentStatus | undefined; assignedBy?: string | null | undefined; reset?: boolean },
): Promise<void> {
  const set: Partial<typeof assignments.$inferInsert> = { updatedAt: new Date() };
  if (change.dueDate !== undefined) set.dueDate = change.dueDate;
  if (change.status !== undefined) set.status = change.status;
  if (change.assignedBy !== undefined) set.assignedBy = change.assignedBy;
  if (change.reset) {
    set.status = change.status ?? 'not-started';
    set.dueDate = change.dueDate ?? null;
  }
  await db
    .insert(assignments)
    .values({ ...key, dueDate: change.dueDate ?? null, status: change.status ?? 'not-started', assignedBy: change.assignedBy ?? null })
    .onConflictDoUpdate({ target: [assignments.submissionId, assignments.itemKey, assignments.userId], set });
}

/** Forgets the due date and status of a question given to a person. */
export async function deleteAssignmentDetails(db: Executor, key: { submissionId: string; itemKey: string; userId: string }): Promise<void> {
  await db
    .delete(assignments)
    .where(and(eq(assignments.submissionId, key.submissionId), eq(assignments.itemKey, key.itemKey), eq(assignments.userId, key.userId)));
}
