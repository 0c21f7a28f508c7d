// Review cycles: a secretariat opens one from a template, with a deadline, and invites States.
import type { Template } from '../domain/template.ts';
import type { Database } from '../store/database.ts';
import { findCycle, insertCycle, listCycles, updateCycleStatus } from '../store/cycles.ts';
import { findStates } from '../store/organisations.ts';
import { listSubmissions } from '../store/submissions.ts';
import { actorUserId } from './actors.ts';
import { cycleQuestionnaire, cycleTemplate } from './cycle-template.ts';
import { recordEvent } from './audit.ts';
import { cycleStatuses, cycleVisibleToStates } from '../domain/workflow.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { authorize, check, cyclePolicy, subjectOf, type Subject } from './policy.ts';
import { notAnswerableOnline } from './builtin-templates.ts';
import { findAnyTemplate, fixedSlotsOfAny } from './templates.ts';
import type { Cycle, CycleInput, CycleStatus, CycleSummary, Services } from './types.ts';
import { isEmail, isIsoDate, isNonEmptyString, Problems } from './validation.ts';

/**
 * The cycle as the subject may see it: every invited State's progress, or only that of the States
 * they answer for. NotFound when there is no such cycle, or it is a draft and they answer for a
 * State (States do not see drafts); Forbidden when their State is not invited.
 */
async function readableCycle(db: Database, s: Subject, id: string): Promise<CycleSummary> {
  const full = await findCycle(db.drizzle, id, { states: 'all' });
  if (!full) throw new NotFound(`The review cycle "${id}"`);
  if (!cyclePolicy.read(s, full)) {
    if (!cycleVisibleToStates(full.status)) throw new NotFound(`The review cycle "${id}"`);
    throw new Forbidden();
  }
  const seen = cyclePolicy.statesSeen(s, full);
  if (seen === 'all') return full;
  return mergeStateViews(await Promise.all(seen.map((iso3) => findCycle(db.drizzle, id, { states: 'one', iso3 }))));
}

/** One cycle seen through several States' views (a person answering for more than one State). */
function mergeStateViews(views: (CycleSummary | undefined)[]): CycleSummary {
  const [first, ...rest] = views.filter((v): v is CycleSummary => v !== undefined);
  if (!first) throw new Error('A readable cycle has no view of any of its States.');
  const merged: CycleSummary = { ...first, invitedStates: [...first.invitedStates], progress: { ...first.progress } };
  for (const v of rest) {
    merged.invitedStates.push(...v.invitedStates);
    for (const [status, n] of Object.entries(v.progress) as [CycleStatus & keyof CycleSummary['progress'], number][]) merged.progress[status] = (merged.progress[status] ?? 0) + n;
  }
  merged.invitedStates.sort();
  merged.invitedCount = merged.invitedStates.length;
  return merged;
}

export function cyclesService(db: Database): Services['cycles'] {
  return {
    async list(actor) {
      const s = await authorize(db.drizzle, actor, cyclePolicy.list);
      const reach = cyclePolicy.reach(s);
      if (reach.all) return listCycles(db.drizzle, { states: 'all' });
      const byId = new Map<string, CycleSummary[]>();
      const add = (c: CycleSummary) => byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
      if (reach.cycles.size > 0) for (const c of await listCycles(db.drizzle, { states: 'all' })) if (reach.cycles.has(c.id)) add(c);
      for (const iso3 of reach.states.keys()) {
        for (const c of await listCycles(db.drizzle, { states: 'one', iso3 })) {
          if (!reach.cycles.has(c.id) && cyclePolicy.read(s, c)) add(c);
        }
      }
      // In the store's order: newest deadline first, then by title.
      return [...byId.values()]
        .map((views) => (views.length === 1 ? views[0]! : mergeStateViews(views)))
        .sort((a, b) => (a.deadline === b.deadline ? a.title.localeCompare(b.title) : a.deadline < b.deadline ? 1 : -1));
    },

    async get(actor, id) {
      return readableCycle(db, await subjectOf(db.drizzle, actor), id);
    },

    async template(actor, id, language) {
      // Whoever may read the cycle may read what it asks: its own snapshot, in its own terms.
      return cycleTemplate(db, await readableCycle(db, await subjectOf(db.drizzle, actor), id), language);
    },

    async questionnaire(actor, id, language) {
      // The same access as template(): a draft cycle is invisible to its States.
      return cycleQuestionnaire(db, await readableCycle(db, await subjectOf(db.drizzle, actor), id), language);
    },

    async create(actor, input) {
      await authorize(db.drizzle, actor, cyclePolicy.create);
      const valid = await validateCycle(db, input);
      const summary = await db.transaction(async (tx) => {
        const created = await insertCycle(tx, { ...valid, createdBy: actorUserId(actor) });
        await recordEvent(tx, actor, 'cycle.create', `cycle:${created.id}`, {
          title: created.title,
          templateId: created.templateId,
          invitedStates: created.invitedStates,
        });
        return created;
      });
      const { invitedCount: _count, progress: _progress, ...cycle } = summary;
      return cycle satisfies Cycle;
    },

    async setStatus(actor, id, status) {
      const s = await authorize(db.drizzle, actor, cyclePolicy.manage);
      if (!cycleStatuses.includes(status)) throw new InvalidInput('The status is not valid', [{ path: 'status', message: `must be one of ${cycleStatuses.join(', ')}` }]);
      const before = await readableCycle(db, s, id);
      if (before.status !== status) {
        const changed = await db.transaction(async (tx) => {
          if (!(await updateCycleStatus(tx, before.id, before.status, status))) return false;
          await recordEvent(tx, actor, 'cycle.status', `cycle:${before.id}`, { from: before.status, to: status });
          return true;
        });
        if (!changed) throw new Conflict(`The review cycle "${before.title}" changed status while this was being done; reload it, then try again.`);
      }
      return readableCycle(db, s, id);
    },

    async submissions(actor, cycleId) {
      const s = await subjectOf(db.drizzle, actor);
      const summary = await readableCycle(db, s, cycleId);
      const seen = cyclePolicy.statesSeen(s, summary);
      check(seen === 'all' || seen.length > 0);
      const rows = await listSubmissions(db.drizzle, summary.id, seen === 'all' || seen.length > 1 ? undefined : seen[0]);
      return rows.filter((r) => seen === 'all' || seen.includes(r.state.iso3)).map(({ id: _id, ...submission }) => submission);
    },
  };
}

/** Checks every field of untrusted input and throws one InvalidInput naming each bad field; returns the cleaned input. */
async function validateCycle(db: Database, input: CycleInput) {
  const problems = new Problems();
  const raw = (input ?? {}) as Partial<Record<keyof CycleInput, unknown>>;
  if (!isNonEmptyString(raw.title)) problems.add('title', 'must not be empty');

  const found = isNonEmptyString(raw.templateId) ? await findAnyTemplate(db.drizzle, raw.templateId) : undefined;
  // Submissions store answers in the fixed-slot shape until storage switches over: a cycle on a template that does not fit it is refused, not half-opened.
  const template = found && fixedSlotsOfAny(found.template);
  if (!isNonEmptyString(raw.templateId)) problems.add('templateId', 'must name a template, e.g. "apac-2020"');
  else if (!found) problems.add('templateId', `there is no template with the id "${raw.templateId}"`);
  else if (!template) problems.add('templateId', `${notAnswerableOnline(raw.templateId)}; open the cycle on a template that can be answered online, e.g. "apac-2020"`);

  if (typeof raw.region !== 'string' || !/^[a-z][a-z0-9-]*$/.test(raw.region)) {
    problems.add('region', 'must be a region key in lower case, e.g. "escap"');
  }

  const meeting = raw.meeting as CycleInput['meeting'] | null;
  if (meeting != null && (typeof meeting !== 'object' || !isNonEmptyString(meeting.name))) {
    problems.add('meeting.name', 'a meeting needs a name');
  }

  if (!isIsoDate(raw.deadline)) problems.add('deadline', 'must be a date written YYYY-MM-DD, e.g. 2020-08-31');

  const addresses = Array.isArray(raw.returnAddresses) ? (raw.returnAddresses as unknown[]) : [];
  if (raw.returnAddresses !== undefined && !Array.isArray(raw.returnAddresses)) problems.add('returnAddresses', 'must be a list of e-mail addresses');
  addresses.forEach((a, i) => {
    if (!isEmail(typeof a === 'string' ? a.trim() : a)) problems.add(`returnAddresses[${i}]`, `"${String(a)}" is not an e-mail address`);
  });

  const invited = await validateInvitedStates(db, raw.invitedStates, problems);

  if (raw.status !== undefined && !cycleStatuses.includes(raw.status as CycleStatus)) {
    problems.add('status', `must be one of ${cycleStatuses.join(', ')}`);
  }

  problems.throwIfAny('The review cycle cannot be created');
  return {
    title: (raw.title as string).trim(),
    template: template as Template, // a missing template is a problem, thrown above
    region: raw.region as string,
    meeting: meeting ? { ...meeting, name: meeting.name.trim() } : null,
    deadline: raw.deadline as string,
    returnAddresses: addresses.map((a) => (a as string).trim()),
    status: (raw.status as CycleStatus | undefined) ?? 'open',
    invitedStates: invited,
  };
}

async function validateInvitedStates(db: Database, value: unknown, problems: Problems): Promise<string[]> {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('invitedStates', 'invite at least one State (ISO 3166 alpha-3 codes, e.g. "XAA")');
    return [];
  }
  const codes = value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : ''));
  const known = await findStates(db.drizzle, codes.filter((c) => c !== ''));
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (!known.has(code)) problems.add(`invitedStates[${i}]`, `"${String(value[i])}" is not the ISO3 code of a known State`);
    else if (seen.has(code)) problems.add(`invitedStates[${i}]`, `${code} is listed twice`);
    seen.add(code);
  });
  return [...seen];
}
