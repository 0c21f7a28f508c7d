// Scheduled reminders: a cycle's rules (a day counted from its deadline, negative before it, and
// the words to send, the built-in reminder when none), kept by the secretariat; and the job that
// mails, once, each State that has not handed in when a rule's day has come. The mail goes out
// as "remind now" sends it (sendReminders in tracking.ts); a delivery row claimed before each
// State is mailed keeps a rule from reminding a State twice, across restarts and processes.
import { mailCatalogue, type MailTemplate } from '../domain/mail.ts';
import { cycleValues, PLACEHOLDER, type CycleTerms } from '../domain/placeholders.ts';
import type { CycleStatus } from '../domain/workflow.ts';
import { findCycle } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import {
  claimReminderDelivery,
  deleteReminderRule,
  DuplicateOffset,
  findDueReminders,
  insertReminderRule,
  listReminderRules,
  recordReminderMessage,
  updateReminderRule,
  type ReminderRuleInput,
  type ReminderRuleRecord,
} from '../store/reminders.ts';
import { systemActor } from './actors.ts';
import { recordEvent } from './audit.ts';
import { Conflict, InvalidInput, NotFound, type FieldProblem } from './errors.ts';
import { authorize, reminderPolicy } from './policy.ts';
import { sendReminders } from './tracking.ts';
import type { Actor, Services } from './types.ts';

/** The placeholders a rule's words may use: the reminder's own, then the cycle's terms. */
export const reminderPlaceholders = ['recipientName', 'stateName', 'cycleTitle', 'deadline', 'link', 'meeting.name', 'meeting.place', 'meeting.dates', 'returnTo', 'copyTo', 'commission'] as const;

/** Filled for each message, not from the cycle's terms. */
const ownPlaceholders = new Set(['recipientName', 'stateName', 'cycleTitle', 'link']);

/** How far from the deadline a rule may be, in days. */
export const maxOffsetDays = 365;
const maxSubject = 200;
const maxBody = 10_000;

export interface ReminderRule {
  id: string;
  cycleId: string;
  /** Days from the deadline: negative before it, 0 on the day, positive after. */
  offsetDays: number;
  /** The day it goes out (the deadline plus the offset), YYYY-MM-DD. */
  sendOn: string;
  /** The secretariat's subject line, or null for the built-in one. */
  subject: string | null;
  /** The secretariat's text (paragraphs between blank lines), or null for the built-in one. */
  body: string | null;
  /** How many States it has reminded. */
  delivered: number;
  createdAt: string;
}

export interface ReminderRules {
  cycle: { id: string; title: string; deadline: string; status: CycleStatus };
  rules: ReminderRule[];
  /** What a rule's words may name, as {name}. */
  placeholders: string[];
  /** The words a rule without its own sends (English). */
  builtIn: { subject: string; body: string };
}

export interface ReminderRuleChange {
  offsetDays?: number | undefined;
  /** Empty or null: the built-in subject. */
  subject?: string | null | undefined;
  /** Empty or null: the built-in text. */
  body?: string | null | undefined;
}

/** What one run of the scheduled reminders did. */
export interface DueRemindersRun {
  /** The day rules were judged by (UTC). */
  today: string;
  rules: { cycleId: string; ruleId: string; offsetDays: number; reminded: string[]; noCoordinator: string[]; skipped: string[] }[];
  /** Rules that could not be sent (the others went): cycle, rule and the reason. */
  failures: { cycleId: string; ruleId: string; error: string }[];
}

export interface RemindersService {
  /** A cycle's rules, earliest first (the secretariat). */
  list(actor: Actor, cycleId: string): Promise<ReminderRules>;
  /** Adds a rule (secretariat administrators); audited. One rule per day of a cycle. */
  add(actor: Actor, cycleId: string, input: ReminderRuleChange & { offsetDays: number }): Promise<ReminderRule>;
  /** Changes a rule's day or words (secretariat administrators); audited. */
  update(actor: Actor, cycleId: string, ruleId: string, change: ReminderRuleChange): Promise<ReminderRule>;
  /** Removes a rule (secretariat administrators); audited. Answers it as it was. */
  remove(actor: Actor, cycleId: string, ruleId: string): Promise<ReminderRule>;
  /**
   * The scheduled job (src/jobs): every rule of an open cycle whose day has come mails each State
   * that has not handed in and that it has not reminded yet, with links to `linkBase`.
   */
  sendDue(options: { linkBase: string }): Promise<DueRemindersRun>;
}

/** "2027-08-31" plus `days` → YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const at = new Date(`${isoDate}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function present(r: ReminderRuleRecord, deadline: string): ReminderRule {
  return {
    id: r.id,
    cycleId: r.cycleId,
    offsetDays: r.offsetDays,
    sendOn: addDays(deadline, r.offsetDays),
    subject: r.subject,
    body: r.body,
    delivered: Number(r.delivered),
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** The built-in reminder as a rule's words would be written. */
export function builtInWording(): { subject: string; body: string } {
  const en = mailCatalogue.reminder.en!;
  return { subject: en.subject, body: en.paragraphs.join('\n\n') };
}

/** Each placeholder in `text` that a rule may not use, as a problem at `path`. */
export function unknownReminderPlaceholders(text: string, path: string): FieldProblem[] {
  const known = new Set<string>(reminderPlaceholders);
  return [...text.matchAll(PLACEHOLDER)]
    .filter((m) => !known.has(m[1]!))
    .map((m) => ({ path, message: `"{${m[1]}}" is not a placeholder of reminders; they are ${reminderPlaceholders.map((n) => `{${n}}`).join(', ')}` }));
}

/** Checks a change and puts it in the store's terms (empty words → null, the built-in ones). */
function checked(change: ReminderRuleChange, required: boolean): Partial<ReminderRuleInput> {
  const problems: FieldProblem[] = [];
  const out: Partial<ReminderRuleInput> = {};
  if (change.offsetDays !== undefined || required) {
    const d = change.offsetDays;
    if (typeof d !== 'number' || !Number.isInteger(d) || Math.abs(d) > maxOffsetDays) {
      problems.push({ path: 'offsetDays', message: `must be a whole number of days from the deadline, from -${maxOffsetDays} (before) to ${maxOffsetDays} (after)` });
    } else out.offsetDays = d;
  }
  if (change.subject !== undefined) {
    const subject = change.subject?.trim() ?? '';
    if (/[\r\n]/.test(subject)) problems.push({ path: 'subject', message: 'must be one line' });
    else if (subject.length > maxSubject) problems.push({ path: 'subject', message: `must be at most ${maxSubject} characters` });
    else problems.push(...unknownReminderPlaceholders(subject, 'subject'));
    out.subject = subject === '' ? null : subject;
  }
  if (change.body !== undefined) {
    const body = change.body?.replace(/\r\n?/g, '\n').trim() ?? '';
    if (body.length > maxBody) problems.push({ path: 'body', message: `must be at most ${maxBody} characters` });
    else problems.push(...unknownReminderPlaceholders(body, 'body'));
    out.body = body === '' ? null : body;
  }
  if (problems.length > 0) throw new InvalidInput('The reminder rule is not valid', problems);
  return out;
}

/**
 * A rule's words as a mail template and the values of the cycle's terms they use (undefined for
 * the built-in reminder). `{meeting.name}` and the like become `{meetingName}`, filled with the
 * cycle's value; a term the cycle does not set gives the words after `|`, or nothing.
 */
export function ruleWording(rule: { subject: string | null; body: string | null }, cycle: CycleTerms): { template: MailTemplate; values: Record<string, string> } | undefined {
  if (rule.subject === null && rule.body === null) return undefined;
  const terms: Partial<Record<string, string>> = cycleValues(cycle);
  const values: Record<string, string> = {};
  const prepare = (text: string) =>
    text.replace(PLACEHOLDER, (_whole, name: string, words: string | undefined) => {
      if (ownPlaceholders.has(name)) return `{${name}}`;
      const value = terms[name];
      if (value === undefined) return words ?? '';
      const key = name.replace(/\.([a-z])/g, (_m, c: string) => c.toUpperCase());
      values[key] = value;
      return `{${key}}`;
    });
  const builtIn = mailCatalogue.reminder.en!;
  return {
    template: {
      subject: rule.subject === null ? builtIn.subject : prepare(rule.subject),
      paragraphs: rule.body === null ? builtIn.paragraphs : rule.body.split(/\n[ \t]*\n+/).map((p) => prepare(p.trim())),
    },
    values,
  };
}

export function remindersService(db: Database, mail: Services['mail'], clock: () => Date = () => new Date()): RemindersService {
  async function cycleOf(cycleId: string) {
    const cycle = await findCycle(db.drizzle, cycleId, { states: 'all' });
    if (!cycle) throw new NotFound(`The review cycle "${cycleId}"`);
    return cycle;
  }
  const duplicate = (offsetDays: number | undefined) =>
    new Conflict(`This cycle already has a reminder ${offsetDays === undefined ? 'on that day' : describeOffset(offsetDays)}; change that one instead.`);

  return {
    async list(actor, cycleId) {
      await authorize(db.drizzle, actor, reminderPolicy.read);
      const cycle = await cycleOf(cycleId);
      const rules = await listReminderRules(db.drizzle, cycle.id);
      return {
        cycle: { id: cycle.id, title: cycle.title, deadline: cycle.deadline, status: cycle.status },
        rules: rules.map((r) => present(r, cycle.deadline)),
        placeholders: [...reminderPlaceholders],
        builtIn: builtInWording(),
      };
    },

    async add(actor, cycleId, input) {
      await authorize(db.drizzle, actor, reminderPolicy.manage);
      const cycle = await cycleOf(cycleId);
      const values = checked({ subject: null, body: null, ...input }, true) as ReminderRuleInput;
      try {
        return await db.transaction(async (tx) => {
          const rule = await insertReminderRule(tx, cycle.id, values);
          await recordEvent(tx, actor, 'reminder.add', `cycle:${cycle.id}`, { rule: rule.id, offsetDays: rule.offsetDays, ownWords: rule.subject !== null || rule.body !== null });
          return present(rule, cycle.deadline);
        });
      } catch (err) {
        if (err instanceof DuplicateOffset) throw duplicate(values.offsetDays);
        throw err;
      }
    },

    async update(actor, cycleId, ruleId, change) {
      await authorize(db.drizzle, actor, reminderPolicy.manage);
      const cycle = await cycleOf(cycleId);
      const values = checked(change, false);
      try {
        return await db.transaction(async (tx) => {
          const rule = await updateReminderRule(tx, cycle.id, ruleId, values);
          if (!rule) throw new NotFound(`The reminder "${ruleId}" of the review cycle "${cycle.title}"`);
          await recordEvent(tx, actor, 'reminder.update', `cycle:${cycle.id}`, { rule: rule.id, changed: Object.keys(values), offsetDays: rule.offsetDays });
          return present(rule, cycle.deadline);
        });
      } catch (err) {
        if (err instanceof DuplicateOffset) throw duplicate(values.offsetDays);
        throw err;
      }
    },

    async remove(actor, cycleId, ruleId) {
      await authorize(db.drizzle, actor, reminderPolicy.manage);
      const cycle = await cycleOf(cycleId);
      return db.transaction(async (tx) => {
        const rule = await deleteReminderRule(tx, cycle.id, ruleId);
        if (!rule) throw new NotFound(`The reminder "${ruleId}" of the review cycle "${cycle.title}"`);
        await recordEvent(tx, actor, 'reminder.remove', `cycle:${cycle.id}`, { rule: rule.id, offsetDays: rule.offsetDays, delivered: Number(rule.delivered) });
        return present(rule, cycle.deadline);
      });
    },

    async sendDue({ linkBase }) {
      const today = clock().toISOString().slice(0, 10);
      const run: DueRemindersRun = { today, rules: [], failures: [] };
      for (const { rule, states } of await findDueReminders(db.drizzle, today)) {
        try {
          const cycle = await cycleOf(rule.cycleId);
          const result = await sendReminders(db, mail, clock, systemActor, rule.cycleId, {
            states,
            linkBase,
            wording: ruleWording(rule, cycle),
            claim: (iso3) => claimReminderDelivery(db.drizzle, rule.id, rule.cycleId, iso3),
            sent: async (iso3, messages) => {
              if (messages[0]) await recordReminderMessage(db.drizzle, rule.id, rule.cycleId, iso3, messages[0].id);
            },
            audit: { rule: rule.id, offsetDays: rule.offsetDays, scheduled: true },
            auditIfNone: false,
          });
          run.rules.push({
            cycleId: rule.cycleId,
            ruleId: rule.id,
            offsetDays: rule.offsetDays,
            reminded: result.reminded.map((r) => r.iso3),
            noCoordinator: result.noCoordinator.map((r) => r.iso3),
            skipped: result.skipped.map((r) => r.iso3),
          });
        } catch (err) {
          run.failures.push({ cycleId: rule.cycleId, ruleId: rule.id, error: (err as Error).message });
        }
      }
      return run;
    },
  };
}

/** "7 days before the deadline", "on the deadline", "1 day after the deadline". */
export function describeOffset(days: number): string {
  if (days === 0) return 'on the deadline';
  const n = Math.abs(days);
  return `${n} ${n === 1 ? 'day' : 'days'} ${days < 0 ? 'before' : 'after'} the deadline`;
}
