// The audit trail: who did what, when. Events are only ever added.
import { desc, sql } from 'drizzle-orm';
import type { AuditEvent } from '../services/types.ts';
import type { Executor } from './executor.ts';
import { auditEvents } from './schema.ts';

export interface NewAuditEvent {
  actor: string;
  actorUserId: string | null;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values({ ...event, details: event.details ?? {} });
}

/** The newest events first. */
export async function listAuditEvents(db: Executor, limit: number): Promise<AuditEvent[]> {
  const rows = await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(limit);
  return rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, details: r.details }));
}

export async function countAuditEvents(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return row?.n ?? 0;
}
