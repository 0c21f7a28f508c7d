// Who may do what: the one place where permissions are decided. A person's permissions come from
// their memberships (src/store/memberships.ts): a role in the secretariat, in a State's
// coordinating office, in one cycle, one submission or one question. Each resource has one policy
// below, asked with the record concerned once it is loaded; services ask before they read or
// change anything, and adapters (HTTP, CLI) never decide permissions themselves.
import {
  allowedActions,
  cycleVisibleToStates,
  transitions,
  type CycleStatus,
  type MembershipScope,
  type Role,
  type SubmissionStatus,
  type WorkflowAction,
  type WorkflowRole,
} from '../domain/workflow.ts';
import type { Database } from '../store/database.ts';
import type { Executor } from '../store/executor.ts';
import { findMemberships, type Membership } from '../store/memberships.ts';
import { Forbidden, Unauthenticated } from './errors.ts';
import type { Abilities, Actor, Services } from './types.ts';

/** Someone signed in, with their memberships: what every policy decides from. */
export type Subject = { kind: 'system' } | { kind: 'user'; userId: string; memberships: readonly Membership[] };

/** The subject acting; throws Unauthenticated for anonymous visitors. One query for a user's memberships. */
export async function subjectOf(db: Executor, actor: Actor): Promise<Subject> {
  requireSignedIn(actor);
  if (actor.kind === 'system') return { kind: 'system' };
  return { kind: 'user', userId: actor.userId, memberships: await findMemberships(db, actor.userId) };
}

export function requireSignedIn(actor: Actor): asserts actor is Exclude<Actor, null> {
  if (actor === null) throw new Unauthenticated();
}

/** The subject, once `allows` says it may: Unauthenticated for anonymous visitors, Forbidden otherwise. */
export async function authorize(db: Executor, actor: Actor, allows: (s: Subject) => boolean, message?: string): Promise<Subject> {
  const subject = await subjectOf(db, actor);
  check(allows(subject), message);
  return subject;
}

/** Throws Forbidden unless `allowed`. */
export function check(allowed: boolean, message?: string): void {
  if (!allowed) throw new Forbidden(message);
}

/** Stronger roles first: when memberships give several, the strongest applies. */
const strength: readonly WorkflowRole[] = ['system', 'secretariat-admin', 'state-coordinator', 'state-contributor', 'secretariat-analyst'];

function strongest(found: Iterable<WorkflowRole>): WorkflowRole | null {
  const set = new Set(found);
  return strength.find((r) => set.has(r)) ?? null;
}

/** The subject's role across the whole secretariat, if any. */
function secretariatRole(s: Subject): WorkflowRole | null {
  if (s.kind === 'system') return 'system';
  return strongest(s.memberships.filter((m) => m.scope === 'secretariat').map((m) => m.role));
}

const isAdmin = (s: Subject) => ['system', 'secretariat-admin'].includes(secretariatRole(s) ?? '');
const isSecretariat = (s: Subject) => secretariatRole(s) !== null;

/** What a cycle policy needs of the cycle. */
export interface CycleRecord {
  id: string;
  status: CycleStatus;
  invitedStates: readonly string[];
}

/** What a submission policy needs of the submission and its cycle. */
export interface SubmissionRecordRef {
  id: string;
  stateIso3: string;
  status: SubmissionStatus;
  cycle: { id: string; status: CycleStatus };
}

/**
 * What of the cycles a subject sees: all of them (the secretariat), or those of some cycles
 * (cycle memberships) and of some States (a State's office, or one of its submissions).
 */
export type CycleReach = { all: true } | { all: false; cycles: ReadonlySet<string>; states: ReadonlyMap<string, 'all' | ReadonlySet<string>> };

export const cyclePolicy = {
  list: (_s: Subject) => true,
  create: (s: Subject) => isAdmin(s),
  /** Opening, closing, archiving. */
  manage: (s: Subject) => isAdmin(s),
  reach(s: Subject): CycleReach {
    if (s.kind === 'system' || isSecretariat(s)) return { all: true };
    const cycles = new Set<string>();
    const states = new Map<string, 'all' | Set<string>>();
    for (const m of s.memberships) {
      if (m.scope === 'cycle') cycles.add(m.cycleId);
      else if (m.scope === 'state') states.set(m.stateIso3, 'all');
      else if (m.scope === 'submission' || m.scope === 'question') {
        const seen = states.get(m.stateIso3);
        if (seen !== 'all') states.set(m.stateIso3, (seen ?? new Set<string>()).add(m.cycleId));
      }
    }
    return { all: false, cycles, states };
  },
  /** Whether the subject sees the cycle at all. States never see one in draft. */
  read(s: Subject, cycle: CycleRecord): boolean {
    const reach = cyclePolicy.reach(s);
    if (reach.all || reach.cycles.has(cycle.id)) return true;
    if (!cycleVisibleToStates(cycle.status)) return false;
    return cycle.invitedStates.some((iso3) => {
      const on = reach.states.get(iso3);
      return on === 'all' || (on !== undefined && on.has(cycle.id));
    });
  },
  /** The States of the cycle whose submissions the subject sees: all, or some. */
  statesSeen(s: Subject, cycle: CycleRecord): 'all' | string[] {
    const reach = cyclePolicy.reach(s);
    if (reach.all || reach.cycles.has(cycle.id)) return 'all';
    if (!cycleVisibleToStates(cycle.status)) return [];
    return cycle.invitedStates.filter((iso3) => {
      const on = reach.states.get(iso3);
      return on === 'all' || (on !== undefined && on.has(cycle.id));
    });
  },
};

export const submissionPolicy = {
  /** The part the subject plays for this submission, or null when it is none of theirs. */
  role(s: Subject, sub: SubmissionRecordRef): WorkflowRole | null {
    if (s.kind === 'system') return 'system';
    const visibleToStates = cycleVisibleToStates(sub.cycle.status);
    const found: WorkflowRole[] = [];
    for (const m of s.memberships) {
      if (m.scope === 'secretariat' || (m.scope === 'cycle' && m.cycleId === sub.cycle.id)) found.push(m.role);
      else if (!visibleToStates) continue;
      else if (m.scope === 'state' && m.stateIso3 === sub.stateIso3) found.push(m.role);
      else if ((m.scope === 'submission' || m.scope === 'question') && m.submissionId === sub.id) found.push(m.role);
    }
    return strongest(found);
  },
  read: (s: Subject, sub: SubmissionRecordRef) => submissionPolicy.role(s, sub) !== null,
  /**
   * What of the submission the subject may change: all of it, or only the questions given to them
   * when question memberships (assignments, src/services/assignments.ts) are all they hold for it.
   */
  editableItems(s: Subject, sub: SubmissionRecordRef): 'all' | ReadonlySet<string> {
    if (s.kind === 'system') return 'all';
    const keys = new Set<string>();
    for (const m of s.memberships) {
      if (m.scope === 'question') {
        if (m.submissionId === sub.id) keys.add(m.questionKey);
      } else if (
        m.scope === 'secretariat' ||
        (m.scope === 'cycle' && m.cycleId === sub.cycle.id) ||
        (m.scope === 'state' && m.stateIso3 === sub.stateIso3) ||
        (m.scope === 'submission' && m.submissionId === sub.id)
      ) {
        return 'all';
      }
    }
    return keys;
  },
  /** The workflow actions the subject may take on the submission now (the buttons the web app offers). */
  actions(s: Subject, sub: SubmissionRecordRef, consent?: 'yes' | 'no' | 'unanswered'): WorkflowAction[] {
    const role = submissionPolicy.role(s, sub);
    if (!role) return [];
    return allowedActions({ status: sub.status, cycleStatus: sub.cycle.status, role, ...(consent ? { consent } : {}) });
  },
};

/** A submission's queries thread: its readers read it; the State's people and the secretariat's administrators write in it. */
export const messagePolicy = {
  read: (s: Subject, sub: SubmissionRecordRef) => submissionPolicy.read(s, sub),
  write: (s: Subject, sub: SubmissionRecordRef) => ['system', 'secretariat-admin', 'state-coordinator', 'state-contributor'].includes(submissionPolicy.role(s, sub) ?? ''),
  /** Which side of the conversation the subject writes for. */
  side: (s: Subject, sub: SubmissionRecordRef): 'state' | 'secretariat' => (['state-coordinator', 'state-contributor'].includes(submissionPolicy.role(s, sub) ?? '') ? 'state' : 'secretariat'),
};

/**
 * Assignments (question memberships with a due date and a status): whoever may give the question
 * membership assigns and unassigns, and sets the due date (membershipPolicy.manage); the assignee
 * moves the status, and so may whoever assigns.
 */
export const assignmentPolicy = {
  manage: (s: Subject, sub: SubmissionRecordRef) =>
    membershipPolicy.manage(s, { role: 'state-contributor', scope: 'question', cycleId: sub.cycle.id, stateIso3: sub.stateIso3, submission: sub }),
  moveStatus: (s: Subject, sub: SubmissionRecordRef, assigneeId: string) => (s.kind === 'user' && s.userId === assigneeId) || assignmentPolicy.manage(s, sub),
};

export const templatePolicy = {
  list: () => true,
  read: () => true,
  add: (s: Subject) => isAdmin(s),
};

export const userPolicy = {
  create: (s: Subject) => isAdmin(s),
  /** Everyone may see and end their own sessions; an administrator anyone's. */
  sessions: (s: Subject, userId: string) => isAdmin(s) || (s.kind === 'user' && s.userId === userId),
};

export const auditPolicy = {
  read: (s: Subject) => isSecretariat(s),
};

/** The outbox (every message sent, with its text): secretariat administrators. */
export const outboxPolicy = {
  read: (s: Subject) => isAdmin(s),
};

/** The analysis's vocabulary per objective (src/services/analysis.ts): the secretariat reads it, its administrators change it. */
export const analysisPolicy = {
  readVocabulary: (s: Subject) => isSecretariat(s),
  editVocabulary: (s: Subject) => isAdmin(s),
};

/** The synthesis of a cycle (src/services/synthesis.ts): the secretariat's, since it reads every submission handed in. */
export const synthesisPolicy = {
  read: (s: Subject) => isSecretariat(s),
};

/** A cycle's reminder rules (src/services/reminders.ts): the secretariat reads them, its administrators write them, as they remind. */
export const reminderPolicy = {
  read: (s: Subject) => isSecretariat(s),
  manage: (s: Subject) => isAdmin(s),
};

/** Where a membership gives its role: a submission's cycle and State resolved, and the submission itself. */
export interface MembershipTarget {
  role: Role;
  scope: MembershipScope;
  /** The cycle of a 'cycle', 'submission' or 'question' membership. */
  cycleId: string | null;
  /** The State of a 'state' membership, or of the submission. */
  stateIso3: string | null;
  submission: SubmissionRecordRef | null;
}

/** The roles a membership of each scope may give: the secretariat's in the secretariat and its cycles, a State's in its office and submissions. */
export const rolesByScope: Readonly<Record<MembershipScope, readonly Role[]>> = {
  secretariat: ['secretariat-admin', 'secretariat-analyst'],
  cycle: ['secretariat-admin', 'secretariat-analyst'],
  state: ['state-coordinator', 'state-contributor'],
  submission: ['state-coordinator', 'state-contributor'],
  question: ['state-contributor'],
};

/** Administers the cycle: over the whole secretariat, or through an administrator's membership of that cycle. */
function runsCycle(s: Subject, cycleId: string): boolean {
  return isAdmin(s) || (s.kind === 'user' && s.memberships.some((m) => m.scope === 'cycle' && m.cycleId === cycleId && m.role === 'secretariat-admin'));
}

export const membershipPolicy = {
  /**
   * Who may give a membership, and take it back: a secretariat administrator any; an administrator
   * of one cycle, memberships in that cycle (its own, its submissions' and their questions'); a
   * State's coordinator, contributors to their own State's submissions and questions.
   */
  manage(s: Subject, t: MembershipTarget): boolean {
    if (isAdmin(s)) return true;
    if (t.scope === 'secretariat' || t.scope === 'state') return false;
    if (t.cycleId !== null && runsCycle(s, t.cycleId)) return true;
    return t.role === 'state-contributor' && t.submission !== null && submissionPolicy.role(s, t.submission) === 'state-coordinator';
  },
  /** Whether the subject may give any membership at all (what the web app offers). */
  manageAny: (s: Subject) =>
    isAdmin(s) || (s.kind === 'user' && s.memberships.some((m) => (m.scope === 'cycle' && m.role === 'secretariat-admin') || m.role === 'state-coordinator')),
  /** A user's memberships: the user themself, or an administrator. */
  listOfUser: (s: Subject, userId: string) => userPolicy.sessions(s, userId),
  /** A State office's members: the secretariat, and the office's own members. */
  listOfState: (s: Subject, iso3: string) => isSecretariat(s) || (s.kind === 'user' && s.memberships.some((m) => m.scope === 'state' && m.stateIso3 === iso3)),
};

export function abilitiesOf(s: Subject): Abilities {
  return {
    createCycle: cyclePolicy.create(s),
    addTemplate: templatePolicy.add(s),
    createUser: userPolicy.create(s),
    readAudit: auditPolicy.read(s),
    readAll: cyclePolicy.reach(s).all,
    importResponses: mayDraftSomewhere(s),
    manageMemberships: membershipPolicy.manageAny(s),
    readOutbox: outboxPolicy.read(s),
  };
}

/** Whether some membership gives a role that saves drafts (the import page's last step); which submissions, each one's `allowedActions` say. */
function mayDraftSomewhere(s: Subject): boolean {
  const drafters: readonly WorkflowRole[] = transitions.save.by;
  return s.kind === 'system' || s.memberships.some((m) => drafters.includes(m.role));
}

/** Abilities, as a service: what the web app is told (memberships are given in memberships.ts). */
export function accessService(db: Database): Services['access'] {
  return {
    async abilities(actor) {
      return abilitiesOf(await subjectOf(db.drizzle, actor));
    },
    async require(actor, ability) {
      const abilities = abilitiesOf(await subjectOf(db.drizzle, actor));
      check(abilities[ability]);
    },
  };
}
