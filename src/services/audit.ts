// The audit trail, as a service: writing events for the other services and reading them.
import type { Database, Executor } from '../store/database.ts';
import { insertAuditEvent, listAuditEvents, type NewAuditEvent } from '../store/audit.ts';
import { actorLabel, actorUserId } from './actors.ts';
import { auditPolicy, authorize } from './policy.ts';
import type { Actor, Services } from './types.ts';

/** The event that `actor` did `action` to `subject`, for a store function that writes it with the change. */
export function auditEvent(actor: Actor, action: string, subject: string, details: Record<string, unknown> = {}): NewAuditEvent {
  return { actor: actorLabel(actor), actorUserId: actorUserId(actor), action, subject, details };
}

/** Records that `actor` did `action` to `subject`; called inside the transaction that did it. */
export function recordEvent(tx: Executor, actor: Actor, action: string, subject: string, details: Record<string, unknown> = {}): Promise<void> {
  return insertAuditEvent(tx, auditEvent(actor, action, subject, details));
}

export function auditService(db: Database): Services['audit'] {
  return {
    async list(actor, options = {}) {
      await authorize(db.drizzle, actor, auditPolicy.read);
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 1000);
      return listAuditEvents(db.drizzle, limit);
    },
  };
}
