// The contract between the adapters (HTTP, CLI, web via HTTP) and the commands that change or
// read state. Every call takes the Actor doing it: authorization is decided here, on the
// server, whichever surface the request came through.
import type { Template } from '../domain/template.ts';
import type { Response } from '../domain/response.ts';
import type { State } from '../domain/reference.ts';

export const roles = ['secretariat-admin', 'secretariat-analyst', 'state-coordinator', 'state-contributor'] as const;
export type Role = (typeof roles)[number];

/** Who is acting. `system` is the operator at the command line; anonymous visitors are `null`. */
export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; stateIso3: string | null }
  | { kind: 'system' }
  | null;

export interface TemplateSummary {
  id: string;
  /** What lists call it (the template's `name`, else its printed title). */
  name: string;
  title: string;
  version: number;
  respondentType: 'state' | 'stakeholder';
  builtIn: boolean;
  questionCount: number;
}

export type CycleStatus = 'draft' | 'open' | 'closed';

export interface CycleInput {
  title: string;
  templateId: string;
  /** Region key, e.g. "escap". */
  region: string;
  meeting?: { name: string; place?: string; dates?: string } | undefined;
  /** ISO date, YYYY-MM-DD. */
  deadline: string;
  returnAddresses: string[];
  invitedStates: string[];
  status?: CycleStatus | undefined;
}

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

export type SubmissionStatus = 'not-started' | 'draft' | 'submitted' | 'returned' | 'accepted';

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

export interface Submission extends SubmissionSummary {
  response: Response;
}

/** What a save answers: the version it made, not the response again. */
export interface SavedVersion {
  cycleId: string;
  state: { iso3: string; name: string };
  status: SubmissionStatus;
  version: number;
  savedAt: string;
  savedBy: string;
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

export interface Services {
  templates: {
    list(): Promise<TemplateSummary[]>;
    /** Built-in templates first, then those added by a secretariat. */
    get(id: string): Promise<Template | undefined>;
    /** Validates untrusted data (from JSON/YAML); throws InvalidInput naming each bad field; stores nothing on error. */
    add(actor: Actor, data: unknown): Promise<Template>;
  };
  states: {
    list(region?: string): Promise<State[]>;
  };
  cycles: {
    list(actor: Actor): Promise<CycleSummary[]>;
    get(actor: Actor, id: string): Promise<CycleSummary>;
    create(actor: Actor, input: CycleInput): Promise<Cycle>;
    submissions(actor: Actor, cycleId: string): Promise<SubmissionSummary[]>;
  };
  submissions: {
    get(actor: Actor, cycleId: string, iso3: string): Promise<Submission>;
    /**
     * Stores a new version. `baseVersion` is the version the changes started from (the `version`
     * of the submission as read, 0 before the first save): when someone has saved since, nothing
     * is stored and a Conflict names who saved which version, and when.
     */
    saveDraft(
      actor: Actor,
      cycleId: string,
      iso3: string,
      response: unknown,
      options: { baseVersion: number; source?: string; note?: string },
    ): Promise<SavedVersion>;
    versions(actor: Actor, cycleId: string, iso3: string): Promise<SubmissionVersion[]>;
    /** The response as it was saved in one version (NotFound when there is no such version). */
    readVersion(actor: Actor, cycleId: string, iso3: string, version: number): Promise<{ version: number; response: Response }>;
  };
  users: {
    /** Returns the user when email and password match, otherwise null (never says which was wrong). */
    authenticate(email: string, password: string): Promise<User | null>;
    get(id: string): Promise<User | undefined>;
    create(actor: Actor, input: { email: string; name: string; password: string; role: Role; stateIso3?: string | null }): Promise<User>;
  };
  audit: {
    list(actor: Actor, options?: { limit?: number }): Promise<AuditEvent[]>;
  };
}
