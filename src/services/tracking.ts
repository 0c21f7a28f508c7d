// The secretariat's tracking of a cycle: one row per invited State (coordinators, status, last
// activity, completeness, consent, days to the deadline) and "remind now". Queries per table:
// the subject's memberships (1), the cycle (1), its template snapshot (1) and the rows (1): four,
// whatever the number of States (src/store/tracking.ts reads every row in one).
import { renderMessage, type MailTemplate, type OutboxEntry } from '../domain/mail.ts';
import { itemSchemaVersion, schemaVersionOf, upgradeResponse } from '../domain/response-migrations.ts';
import { fromLegacyResponse } from '../domain/questionnaire/legacy.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { consentIn, type ItemResponse } from '../domain/questionnaire/response.ts';
import { cycleSnapshot } from './cycle-template.ts';
import { asQuestionnaire } from './template-summary.ts';
import { currentSchemaVersion, type Response } from '../domain/response.ts';
import { completenessOf, daysToDeadline, handedIn, type TrackingRow } from '../domain/tracking.ts';
import { seededIds } from '../domain/paragraph-ids.ts';
import type { Database } from '../store/database.ts';
import { findCycle } from '../store/cycles.ts';
import { listTrackingRecords, type TrackingRecord } from '../store/tracking.ts';
import { decodeVersions } from '../store/version-codec.ts';
import { recordEvent } from './audit.ts';
import { cycleVisibleToStates, type CycleStatus } from '../domain/workflow.ts';
import { Conflict, InvalidInput, NotFound } from './errors.ts';
import { authorize, cyclePolicy } from './policy.ts';
import type { Actor, Services } from './types.ts';

export interface Tracking {
  cycle: { id: string; title: string; deadline: string; status: CycleStatus };
  /** The day the days to the deadline are counted from (UTC). */
  today: string;
  rows: TrackingRow[];
  /** Invited States per submission status. */
  counts: Partial<Record<TrackingRow['status'], number>>;
}

export interface RemindResult {
  reminded: { iso3: string; stateName: string; to: string[] }[];
  /** Invited States not handed in that have no coordinator to write to. */
  noCoordinator: { iso3: string; stateName: string }[];
  /** States that have already handed in their answers: not reminded. */
  skipped: { iso3: string; stateName: string; status: TrackingRow['status'] }[];
}

export interface TrackingService {
  /** The table, for the secretariat (who alone sees every State's progress). */
  table(actor: Actor, cycleId: string): Promise<Tracking>;
  /**
   * Sends one reminder per State (to its coordinators) with the deadline and a link
   * (`linkBase` + /cycles/{id}/states/{iso3}): the States named, or every State that has not
   * handed in; each message goes to the outbox, and the whole is audited. Secretariat administrators.
   */
  remind(actor: Actor, cycleId: string, options: Pick<RemindOptions, 'states' | 'linkBase'>): Promise<RemindResult>;
}

const isSecretariat = (s: Parameters<typeof cyclePolicy.reach>[0]) => cyclePolicy.reach(s).all;

/** The latest version's answers in the item model; undefined before the first save. */
function currentResponse(r: TrackingRecord, questionnaire: Questionnaire): ItemResponse | undefined {
  if (r.versions.length === 0) return undefined;
  const stored = decodeVersions(r.versions);
  const version = schemaVersionOf(stored);
  if (version === itemSchemaVersion) return stored as ItemResponse;
  // Counting needs no paragraph ids: an older shape is upgraded without the versions before it.
  const current = version === currentSchemaVersion ? stored : upgradeResponse(stored, { previous: undefined, newId: seededIds(`${r.submissionId}/${r.version}`) });
  return fromLegacyResponse(questionnaire, current as Response);
}

/** The tracking table of a cycle, for any caller that has checked who may read it. */
async function loadTracking(db: Database, clock: () => Date, cycleId: string): Promise<Tracking> {
  const cycle = await findCycle(db.drizzle, cycleId, { states: 'all' });
  if (!cycle) throw new NotFound(`The review cycle "${cycleId}"`);
  const questionnaire = asQuestionnaire(await cycleSnapshot(db, cycle.id));
  const today = clock().toISOString().slice(0, 10);
  const rows = (await listTrackingRecords(db.drizzle, cycle.id)).map((r): TrackingRow => {
    const response = currentResponse(r, questionnaire);
    return {
      iso3: r.iso3,
      stateName: r.stateName,
      coordinators: r.coordinators,
      status: r.status,
      version: r.version,
      lastActivity: r.savedAt ? { at: new Date(r.savedAt).toISOString(), by: r.savedBy ?? '' } : null,
      completeness: completenessOf(response, questionnaire),
      consent: consentIn(questionnaire, response),
      daysToDeadline: handedIn.includes(r.status) ? null : daysToDeadline(cycle.deadline, today),
    };
  });
  const counts: Tracking['counts'] = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return { cycle: { id: cycle.id, title: cycle.title, deadline: cycle.deadline, status: cycle.status }, today, rows, counts };
}

export function trackingService(db: Database, mail: Services['mail'], clock: () => Date = () => new Date()): TrackingService {
  const load = (cycleId: string) => loadTracking(db, clock, cycleId);
  return {
    async table(actor, cycleId) {
      await authorize(db.drizzle, actor, isSecretariat);
      return load(cycleId);
    },

    async remind(actor, cycleId, options) {
      await authorize(db.drizzle, actor, cyclePolicy.manage);
      return sendReminders(db, mail, clock, actor, cycleId, options);
    },
  };
}

/** How a reminder goes out: to whom (`states`), with which link, and, for a scheduled reminder, in whose words and once only. */
export interface RemindOptions {
  /** The ISO3 codes of the States to remind; every State that has not handed in when absent or empty. */
  states?: string[] | undefined;
  /** The web app's address: the link is `linkBase` + /cycles/{id}/states/{iso3}. */
  linkBase: string;
  /**
   * Words in place of the built-in reminder (a reminder rule's), in the mail catalogue's form, and
   * the values of the placeholders they use beyond the reminder's own.
   */
  wording?: { template: MailTemplate; values: Record<string, string> } | undefined;
  /** Asked just before a State is mailed: false leaves it out (a rule that has reminded it already). */
  claim?: ((iso3: string) => Promise<boolean>) | undefined;
  /** Told the messages that went to a State. */
  sent?: ((iso3: string, messages: OutboxEntry[]) => Promise<void>) | undefined;
  /** More for the audit event's details (the rule, for a scheduled reminder). */
  audit?: Record<string, unknown> | undefined;
  /** False: no audit event when no State was mailed (a scheduled run that found everyone reminded). */
  auditIfNone?: boolean | undefined;
}

/**
 * The one way reminders go out, "remind now" (`remind`) and the scheduled reminders
 * (src/services/reminders.ts) alike: the States chosen, those that have handed in skipped, each
 * coordinator of each other State mailed (through the outbox) with the deadline and a link, and
 * the whole audited as `cycle.remind` by `actor`. The caller has checked that the actor may.
 */
export async function sendReminders(
  db: Database,
  mail: Services['mail'],
  clock: () => Date,
  actor: Actor,
  cycleId: string,
  options: RemindOptions,
): Promise<RemindResult> {
  const tracking = await loadTracking(db, clock, cycleId);
  // A draft cycle is the secretariat's alone: its States could not follow the link.
  if (!cycleVisibleToStates(tracking.cycle.status)) throw new Conflict(`The review cycle "${tracking.cycle.title}" is a draft: its States cannot see it yet; open it before reminding them.`);
  const byIso3 = new Map(tracking.rows.map((r) => [r.iso3, r]));
  let chosen: TrackingRow[];
  if (options.states && options.states.length > 0) {
    const codes = [...new Set(options.states.map((c) => c.trim().toUpperCase()))];
    const unknown = codes.filter((c) => !byIso3.has(c));
    if (unknown.length > 0) {
      throw new InvalidInput('Only invited States can be reminded', unknown.map((c) => ({ path: 'states', message: `${c} is not invited to this cycle` })));
    }
    chosen = codes.map((c) => byIso3.get(c)!);
  } else chosen = tracking.rows;
  const result: RemindResult = { reminded: [], noCoordinator: [], skipped: [] };
  const base = options.linkBase.replace(/\/+$/, '');
  for (const row of chosen) {
    if (handedIn.includes(row.status)) {
      result.skipped.push({ iso3: row.iso3, stateName: row.stateName, status: row.status });
      continue;
    }
    if (row.coordinators.length === 0) {
      result.noCoordinator.push({ iso3: row.iso3, stateName: row.stateName });
      continue;
    }
    if (options.claim && !(await options.claim(row.iso3))) continue;
    const link = `${base}/cycles/${tracking.cycle.id}/states/${row.iso3}`;
    const messages: OutboxEntry[] = [];
    for (const c of row.coordinators) {
      const values = { recipientName: c.name, cycleTitle: tracking.cycle.title, stateName: row.stateName, deadline: tracking.cycle.deadline, link };
      messages.push(
        await mail.send(
          renderMessage({
            kind: 'reminder',
            to: c.email,
            values: options.wording ? { ...values, ...options.wording.values } : values,
            template: options.wording?.template,
            related: { type: 'submission', id: `${tracking.cycle.id}/${row.iso3}` },
          }),
        ),
      );
    }
    await options.sent?.(row.iso3, messages);
    result.reminded.push({ iso3: row.iso3, stateName: row.stateName, to: row.coordinators.map((c) => c.email) });
  }
  if (result.reminded.length > 0 || options.auditIfNone !== false) {
    await recordEvent(db.drizzle, actor, 'cycle.remind', `cycle:${tracking.cycle.id}`, {
      ...options.audit,
      reminded: result.reminded.map((r) => r.iso3),
      noCoordinator: result.noCoordinator.map((r) => r.iso3),
      skipped: result.skipped.map((r) => r.iso3),
    });
  }
  return result;
}
