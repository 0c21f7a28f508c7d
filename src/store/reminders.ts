// Reminder rules (when a cycle's reminders go out, in whose words) and their deliveries (one row
// per rule and submission mailed: the claim that keeps a reminder from going out twice, restarts
// and concurrent workers included).
import { and, asc, eq, sql } from 'drizzle-orm';
import { handedIn } from '../domain/tracking.ts';
import { queryRows, type Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { isUniqueViolation } from './errors.ts';
import { reminderDeliveries, reminderRules, submissions } from './schema.ts';

export interface ReminderRuleRecord {
  id: string;
  cycleId: string;
  /** Days from the cycle's deadline: negative before it, 0 on the day, positive after. */
  offsetDays: number;
  subject: string | null;
  body: string | null;
  createdAt: Date;
  /** How many States this rule has reminded so far. */
  delivered: number;
}

export interface ReminderRuleInput {
  offsetDays: number;
  subject: string | null;
  body: string | null;
}

/** Another rule of the cycle already has that day. */
export class DuplicateOffset extends Error {}

const columns = {
  id: reminderRules.id,
  cycleId: reminderRules.cycleId,
  offsetDays: reminderRules.offsetDays,
  subject: reminderRules.subject,
  body: reminderRules.body,
  createdAt: reminderRules.createdAt,
  delivered: sql<number>`(select count(*)::int from ${reminderDeliveries} d where d.rule_id = ${reminderRules.id})`.as('delivered'),
};

/** The cycle's rules, earliest first. */
export async function listReminderRules(db: Executor, cycleId: string): Promise<ReminderRuleRecord[]> {
  if (!isUuid(cycleId)) return [];
  return db.select(columns).from(reminderRules).where(eq(reminderRules.cycleId, cycleId)).orderBy(asc(reminderRules.offsetDays));
}

export async function findReminderRule(db: Executor, cycleId: string, ruleId: string): Promise<ReminderRuleRecord | undefined> {
  if (!isUuid(cycleId) || !isUuid(ruleId)) return undefined;
  const [row] = await db
    .select(columns)
    .from(reminderRules)
    .where(and(eq(reminderRules.cycleId, cycleId), eq(reminderRules.id, ruleId)));
  return row;
}

/** Adds a rule; DuplicateOffset when the cycle has one on that day already. */
export async function insertReminderRule(db: Executor, cycleId: string, input: ReminderRuleInput): Promise<ReminderRuleRecord> {
  const [row] = await db.insert(reminderRules).values({ cycleId, ...input }).onConflictDoNothing().returning({ id: reminderRules.id });
  if (!row) throw new DuplicateOffset();
  return (await findReminderRule(db, cycleId, row.id))!;
}

/** Changes a rule; undefined when the cycle has no such rule, DuplicateOffset when another has that day. */
export async function updateReminderRule(db: Executor, cycleId: string, ruleId: string, input: Partial<ReminderRuleInput>): Promise<ReminderRuleRecord | undefined> {
  if (!isUuid(cycleId) || !isUuid(ruleId)) return undefined;
  try {
    const [row] = await db
      .update(reminderRules)
      .set(input)
      .where(and(eq(reminderRules.cycleId, cycleId), eq(reminderRules.id, ruleId)))
      .returning({ id: reminderRules.id });
    return row && findReminderRule(db, cycleId, row.id);
  } catch (err) {
    if (isUniqueViolation(err, 'reminder_rules_cycle_offset')) throw new DuplicateOffset();
    throw err;
  }
}

/** Removes a rule (and its deliveries); answers it as it was, or undefined. */
export async function deleteReminderRule(db: Executor, cycleId: string, ruleId: string): Promise<ReminderRuleRecord | undefined> {
  const rule = await findReminderRule(db, cycleId, ruleId);
  if (rule) await db.delete(reminderRules).where(eq(reminderRules.id, rule.id));
  return rule;
}

/** A rule whose day has come, and the States it has still to remind. */
export interface DueReminder {
  rule: Omit<ReminderRuleRecord, 'delivered' | 'createdAt'>;
  /** The cycle's States that have not handed in and that this rule has not reminded. */
  states: string[];
}

/**
 * Every rule of an open cycle whose day (the deadline plus its offset) is `today` or earlier and
 * that has States still to remind: those that have not handed in and have no delivery of the rule.
 * One query, whatever the number of cycles and rules.
 */
export async function findDueReminders(db: Executor, today: string): Promise<DueReminder[]> {
  const rows = await queryRows<{ id: string; cycleId: string; offsetDays: number; subject: string | null; body: string | null; states: string[] }>(
    db,
    sql`select r.id, r.cycle_id as "cycleId", r.offset_days as "offsetDays", r.subject, r.body,
          array_agg(s.state_iso3 order by s.state_iso3) as states
        from reminder_rules r
        join review_cycles c on c.id = r.cycle_id
        join submissions s on s.cycle_id = c.id
        where c.status = 'open'
          and c.deadline + r.offset_days <= ${today}::date
          and s.status not in (${sql.join(
            handedIn.map((h) => sql`${h}`),
            sql`, `,
          )})
          and not exists (select 1 from reminder_deliveries d where d.rule_id = r.id and d.submission_id = s.id)
        group by r.id, r.cycle_id, r.offset_days, r.subject, r.body, c.deadline
        order by c.deadline + r.offset_days, r.cycle_id, r.offset_days`,
  );
  return rows.map(({ states, ...rule }) => ({ rule, states }));
}

/**
 * Claims the rule's reminder to the State's submission: true for the one caller that records it
 * first, false for every other (this process or another, now or after a restart).
 */
export async function claimReminderDelivery(db: Executor, ruleId: string, cycleId: string, iso3: string): Promise<boolean> {
  const rows = await queryRows<{ submission_id: string }>(
    db,
    sql`insert into ${reminderDeliveries} (rule_id, submission_id)
        select ${ruleId}, s.id from ${submissions} s where s.cycle_id = ${cycleId} and s.state_iso3 = ${iso3}
        on conflict do nothing
        returning submission_id`,
  );
  return rows.length === 1;
}

/** Notes the (first) outbox message a claimed reminder went out as. */
export async function recordReminderMessage(db: Executor, ruleId: string, cycleId: string, iso3: string, outboxId: string): Promise<void> {
  await db.execute(
    sql`update ${reminderDeliveries} set outbox_id = ${outboxId}
        where rule_id = ${ruleId} and submission_id = (select id from ${submissions} where cycle_id = ${cycleId} and state_iso3 = ${iso3})`,
  );
}
