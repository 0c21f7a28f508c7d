// Memberships, as a service: who holds which role where, giving one and taking it back. Who may
// give what is membershipPolicy's (policy.ts), asked once the cycle or submission concerned is
// loaded; every change is audited in the transaction that makes it.
import { stateByIso3 } from '../domain/reference.ts';
import { cycleVisibleToStates, membershipScopes, roles, type MembershipScope, type Role } from '../domain/workflow.ts';
import type { Database } from '../store/database.ts';
import { findCycle } from '../store/cycles.ts';
import { isUuid } from '../store/ids.ts';
import {
  countSecretariatAdmins,
  deleteMembership,
  findMembershipRow,
  findSameMembership,
  insertMemberships,
  listMembershipRows,
  type MembershipRow,
  type NewMembership,
} from '../store/memberships.ts';
import { locateSubmission } from '../store/submissions.ts';
import { findUserByEmail, findUserById } from '../store/users.ts';
import { recordEvent } from './audit.ts';
import { cycleAsks } from './cycle-template.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { cyclePolicy, membershipPolicy, rolesByScope, subjectOf, submissionPolicy, type MembershipTarget, type Subject, type SubmissionRecordRef } from './policy.ts';
import type { GrantInput, MembershipInfo, Services, User } from './types.ts';
import { isNonEmptyString, Problems } from './validation.ts';

/** Which target fields each scope names (and no others). */
const fieldsOf: Readonly<Record<MembershipScope, readonly ('stateIso3' | 'cycleId' | 'questionKey')[]>> = {
  secretariat: [],
  state: ['stateIso3'],
  cycle: ['cycleId'],
  submission: ['cycleId', 'stateIso3'],
  question: ['cycleId', 'stateIso3', 'questionKey'],
};

const refused =
  'You may not give or take back this membership: secretariat administrators manage every membership, an administrator of a cycle those in that cycle, and a State’s coordinator contributors to their own State’s submissions and questions.';

export function membershipsService(db: Database): Services['memberships'] {
  /** The cycle and submission a membership names, loaded for the policy: NotFound when there is none, or the actor may not know of it. */
  async function targetOf(s: Subject, role: Role, scope: MembershipScope, at: { cycleId: string | null; stateIso3: string | null }): Promise<MembershipTarget> {
    const target: MembershipTarget = { role, scope, cycleId: at.cycleId, stateIso3: at.stateIso3, submission: null };
    if (scope === 'cycle' && at.cycleId !== null) {
      const cycle = await findCycle(db.drizzle, at.cycleId, { states: 'all' });
      if (!cycle || (!cyclePolicy.read(s, cycle) && !cycleVisibleToStates(cycle.status))) throw new NotFound(`The review cycle "${at.cycleId}"`);
    }
    if ((scope === 'submission' || scope === 'question') && at.cycleId !== null && at.stateIso3 !== null) target.submission = await submissionRef(s, at.cycleId, at.stateIso3);
    return target;
  }

  async function submissionRef(s: Subject, cycleId: string, iso3: string): Promise<SubmissionRecordRef> {
    const found = await locateSubmission(db.drizzle, cycleId, iso3);
    const reach = cyclePolicy.reach(s);
    if (!found || (!cycleVisibleToStates(found.cycle.status) && !reach.all && !reach.cycles.has(found.cycle.id))) {
      throw new NotFound(`The review cycle "${cycleId}"`);
    }
    if (!found.submission) throw new NotFound(`A submission of ${iso3} to the review cycle "${found.cycle.title}" (the State is not invited)`);
    const { submission, cycle } = found;
    return { id: submission.id, stateIso3: submission.state.iso3, status: submission.status, cycle: { id: cycle.id, status: cycle.status } };
  }

  async function userOf(ref: string): Promise<User> {
    const found = isUuid(ref) ? await findUserById(db.drizzle, ref) : await findUserByEmail(db.drizzle, ref.trim().toLowerCase());
    if (!found) throw new NotFound(`The user "${ref}"`);
    return found;
  }

  return {
    async list(actor, query) {
      const s = await subjectOf(db.drizzle, actor);
      const userId = clean(query.userId);
      const cycleId = clean(query.cycleId);
      const iso3 = clean(query.stateIso3)?.toUpperCase();
      if (userId !== undefined) {
        if (cycleId !== undefined || iso3 !== undefined) throw new InvalidInput('Name one user, cycle, State or submission', [{ path: 'user', message: 'cannot be combined with cycle or state' }]);
        if (!membershipPolicy.listOfUser(s, userId)) throw new Forbidden("Only an administrator, or the user themself, may see a user's memberships.");
        await userOf(userId);
        return listMembershipRows(db.drizzle, { userId }).then(present);
      }
      if (cycleId !== undefined && iso3 !== undefined) {
        const ref = await submissionRef(s, cycleId, iso3);
        if (!submissionPolicy.read(s, ref)) throw new Forbidden();
        return listMembershipRows(db.drizzle, { cycleId, stateIso3: ref.stateIso3 }).then(present);
      }
      if (cycleId !== undefined) {
        const cycle = isUuid(cycleId) ? await findCycle(db.drizzle, cycleId, { states: 'all' }) : undefined;
        if (!cycle || (!cyclePolicy.read(s, cycle) && !cycleVisibleToStates(cycle.status))) throw new NotFound(`The review cycle "${cycleId}"`);
        if (!cyclePolicy.read(s, cycle)) throw new Forbidden();
        // Its own members, and those of the submissions the subject sees.
        const seen = cyclePolicy.statesSeen(s, cycle);
        const rows = await listMembershipRows(db.drizzle, { cycleId });
        return present(rows.filter((r) => r.scope === 'cycle' || seen === 'all' || (r.stateIso3 !== null && seen.includes(r.stateIso3))));
      }
      if (iso3 !== undefined) {
        if (!stateByIso3(iso3)) throw new NotFound(`The State "${iso3}"`);
        if (!membershipPolicy.listOfState(s, iso3)) throw new Forbidden("Only the secretariat, and the State's own office, may see who works in it.");
        return listMembershipRows(db.drizzle, { stateIso3: iso3 }).then(present);
      }
      throw new InvalidInput('Name whose memberships to list', [{ path: 'query', message: 'give a user, a cycle, a state, or a cycle and a state (one submission)' }]);
    },

    async grant(actor, input) {
      const s = await subjectOf(db.drizzle, actor);
      const valid = validateGrant(input);
      const target = await targetOf(s, valid.role, valid.scope, valid);
      if (!membershipPolicy.manage(s, target)) throw new Forbidden(refused);
      if (valid.questionKey !== null && valid.cycleId !== null && !(await cycleAsks(db, valid.cycleId, valid.questionKey))) {
        throw new InvalidInput('The membership cannot be given', [{ path: 'questionKey', message: `the cycle's questionnaire has no question "${valid.questionKey}"` }]);
      }
      const user = await userOf(valid.user);
      const membership = newMembership(valid, target.submission?.id ?? null);
      const { id, created } = await db.transaction(async (tx) => {
        const held = await findSameMembership(tx, user.id, membership);
        if (held) return { id: held, created: false };
        const [id] = await insertMemberships(tx, user.id, [membership]);
        await recordEvent(tx, actor, 'membership.grant', `user:${user.id}`, { membership: id, ...describe(valid) });
        return { id: id!, created: true };
      });
      const row = await findMembershipRow(db.drizzle, id);
      if (!row) throw new Error(`The membership ${id} just given is missing.`);
      return { membership: presentOne(row), created };
    },

    async revoke(actor, id) {
      const s = await subjectOf(db.drizzle, actor);
      const row = await findMembershipRow(db.drizzle, id);
      if (!row) throw new NotFound(`The membership "${id}"`);
      const target = await targetOf(s, row.role, row.scope, row);
      if (!membershipPolicy.manage(s, target)) throw new Forbidden(refused);
      await db.transaction(async (tx) => {
        if (row.scope === 'secretariat' && row.role === 'secretariat-admin' && (await countSecretariatAdmins(tx)) <= 1) {
          throw new Conflict(`${row.user.email} is the last secretariat administrator: give another person that role before taking it back.`);
        }
        if (!(await deleteMembership(tx, row.id))) throw new NotFound(`The membership "${id}"`);
        await recordEvent(tx, actor, 'membership.revoke', `user:${row.user.id}`, { membership: row.id, ...describe(row) });
      });
      return presentOne(row);
    },
  };
}

function clean(v: string | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function presentOne(r: MembershipRow): MembershipInfo {
  const { submissionId: _submission, ...info } = r;
  return info;
}

function present(rows: MembershipRow[]): MembershipInfo[] {
  return rows.map(presentOne);
}

function describe(m: { role: Role; scope: MembershipScope; stateIso3: string | null; cycleId: string | null; questionKey: string | null }): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ role: m.role, scope: m.scope, stateIso3: m.stateIso3, cycleId: m.cycleId, questionKey: m.questionKey }).filter(([, v]) => v !== null));
}

interface ValidGrant {
  user: string;
  role: Role;
  scope: MembershipScope;
  stateIso3: string | null;
  cycleId: string | null;
  questionKey: string | null;
}

/** Checks the grant's fields: a known role and scope that go together, and exactly the target fields the scope names. */
function validateGrant(input: GrantInput): ValidGrant {
  const raw = (input ?? {}) as Partial<Record<keyof GrantInput, unknown>>;
  const problems = new Problems();
  if (!isNonEmptyString(raw.user)) problems.add('user', "must name the user: their id or e-mail address");
  const target = checkMembershipTarget(raw, problems);
  problems.throwIfAny('The membership cannot be given');
  return { user: (raw.user as string).trim(), ...target! };
}

/**
 * The role, scope and target of a membership to give (a grant, or an invitation's): a known role and
 * scope that go together, and exactly the target fields the scope names. Adds what is wrong to
 * `problems`; the answer is only whole when it has none.
 */
export function checkMembershipTarget(raw: Partial<Record<'role' | 'scope' | 'stateIso3' | 'cycleId' | 'questionKey', unknown>>, problems: Problems): Omit<ValidGrant, 'user'> {
  const role = roles.find((r) => r === raw.role);
  if (!role) problems.add('role', `must be one of ${roles.join(', ')}`);
  const scope = membershipScopes.find((m) => m === raw.scope);
  if (!scope) problems.add('scope', `must be one of ${membershipScopes.join(', ')}`);
  if (role && scope && !rolesByScope[scope].includes(role)) problems.add('role', `a ${scope} membership gives one of ${rolesByScope[scope].join(', ')}`);
  const field = (name: 'stateIso3' | 'cycleId' | 'questionKey'): string | null => {
    const value = raw[name];
    const given = value !== undefined && value !== null && value !== '';
    if (!scope) return null;
    if (!fieldsOf[scope].includes(name)) {
      if (given) problems.add(name, `a ${scope} membership names no ${name}; leave it out`);
      return null;
    }
    if (!isNonEmptyString(value)) {
      problems.add(name, `a ${scope} membership needs it`);
      return null;
    }
    return value.trim();
  };
  const stateIso3 = field('stateIso3')?.toUpperCase() ?? null;
  if (stateIso3 !== null && !stateByIso3(stateIso3)) problems.add('stateIso3', `"${stateIso3}" is not the ISO3 code of a known State`);
  const cycleId = field('cycleId');
  if (cycleId !== null && !isUuid(cycleId)) problems.add('cycleId', `"${cycleId}" is not a review cycle's id`);
  const questionKey = field('questionKey');
  return { role: role!, scope: scope!, stateIso3, cycleId, questionKey };
}

/** The membership to store, once the target's submission (if any) is known. */
export function newMembership(v: Omit<ValidGrant, 'user'>, submissionId: string | null): NewMembership {
  switch (v.scope) {
    case 'secretariat':
      return { role: v.role, scope: 'secretariat' };
    case 'state':
      return { role: v.role, scope: 'state', stateIso3: v.stateIso3! };
    case 'cycle':
      return { role: v.role, scope: 'cycle', cycleId: v.cycleId! };
    case 'submission':
      return { role: v.role, scope: 'submission', submissionId: submissionId ?? '' };
    case 'question':
      return { role: v.role, scope: 'question', submissionId: submissionId ?? '', questionKey: v.questionKey! };
  }
}
