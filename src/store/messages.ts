// A submission's queries thread (table `submission_messages`): messages between the State and the
// secretariat, oldest first, and the secretariat's administrators to tell of a State's message.
import { and, asc, eq, or } from 'drizzle-orm';
import type { Executor } from './executor.ts';
import { memberships, submissionMessages, users } from './schema.ts';

export interface MessageRow {
  id: string;
  side: 'state' | 'secretariat';
  author: { id: string | null; name: string; email: string | null };
  body: string;
  createdAt: string;
}

/** The thread of one submission, oldest first. */
export async function listMessages(db: Executor, submissionId: string): Promise<MessageRow[]> {
  const rows = await db
    .select({
      id: submissionMessages.id,
      side: submissionMessages.side,
      authorId: submissionMessages.authorId,
      authorName: submissionMessages.authorName,
      email: users.email,
      body: submissionMessages.body,
      createdAt: submissionMessages.createdAt,
    })
    .from(submissionMessages)
    .leftJoin(users, eq(users.id, submissionMessages.authorId))
    .where(eq(submissionMessages.submissionId, submissionId))
    .orderBy(asc(submissionMessages.createdAt), asc(submissionMessages.id));
  return rows.map((r) => ({ id: r.id, side: r.side, author: { id: r.authorId, name: r.authorName, email: r.email }, body: r.body, createdAt: r.createdAt.toISOString() }));
}

export async function insertMessage(
  db: Executor,
  m: { submissionId: string; authorId: string | null; authorName: string; side: 'state' | 'secretariat'; body: string },
): Promise<{ id: string; createdAt: string }> {
  const [row] = await db.insert(submissionMessages).values(m).returning({ id: submissionMessages.id, createdAt: submissionMessages.createdAt });
  return { id: row!.id, createdAt: row!.createdAt.toISOString() };
}

/** The secretariat's administrators for a cycle (over the whole secretariat, or of that cycle), each once. */
export async function secretariatAdmins(db: Executor, cycleId: string): Promise<{ email: string; name: string }[]> {
  return db
    .selectDistinct({ email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'secretariat-admin'), or(eq(memberships.scope, 'secretariat'), and(eq(memberships.scope, 'cycle'), eq(memberships.cycleId, cycleId)))))
    .orderBy(asc(users.email));
}
