// The audit trail, as a service: writing events for the other services and reading them (the
// secretariat: filtered by subject, actor, action and dates, a page at a time, or all as CSV).
import { csvText } from '../domain/tracking.ts';
import type { Database, Executor } from '../store/database.ts';
import { insertAuditEvent, searchAuditEvents, type AuditFilter, type NewAuditEvent } from '../store/audit.ts';
import { actorLabel, actorUserId } from './actors.ts';
import { auditPolicy, authorize } from './policy.ts';
import type { Actor, AuditEvent } from './types.ts';
import { isIsoDate, Problems } from './validation.ts';

/** The event that `actor` did `action` to `subject`, for a store function that writes it with the change. */
export function auditEvent(actor: Actor, action: string, subject: string, details: Record<string, unknown> = {}): NewAuditEvent {
  return { actor: actorLabel(actor), actorUserId: actorUserId(actor), action, subject, details };
}

/** Records that `actor` did `action` to `subject`; called inside the transaction that did it. */
export function recordEvent(tx: Executor, actor: Actor, action: string, subject: string, details: Record<string, unknown> = {}): Promise<void> {
  return insertAuditEvent(tx, auditEvent(actor, action, subject, details));
}

/** Which events to read. Every filter narrows; none: every event. */
export interface AuditQuery {
  /** A subject ("cycle:<id>", "submission:<cycle>/<ISO3>", "user:<id>", "publication:<id>"), or, ending in "*", those starting so ("submission:<cycle>/*": each State's). */
  subject?: string | undefined;
  /** Part of who acted: an e-mail address, "system", "anonymous" (any case). */
  actor?: string | undefined;
  /** An action ("submission.publish"), or all of a kind ("submission", "cycle", "membership", "publication"). */
  action?: string | undefined;
  /** From this day (YYYY-MM-DD, UTC) or moment (ISO 8601) on. */
  from?: string | undefined;
  /** Up to this day (included) or moment. */
  to?: string | undefined;
  /** How many events a page holds (1-1,000, 100 by default). */
  limit?: number | undefined;
  /** How many to skip (0 by default). */
  offset?: number | undefined;
}

export interface AuditPage {
  total: number;
  limit: number;
  offset: number;
  events: AuditEvent[];
}

export interface AuditService {
  /** A page of the events the query selects, newest first, and how many it selects in all (the secretariat). */
  page(actor: Actor, query?: AuditQuery): Promise<AuditPage>;
  /** The events of that page alone. */
  list(actor: Actor, query?: AuditQuery): Promise<AuditEvent[]>;
  /** Every event the query selects (up to `maxCsvEvents`, newest first) as CSV: time, actor, action, subject, details (JSON). */
  csv(actor: Actor, query?: AuditQuery): Promise<string>;
}

/** The most events one CSV holds: narrow the filters (dates) for more. */
export const maxCsvEvents = 100_000;

export const auditCsvColumns = ['Time', 'Actor', 'Action', 'Subject', 'Details'] as const;

export function auditService(db: Database): AuditService {
  const service: AuditService = {
    async page(actor, query = {}) {
      const { filter, limit, offset } = validateQuery(query);
      await authorize(db.drizzle, actor, auditPolicy.read);
      return { limit, offset, ...(await searchAuditEvents(db.drizzle, filter, { limit, offset })) };
    },
    async list(actor, query = {}) {
      return (await service.page(actor, query)).events;
    },
    async csv(actor, query = {}) {
      const { filter } = validateQuery({ ...query, limit: undefined, offset: undefined });
      await authorize(db.drizzle, actor, auditPolicy.read);
      const { events } = await searchAuditEvents(db.drizzle, filter, { limit: maxCsvEvents, offset: 0 });
      return csvText([auditCsvColumns, ...events.map((e) => [e.at, e.actor, e.action, e.subject, JSON.stringify(e.details)])]);
    },
  };
  return service;
}

/** A moment from a day (its start, or with `endOfDay` the start of the next) or an ISO 8601 date-time; undefined when it is neither. */
function moment(value: string, endOfDay: boolean): Date | undefined {
  if (isIsoDate(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (endOfDay ? 86_400_000 : 0));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  return endOfDay ? new Date(at.getTime() + 1) : at;
}

function validateQuery(query: AuditQuery): { filter: AuditFilter; limit: number; offset: number } {
  const problems = new Problems();
  const text = (name: 'subject' | 'actor' | 'action') => {
    const value = query[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.length > 500) {
      problems.add(name, 'must be text of at most 500 characters');
      return undefined;
    }
    return value.trim() || undefined;
  };
  const when = (name: 'from' | 'to') => {
    const value = query[name];
    if (value === undefined || value === null || value === '') return undefined;
    const at = typeof value === 'string' ? moment(value.trim(), name === 'to') : undefined;
    if (!at) problems.add(name, `must be a date (YYYY-MM-DD) or a date and time (ISO 8601, e.g. 2026-11-30T14:00:00Z); "${String(value)}" is neither`);
    return at;
  };
  const whole = (name: 'limit' | 'offset', min: number, max: number, fallback: number) => {
    const value = query[name];
    if (value === undefined || value === null) return fallback;
    if (!(Number.isInteger(value) && value >= min && value <= max)) problems.add(name, `must be a whole number from ${min} to ${max.toLocaleString('en')}`);
    return value;
  };
  const filter: AuditFilter = { subject: text('subject'), actor: text('actor'), action: text('action'), from: when('from'), until: when('to') };
  const limit = whole('limit', 1, 1000, 100);
  const offset = whole('offset', 0, 1_000_000_000, 0);
  if (filter.from && filter.until && filter.from >= filter.until) problems.add('to', 'must not be before `from`');
  problems.throwIfAny('The audit log cannot be read');
  return { filter, limit, offset };
}
