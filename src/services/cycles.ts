// Review cycles: a secretariat opens one from a template, with a deadline, and invites States.
import { renderMessage } from '../domain/mail.ts';
import { repliesOverTime, type RepliesOverTime } from '../domain/replies.ts';
import { handedIn } from '../domain/tracking.ts';
import type { Database } from '../store/database.ts';
import {
  addInvitedStates,
  findCycle,
  findCycleTemplate,
  insertCycle,
  listCycles,
  listFirstSubmissions,
  listInvitedStateContacts,
  removeInvitedStates,
  statesWithAnswers,
  updateCycleStatus,
  updateCycleTerms,
  type CycleTerms,
  type InvitedStateContacts,
} from '../store/cycles.ts';
import { findStates } from '../store/organisations.ts';
import { listSubmissions } from '../store/submissions.ts';
import { actorUserId } from './actors.ts';
import { cycleQuestionnaire, cycleTemplate } from './cycle-template.ts';
import { recordEvent } from './audit.ts';
import { cycleStatuses, cycleVisibleToStates } from '../domain/workflow.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { authorize, check, cyclePolicy, subjectOf, type Subject } from './policy.ts';
import { findAnyTemplate, fixedSlotsOfAny } from './templates.ts';
import type { AnyTemplate } from './template-summary.ts';
import { defaultInvitationDays, type InvitationsService, type LinkSettings } from './invitations.ts';
import type { Actor, Cycle, CycleInput, CycleStatus, CycleSummary, Services } from './types.ts';
import { isEmail, isIsoDate, isNonEmptyString, Problems } from './validation.ts';

/** What an edit may change: any of a draft's terms and its invited States (the whole list); an open cycle's deadline, later only. */
export interface CycleChanges {
  title?: string | undefined;
  region?: string | undefined;
  /** null takes the meeting off. */
  meeting?: { name: string; place?: string | undefined; dates?: string | undefined } | null | undefined;
  deadline?: string | undefined;
  returnAddresses?: string[] | undefined;
  invitedStates?: string[] | undefined;
}

/** Whom to invite, when opening, as the coordinator of an invited State that has none yet. */
export interface CoordinatorAddress {
  stateIso3: string;
  email: string;
  /** How the invitation addresses them; their e-mail address when absent (they give their name on accepting). */
  name?: string | null | undefined;
}

export interface StateRef {
  iso3: string;
  stateName: string;
}

/** Who was told about a change of the cycle, and which States no one could be told in. */
export interface CycleNotice {
  cycle: CycleSummary;
  /** The States whose coordinators were mailed, and to which addresses. */
  notified: (StateRef & { to: string[] })[];
  /** Invited States with no coordinator (nor an address given when opening): no one there hears of it. */
  unreachable: StateRef[];
}

export interface OpenedCycle extends CycleNotice {
  /** The people invited, when opening, as the coordinators of States that had none. */
  invited: (StateRef & { email: string })[];
}

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

export function cyclesService(db: Database, mail: Services['mail'], invitations: InvitationsService, clock: () => Date = () => new Date()): Services['cycles'] {
  /**
   * Mails each invited State's coordinators (those `include` keeps), one message per person, in
   * the language of the cycle's form, with the link to the State's submission; answers who was
   * mailed and which States have no coordinator.
   */
  async function tellCoordinators(
    cycle: CycleSummary,
    link: Pick<LinkSettings, 'baseUrl'> | undefined,
    include: (state: InvitedStateContacts) => boolean,
    message: (state: InvitedStateContacts, person: { name: string; email: string }, link: string, language: string) => ReturnType<typeof renderMessage>,
  ): Promise<Omit<CycleNotice, 'cycle'>> {
    const [contacts, template] = await Promise.all([listInvitedStateContacts(db.drizzle, cycle.id), findCycleTemplate(db.drizzle, cycle.id)]);
    const language = template?.language ?? 'en';
    const base = (link?.baseUrl ?? '').replace(/\/+$/, '');
    const told: Omit<CycleNotice, 'cycle'> = { notified: [], unreachable: [] };
    for (const state of contacts) {
      if (!include(state)) continue;
      if (state.coordinators.length === 0) {
        told.unreachable.push({ iso3: state.iso3, stateName: state.stateName });
        continue;
      }
      for (const person of state.coordinators) await mail.send(message(state, person, `${base}/cycles/${cycle.id}/states/${state.iso3}`, language));
      told.notified.push({ iso3: state.iso3, stateName: state.stateName, to: state.coordinators.map((c) => c.email) });
    }
    return told;
  }

  /**
   * Opens a draft (audited), then tells each invited State's coordinators, with the link to their
   * submission, and invites the people given as coordinators of States that have none
   * (src/services/invitations.ts, which mails them their link).
   */
  async function openDraft(actor: Actor, s: Subject, before: CycleSummary, addresses: ValidAddress[], link: LinkSettings | undefined): Promise<OpenedCycle> {
    const changed = await db.transaction(async (tx) => {
      if (!(await updateCycleStatus(tx, before.id, 'draft', 'open'))) return false;
      await recordEvent(tx, actor, 'cycle.status', `cycle:${before.id}`, { from: 'draft', to: 'open' });
      return true;
    });
    if (!changed) throw new Conflict(`The review cycle "${before.title}" changed status while this was being done; reload it, then try again.`);
    const cycle = await readableCycle(db, s, before.id);
    const addressed = new Set(addresses.map((a) => a.stateIso3));
    const told = await tellCoordinators(cycle, link, () => true, (state, person, url, language) =>
      renderMessage({
        kind: 'invitation',
        to: person.email,
        language,
        values: { recipientName: person.name, cycleTitle: cycle.title, stateName: state.stateName, deadline: cycle.deadline, link: url },
        related: { type: 'submission', id: `${cycle.id}/${state.iso3}` },
      }),
    );
    const names = new Map([...told.notified, ...told.unreachable].map((r) => [r.iso3, r.stateName]));
    const invited: OpenedCycle['invited'] = [];
    const language = addresses.length > 0 ? ((await findCycleTemplate(db.drizzle, cycle.id))?.language ?? null) : null;
    for (const a of addresses) {
      await invitations.invite(
        actor,
        { email: a.email, name: a.name, role: 'state-coordinator', scope: 'state', stateIso3: a.stateIso3, language },
        link ?? { baseUrl: '', invitationDays: defaultInvitationDays },
      );
      invited.push({ iso3: a.stateIso3, stateName: names.get(a.stateIso3) ?? a.stateIso3, email: a.email });
    }
    const result: OpenedCycle = { cycle, notified: told.notified, invited, unreachable: told.unreachable.filter((r) => !addressed.has(r.iso3)) };
    await recordEvent(db.drizzle, actor, 'cycle.open', `cycle:${cycle.id}`, {
      notified: result.notified.map((r) => r.iso3),
      invited: result.invited.map((r) => ({ iso3: r.iso3, email: r.email })),
      unreachable: result.unreachable.map((r) => r.iso3),
    });
    return result;
  }

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

    async setStatus(actor, id, status, link) {
      const s = await authorize(db.drizzle, actor, cyclePolicy.manage);
      if (!cycleStatuses.includes(status)) throw new InvalidInput('The status is not valid', [{ path: 'status', message: `must be one of ${cycleStatuses.join(', ')}` }]);
      const before = await readableCycle(db, s, id);
      // Opening a draft is one thing whichever way it is asked: its States' coordinators are told.
      if (before.status === 'draft' && status === 'open') return (await openDraft(actor, s, before, [], link)).cycle;
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

    async open(actor, id, input, link) {
      const s = await authorize(db.drizzle, actor, cyclePolicy.manage);
      const before = await readableCycle(db, s, id);
      if (before.status !== 'draft') throw new Conflict(`The review cycle "${before.title}" is ${before.status} already: only a draft can be opened.`);
      return openDraft(actor, s, before, validateAddresses(input?.coordinators, before.invitedStates), link);
    },

    async edit(actor, id, changes, link) {
      const s = await authorize(db.drizzle, actor, cyclePolicy.manage);
      const before = await readableCycle(db, s, id);
      const valid = await validateChanges(db, changes);
      const { terms, add, remove } = differences(before, valid);
      const nothing: CycleNotice = { cycle: before, notified: [], unreachable: [] };
      if (Object.keys(terms).length === 0 && add.length === 0 && remove.length === 0) return nothing;
      const extension = before.status !== 'draft';
      if (extension) refuseOnceOpen(before, Object.keys(terms), add.length + remove.length > 0, terms.deadline);
      const answered = await statesWithAnswers(db.drizzle, before.id, remove);
      if (answered.length > 0) {
        throw new InvalidInput(
          'The review cycle cannot be changed',
          answered.map((a) => ({ path: 'invitedStates', message: `${a.iso3} has saved answers (version ${a.version}): it cannot be taken off the cycle` })),
        );
      }
      const changed = await db.transaction(async (tx) => {
        if (!(await updateCycleTerms(tx, before.id, before.status, terms))) return false;
        await addInvitedStates(tx, before.id, add);
        await removeInvitedStates(tx, before.id, remove);
        const from = Object.fromEntries(Object.keys(terms).map((k) => [k, before[k as keyof CycleTerms]]));
        if (extension) await recordEvent(tx, actor, 'cycle.extend', `cycle:${before.id}`, { from: before.deadline, to: terms.deadline });
        else await recordEvent(tx, actor, 'cycle.edit', `cycle:${before.id}`, { from, to: terms, invited: add, uninvited: remove });
        return true;
      });
      if (!changed) throw new Conflict(`The review cycle "${before.title}" changed status while this was being done; reload it, then try again.`);
      const cycle = await readableCycle(db, s, before.id);
      if (!extension) return { ...nothing, cycle };
      // Those who have not handed in are told the new date; those who have need not hear of it.
      const told = await tellCoordinators(cycle, link, (state) => !handedIn.includes(state.status), (state, person, url, language) =>
        renderMessage({
          kind: 'deadline-extended',
          to: person.email,
          language,
          values: { recipientName: person.name, cycleTitle: cycle.title, stateName: state.stateName, previousDeadline: before.deadline, deadline: cycle.deadline, link: url },
          related: { type: 'submission', id: `${cycle.id}/${state.iso3}` },
        }),
      );
      return { cycle, ...told };
    },

    async replies(actor, id) {
      await authorize(db.drizzle, actor, (s) => cyclePolicy.reach(s).all);
      const cycle = await findCycle(db.drizzle, id, { states: 'all' });
      if (!cycle) throw new NotFound(`The review cycle "${id}"`);
      const first = await listFirstSubmissions(db.drizzle, cycle.id);
      // A running cycle's chart reaches today; a closed one's ends with its deadline (or last reply).
      const running = cycle.status === 'draft' || cycle.status === 'open';
      return repliesOverTime(
        first.map((f) => f.at),
        { start: cycle.createdAt, deadline: cycle.deadline, until: running ? clock().toISOString() : cycle.deadline, invited: cycle.invitedCount },
      ) satisfies RepliesOverTime;
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
  const terms = await checkTerms(db, raw, problems, 'all');

  const found = isNonEmptyString(raw.templateId) ? await findAnyTemplate(db.drizzle, raw.templateId) : undefined;
  // The snapshot: fixed slots when the template fits them (its responses keep that shape, and its
  // forms print as they always have), else the questionnaire itself (item responses).
  const template = found && (fixedSlotsOfAny(found.template) ?? found.template);
  if (!isNonEmptyString(raw.templateId)) problems.add('templateId', 'must name a template, e.g. "apac-2020"');
  else if (!found) problems.add('templateId', `there is no template with the id "${raw.templateId}"`);

  if (raw.status !== undefined && !cycleStatuses.includes(raw.status as CycleStatus)) {
    problems.add('status', `must be one of ${cycleStatuses.join(', ')}`);
  }

  problems.throwIfAny('The review cycle cannot be created');
  return {
    title: terms.title!,
    template: template as AnyTemplate, // a missing template is a problem, thrown above
    region: terms.region!,
    meeting: terms.meeting ?? null,
    deadline: terms.deadline!,
    returnAddresses: terms.returnAddresses ?? [],
    status: (raw.status as CycleStatus | undefined) ?? 'open',
    invitedStates: terms.invitedStates ?? [],
  };
}

type ValidChanges = CycleTerms & { invitedStates?: string[] };

/** The changes asked, each field checked as creating a cycle checks it; absent fields stay as they are. */
async function validateChanges(db: Database, changes: CycleChanges): Promise<ValidChanges> {
  const problems = new Problems();
  const raw = (changes ?? {}) as Partial<Record<keyof CycleChanges, unknown>>;
  const valid = await checkTerms(db, raw, problems, 'given');
  problems.throwIfAny('The review cycle cannot be changed');
  return valid;
}

/**
 * Checks a cycle's terms: every one (`all`, creating), or those given (`given`, editing; a meeting
 * given as null is taken off). Adds each problem to `problems`; answers the cleaned values.
 */
async function checkTerms(db: Database, raw: Partial<Record<keyof CycleChanges, unknown>>, problems: Problems, which: 'all' | 'given'): Promise<ValidChanges> {
  const asked = (key: keyof CycleChanges) => which === 'all' || raw[key] !== undefined;
  const valid: ValidChanges = {};
  if (asked('title')) {
    if (!isNonEmptyString(raw.title)) problems.add('title', 'must not be empty');
    else valid.title = raw.title.trim();
  }
  if (asked('region')) {
    if (typeof raw.region !== 'string' || !/^[a-z][a-z0-9-]*$/.test(raw.region)) problems.add('region', 'must be a region key in lower case, e.g. "escap"');
    else valid.region = raw.region;
  }
  if (asked('meeting')) {
    const meeting = raw.meeting as CycleInput['meeting'] | null;
    if (meeting != null && (typeof meeting !== 'object' || !isNonEmptyString(meeting.name))) problems.add('meeting.name', 'a meeting needs a name');
    else valid.meeting = meeting ? { ...meeting, name: meeting.name.trim() } : null;
  }
  if (asked('deadline')) {
    if (!isIsoDate(raw.deadline)) problems.add('deadline', 'must be a date written YYYY-MM-DD, e.g. 2020-08-31');
    else valid.deadline = raw.deadline;
  }
  if (asked('returnAddresses')) {
    const addresses = Array.isArray(raw.returnAddresses) ? (raw.returnAddresses as unknown[]) : [];
    if (raw.returnAddresses !== undefined && !Array.isArray(raw.returnAddresses)) problems.add('returnAddresses', 'must be a list of e-mail addresses');
    addresses.forEach((a, i) => {
      if (!isEmail(typeof a === 'string' ? a.trim() : a)) problems.add(`returnAddresses[${i}]`, `"${String(a)}" is not an e-mail address`);
    });
    valid.returnAddresses = addresses.map((a) => String(a).trim());
  }
  if (asked('invitedStates')) valid.invitedStates = await validateInvitedStates(db, raw.invitedStates, problems);
  return valid;
}

/** What `valid` changes in `before`: the terms that differ, and the States to invite and to take off. */
function differences(before: CycleSummary, valid: ValidChanges): { terms: CycleTerms; add: string[]; remove: string[] } {
  const { invitedStates, ...asked } = valid;
  const terms: CycleTerms = {};
  for (const [key, value] of Object.entries(asked) as [keyof CycleTerms, CycleTerms[keyof CycleTerms]][]) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(before[key] ?? null)) Object.assign(terms, { [key]: value });
  }
  const now = new Set(before.invitedStates);
  const next = new Set(invitedStates ?? before.invitedStates);
  return { terms, add: [...next].filter((c) => !now.has(c)), remove: [...now].filter((c) => !next.has(c)) };
}

const termLabels: Record<keyof CycleTerms, string> = {
  title: 'its title',
  region: 'its regional commission',
  meeting: 'its meeting',
  deadline: 'its deadline',
  returnAddresses: 'its return addresses',
};

/** Once a cycle is open its States are working to its terms: only the deadline may move, and only later. Throws Conflict saying why. */
function refuseOnceOpen(before: CycleSummary, changed: string[], statesChanged: boolean, deadline: string | undefined): void {
  const others = [...changed.filter((k) => k !== 'deadline').map((k) => termLabels[k as keyof CycleTerms]), ...(statesChanged ? ['the States it invites'] : [])];
  if (before.status !== 'open') {
    throw new Conflict(`The review cycle "${before.title}" is ${before.status}: its terms can no longer be changed.`);
  }
  if (others.length > 0) {
    const listed = others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others.at(-1)}` : others[0];
    throw new Conflict(`The review cycle "${before.title}" is open: ${listed} can no longer be changed (only a draft can be edited); only its deadline can be extended.`);
  }
  if (deadline !== undefined && deadline < before.deadline) {
    throw new Conflict(`The review cycle "${before.title}" is open: its deadline can only be moved later than ${before.deadline}, not earlier.`);
  }
}

type ValidAddress = { stateIso3: string; email: string; name: string };

/** The coordinators' addresses given when opening: each for an invited State, each a real e-mail address. */
function validateAddresses(value: unknown, invitedStates: readonly string[]): ValidAddress[] {
  if (value === undefined || value === null) return [];
  const problems = new Problems();
  if (!Array.isArray(value)) {
    problems.add('coordinators', 'must be a list of { stateIso3, email, name }');
    problems.throwIfAny('The review cycle cannot be opened');
  }
  const valid: ValidAddress[] = [];
  (value as unknown[]).forEach((entry, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const iso3 = typeof e.stateIso3 === 'string' ? e.stateIso3.trim().toUpperCase() : '';
    const email = typeof e.email === 'string' ? e.email.trim().toLowerCase() : '';
    if (!invitedStates.includes(iso3)) problems.add(`coordinators[${i}].stateIso3`, `"${String(e.stateIso3 ?? '')}" is not a State this cycle invites`);
    if (!isEmail(email)) problems.add(`coordinators[${i}].email`, email ? `"${email}" is not an e-mail address` : 'must not be empty');
    else if (valid.some((v) => v.stateIso3 === iso3 && v.email === email)) problems.add(`coordinators[${i}].email`, `${email} is given twice for ${iso3}`);
    valid.push({ stateIso3: iso3, email, name: isNonEmptyString(e.name) ? e.name.trim().slice(0, 200) : email });
  });
  problems.throwIfAny('The review cycle cannot be opened');
  return valid;
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
