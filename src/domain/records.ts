// The records the store reads and the services hand out, declared once, beside the domain they
// describe: the store builds them from rows, the services pass them on, the HTTP presenters and the
// web client read them (src/services/types.ts re-exports them). The store imports nothing from the
// services; this is the contract between the two.
import type { State } from './reference.ts';
import type { CycleStatus, MembershipScope, Role, SubmissionStatus, WorkflowAction } from './workflow.ts';

export interface Cycle {
  id: string;
  title: string;
  templateId: string;
  region: string;
  meeting: { name: string; place?: string; dates?: string } | null;
  deadline: string;
  returnAddresses: string[];
  invitedStates: string[];
  status: CycleStatus;
  createdAt: string;
}

export interface CycleSummary extends Cycle {
  invitedCount: number;
  /** Submissions per status, e.g. { draft: 3, submitted: 1 }. */
  progress: Partial<Record<SubmissionStatus, number>>;
}

export interface SubmissionSummary {
  cycleId: string;
  state: State;
  status: SubmissionStatus;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** One workflow step on a submission: who moved it from which status to which, at which version, with which message. */
export interface WorkflowStep {
  action: Exclude<WorkflowAction, 'save'>;
  from: SubmissionStatus;
  to: SubmissionStatus;
  version: number;
  at: string;
  /** The person's name when they are a user, else the audit trail's label. */
  by: string;
  /** Required to return a submission; optional for the other steps. */
  message: string | null;
}

export interface SubmissionVersion {
  version: number;
  savedAt: string;
  savedBy: string;
  /** How the version came about: 'edit', 'import', 'demo'. */
  source: string;
  note: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  organisationId: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

/** A membership as the people managing them see it: a submission's cycle and State filled in. */
export interface MembershipInfo {
  id: string;
  user: { id: string; email: string; name: string };
  role: Role;
  scope: MembershipScope;
  stateIso3: string | null;
  cycleId: string | null;
  questionKey: string | null;
  createdAt: string;
}
