// The audit trail: who did what, when. Events are only ever added.
import { and, count, desc, eq, gte, ilike, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent } from '../domain/records.ts';
import type { Executor } from './executor.ts';
import { auditEvents } from './schema.ts';

export interface NewAuditEvent {
  actor: string;
  actorUserId: string | null;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

/** Which events to read; every field narrows (all of them together). */
export interface AuditFilter {
  /** The subject ("cycle:…", found through its index), or, ending in "*", every subject starting so ("submission:<cycle>/*"). */
  subject?: string | undefined;
  /** Part of who acted (an e-mail address, "system", "anonymous"), in any case. */
  actor?: string | undefined;
  /** The action ("submission.publish"), or every action of a kind ("submission"). */
  action?: string | undefined;
  /** From this moment on. */
  from?: Date | undefined;
  /** Before this moment. */
  until?: Date | undefined;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values({ ...event, details: event.details ?? {} });
}

/** `text` as a LIKE pattern that matches it literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(filter: AuditFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (filter.subject) {
    // Exact, through the index on subject; a prefix (rarer) reads further.
    const prefix = filter.subject.endsWith('*') ? filter.subject.slice(0, -1) : undefined;
    where.push(prefix === undefined ? eq(auditEvents.subject, filter.subject) : like(auditEvents.subject, `${literal(prefix)}%`));
  }
  if (filter.actor) where.push(ilike(auditEvents.actor, `%${literal(filter.actor)}%`));
  if (filter.action) where.push(or(eq(auditEvents.action, filter.action), like(auditEvents.action, `${literal(filter.action)}.%`)));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.until) where.push(lt(auditEvents.at, filter.until));
  return and(...where);
}

/** The events `filter` selects, newest first, `limit` from `offset`, and how many it selects in all. */
export async function searchAuditEvents(db: Executor, filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ total: number; events: AuditEvent[] }> {
  const where = conditions(filter);
  const [rows, [counted]] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return {
    total: counted?.n ?? 0,
    events: rows.map((r) => ({ id: String(r.id), at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, details: r.details })),
  };
}

export async function countAuditEvents(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return row?.n ?? 0;
}
