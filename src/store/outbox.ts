// The outbox: every e-mail message the application sends, with what became of it.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { MailMessage, MailKind, OutboxEntry } from '../domain/mail.ts';
import type { Executor } from './executor.ts';
import { outbox } from './schema.ts';

type Row = typeof outbox.$inferSelect;

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id,
    kind: r.kind as MailKind,
    to: r.to,
    cc: r.cc,
    subject: r.subject,
    text: r.text,
    html: r.html,
    language: r.language,
    related: r.relatedType !== null && r.relatedId !== null ? { type: r.relatedType, id: r.relatedId } : null,
    status: r.status,
    attempts: r.attempts,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

/** Stores a message as queued; answers it as stored. */
export async function insertOutboxMessage(db: Executor, message: MailMessage): Promise<OutboxEntry> {
  const [row] = await db
    .insert(outbox)
    .values({
      kind: message.kind,
      to: message.to,
      cc: message.cc,
      subject: message.subject,
      text: message.text,
      html: message.html,
      language: message.language,
      relatedType: message.related?.type ?? null,
      relatedId: message.related?.id ?? null,
    })
    .returning();
  return toEntry(row!);
}

/** Records one delivery attempt: sent at `at`, or failed with `error`. */
export async function recordDelivery(db: Executor, id: string, outcome: { sentAt: Date } | { error: string }): Promise<OutboxEntry | undefined> {
  const [row] = await db
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      ...('sentAt' in outcome ? { status: 'sent' as const, sentAt: outcome.sentAt, error: null } : { status: 'failed' as const, error: outcome.error }),
    })
    .where(eq(outbox.id, id))
    .returning();
  return row && toEntry(row);
}

/** A page of the outbox, newest first, and how many messages it holds. */
export async function listOutbox(db: Executor, page: { limit: number; offset: number }): Promise<{ total: number; messages: OutboxEntry[] }> {
  const [rows, [count]] = await Promise.all([
    db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(outbox),
  ]);
  return { total: count?.n ?? 0, messages: rows.map(toEntry) };
}

export async function findOutboxMessage(db: Executor, id: string): Promise<OutboxEntry | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row && toEntry(row);
}

/** Failed messages tried fewer than `maxAttempts` times, oldest first. */
export async function failedOutboxMessages(db: Executor, maxAttempts: number, limit: number): Promise<OutboxEntry[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'failed'), lt(outbox.attempts, maxAttempts)))
    .orderBy(outbox.createdAt)
    .limit(limit);
  return rows.map(toEntry);
}
