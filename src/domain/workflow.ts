// The submission workflow as a state machine: which statuses a State's submission passes through,
// which action moves it, who may take that action, and in which state of the cycle. Pure data and
// one function; services ask `decide` before they write, and the web app asks it to offer only the
// buttons a user may press. Every refusal carries a reason a person can read.

export const submissionStatuses = ['not-started', 'draft', 'submitted', 'returned', 'accepted', 'published', 'unpublished'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export const cycleStatuses = ['draft', 'open', 'closed', 'archived'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

/**
 * The part a person plays for one submission. Who holds which part is decided from memberships
 * elsewhere; the workflow only needs the part: the State's coordinator or a contributor, the
 * secretariat's administrator or analyst, or the operator at the command line.
 */
export const workflowRoles = ['state-coordinator', 'state-contributor', 'secretariat-admin', 'secretariat-analyst', 'system'] as const;
export type WorkflowRole = (typeof workflowRoles)[number];

/** The parts a person (not the operator) can hold: a user's role, and the role a membership gives. */
export const roles = ['secretariat-admin', 'secretariat-analyst', 'state-coordinator', 'state-contributor'] as const satisfies readonly WorkflowRole[];
export type Role = (typeof roles)[number];

/**
 * What a membership gives a role in: the secretariat as a whole, a State's coordinating office, one
 * review cycle, one submission, or one question of a submission (a contributor assigned questions).
 */
export const membershipScopes = ['secretariat', 'state', 'cycle', 'submission', 'question'] as const;
export type MembershipScope = (typeof membershipScopes)[number];

export const workflowActions = ['save', 'submit', 'withdraw', 'return', 'accept', 'publish', 'unpublish'] as const;
export type WorkflowAction = (typeof workflowActions)[number];

interface Transition {
  /** Statuses the action starts from. */
  from: readonly SubmissionStatus[];
  /** The status after the action; `save` keeps a returned submission returned until it is resubmitted. */
  to: SubmissionStatus | ((from: SubmissionStatus) => SubmissionStatus);
  by: readonly WorkflowRole[];
  /** Cycle statuses in which the action is allowed. */
  cycle: readonly CycleStatus[];
  /** Publication needs the State's consent to share its report. */
  needsConsent?: boolean;
  /** What the action does, as a sentence for refusals and audit ("submit the answers"). */
  label: string;
  /** The action needs a message for the State (returning says what to change); any other action may carry one. */
  needsMessage?: boolean;
}

/** The longest message a workflow step may carry (it is kept with the step, shown to the State and mailed). */
export const maxWorkflowMessageLength = 2000;

const stateDrafters = ['state-coordinator', 'state-contributor', 'secretariat-admin', 'system'] as const;
const secretariat = ['secretariat-admin', 'system'] as const;

export const transitions: Readonly<Record<WorkflowAction, Transition>> = {
  save: {
    label: 'save a draft',
    from: ['not-started', 'draft', 'returned'],
    to: (from) => (from === 'returned' ? 'returned' : 'draft'),
    by: stateDrafters,
    cycle: ['open'],
  },
  submit: { label: 'submit the answers', from: ['draft', 'returned'], to: 'submitted', by: ['state-coordinator', 'system'], cycle: ['open', 'closed'] },
  withdraw: { label: 'withdraw the submission', from: ['submitted'], to: 'draft', by: ['state-coordinator', 'system'], cycle: ['open'] },
  return: { label: 'return the submission to the State', from: ['submitted', 'accepted'], to: 'returned', by: secretariat, cycle: ['open', 'closed'], needsMessage: true },
  accept: { label: 'accept the submission', from: ['submitted'], to: 'accepted', by: secretariat, cycle: ['open', 'closed'] },
  publish: {
    label: 'publish the report',
    from: ['accepted', 'unpublished'],
    to: 'published',
    by: secretariat,
    cycle: ['open', 'closed', 'archived'],
    needsConsent: true,
  },
  unpublish: { label: 'unpublish the report', from: ['published'], to: 'unpublished', by: secretariat, cycle: ['open', 'closed', 'archived'] },
};

export interface WorkflowContext {
  status: SubmissionStatus;
  cycleStatus: CycleStatus;
  role: WorkflowRole;
  /** The State's answer to the consent question; only publication looks at it. */
  consent?: 'yes' | 'no' | 'unanswered';
}

export type Decision = { allowed: true; to: SubmissionStatus } | { allowed: false; reason: string };

const statusWords: Record<SubmissionStatus, string> = {
  'not-started': 'not started',
  draft: 'a draft',
  submitted: 'submitted',
  returned: 'returned to the State',
  accepted: 'accepted',
  published: 'published',
  unpublished: 'unpublished',
};

const cycleWords: Record<CycleStatus, string> = {
  draft: 'still a draft (States do not see it yet)',
  open: 'open',
  closed: 'closed',
  archived: 'archived',
};

/** Whether `action` may be taken now, and the status it leads to; otherwise why not. */
export function decide(action: WorkflowAction, ctx: WorkflowContext): Decision {
  const t = transitions[action];
  if (!t.by.includes(ctx.role)) return { allowed: false, reason: `A ${ctx.role.replace('-', ' ')} may not ${t.label}.` };
  if (!t.cycle.includes(ctx.cycleStatus)) {
    return { allowed: false, reason: `You cannot ${t.label}: the review cycle is ${cycleWords[ctx.cycleStatus]}.` };
  }
  if (!t.from.includes(ctx.status)) {
    return { allowed: false, reason: `You cannot ${t.label}: the submission is ${statusWords[ctx.status]}.` };
  }
  if (t.needsConsent && ctx.consent !== 'yes') {
    const why = ctx.consent === 'no' ? 'the State answered No to sharing it' : 'the State has not said whether it may be shared';
    return { allowed: false, reason: `You cannot ${t.label}: ${why}.` };
  }
  return { allowed: true, to: typeof t.to === 'function' ? t.to(ctx.status) : t.to };
}

/** Every action the context allows: what the web app offers as buttons. */
export function allowedActions(ctx: WorkflowContext): WorkflowAction[] {
  return workflowActions.filter((a) => decide(a, ctx).allowed);
}

/** Whether States see the cycle at all: a cycle in draft is the secretariat's alone. */
export function cycleVisibleToStates(cycleStatus: CycleStatus): boolean {
  return cycleStatus !== 'draft';
}
