// Review cycles: a secretariat opens one from a template, with a deadline, and invites States.
import type { Template } from '../domain/template.ts';
import type { Database } from '../store/database.ts';
import { cycleExists, findCycle, insertCycle, listCycles, type CycleScope } from '../store/cycles.ts';
import { findStates } from '../store/organisations.ts';
import { listSubmissions } from '../store/submissions.ts';
import { actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { Forbidden, NotFound } from './errors.ts';
import { authorize, requireSignedIn, visibleStates } from './policy.ts';
import { findTemplate } from './templates.ts';
import type { Actor, Cycle, CycleInput, CycleStatus, CycleSummary, Services } from './types.ts';
import { isEmail, isIsoDate, isNonEmptyString, Problems } from './validation.ts';

const statuses: readonly CycleStatus[] = ['draft', 'open', 'closed'];

/** What of the cycles `actor` sees: every invited State's progress, or their own State's only. */
function scopeOf(actor: Exclude<Actor, null>): CycleScope | undefined {
  const states = visibleStates(actor);
  if (states === 'all') return { states: 'all' };
  const [own] = states;
  return own ? { states: 'one', iso3: own } : undefined;
}

/** The cycle as `actor` may see it (NotFound, Unauthenticated or Forbidden otherwise). */
async function readableCycle(db: Database, actor: Actor, id: string): Promise<CycleSummary> {
  requireSignedIn(actor);
  const scope = scopeOf(actor);
  const summary = scope ? await findCycle(db.drizzle, id, scope) : undefined;
  if (!summary) {
    if (!(await cycleExists(db.drizzle, id))) throw new NotFound(`The review cycle "${id}"`);
    throw new Forbidden();
  }
  authorize(actor, { action: 'cycle.read', invitedStates: summary.invitedStates });
  return summary;
}

export function cyclesService(db: Database): Services['cycles'] {
  return {
    async list(actor) {
      authorize(actor, { action: 'cycle.list' });
      const scope = scopeOf(actor);
      return scope ? listCycles(db.drizzle, scope) : [];
    },

    async get(actor, id) {
      return readableCycle(db, actor, id);
    },

    async create(actor, input) {
      authorize(actor, { action: 'cycle.create' });
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

    async submissions(actor, cycleId) {
      const summary = await readableCycle(db, actor, cycleId);
      const scope = scopeOf(actor as Exclude<Actor, null>);
      const rows = await listSubmissions(db.drizzle, summary.id, scope?.states === 'one' ? scope.iso3 : undefined);
      return rows.map(({ id: _id, ...submission }) => submission);
    },
  };
}

/** Checks every field of untrusted input and throws one InvalidInput naming each bad field; returns the cleaned input. */
async function validateCycle(db: Database, input: CycleInput) {
  const problems = new Problems();
  const raw = (input ?? {}) as Partial<Record<keyof CycleInput, unknown>>;
  if (!isNonEmptyString(raw.title)) problems.add('title', 'must not be empty');

  const template = isNonEmptyString(raw.templateId) ? await findTemplate(db.drizzle, raw.templateId) : undefined;
  if (!isNonEmptyString(raw.templateId)) problems.add('templateId', 'must name a template, e.g. "apac-2020"');
  else if (!template) problems.add('templateId', `there is no template with the id "${raw.templateId}"`);

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

  if (raw.status !== undefined && !statuses.includes(raw.status as CycleStatus)) {
    problems.add('status', `must be one of ${statuses.join(', ')}`);
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
