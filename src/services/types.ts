// The contract between the adapters (HTTP, CLI, web via HTTP) and the commands that change or
// read state. Every call takes the Actor doing it: authorization is decided here, on the
// server, whichever surface the request came through.
import type { Template } from '../domain/template.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { Response } from '../domain/response.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { ResponseDiff } from '../domain/response-diff.ts';
import type { State } from '../domain/reference.ts';
import type { NewMembership } from '../store/memberships.ts';
import type { MailMessage, OutboxEntry } from '../domain/mail.ts';
import type { InvitationsService, LinkSettings } from './invitations.ts';
import type { CoordinatorAddress, CycleChanges, CycleNotice, OpenedCycle } from './cycles.ts';
import type { RepliesOverTime } from '../domain/replies.ts';
import type { TrackingService } from './tracking.ts';
import type { RemindersService } from './reminders.ts';
import type { AssignmentsService } from './assignments.ts';
import type { MessagesService } from './messages.ts';
import type { AuditService } from './audit.ts';
import type { PublicationsService } from './publications.ts';
import type { AnalysisService } from './analysis.ts';
import type { SynthesisService } from './synthesis.ts';
import type { CycleStatus, MembershipScope, SubmissionStatus, WorkflowAction, WorkflowRole } from '../domain/workflow.ts';

export type { CycleStatus, MailMessage, MembershipScope, NewMembership, OutboxEntry, SubmissionStatus, WorkflowAction, WorkflowRole };

export { roles, type Role } from '../domain/workflow.ts';
export type { AuditEvent, Cycle, CycleSummary, MembershipInfo, SubmissionSummary, SubmissionVersion, User, WorkflowStep } from '../domain/records.ts';
import type { Cycle, CycleSummary, MembershipInfo, SubmissionSummary, SubmissionVersion, User, WorkflowStep } from '../domain/records.ts';
import type { Role } from '../domain/workflow.ts';

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
  /** The questions a respondent answers (prose questions, checklists, choices, tables, …; not the contact block). */
  questionCount: number;
  /** The languages the template is offered in, its default one first. */
  languages: string[];
}

/** A questionnaire in one language, and the languages it could be had in (its default one first). */
export interface LocalisedQuestionnaire {
  questionnaire: Questionnaire;
  language: string;
  languages: string[];
}

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

/**
 * A State's answers as a cycle stores them: a Response (fixed slots) for a cycle opened on a template
 * that fits them, an ItemResponse (answers by item key) for one whose form is a questionnaire of the
 * item model (see cycleSnapshot in cycle-template.ts).
 */
export type AnyResponse = Response | ItemResponse;

export interface Submission extends SubmissionSummary {
  response: AnyResponse;
  /** The workflow actions the reader may take now (what the web app offers as buttons). */
  allowedActions: WorkflowAction[];
}

/** What a workflow action on a submission answers. */
export interface TransitionResult {
  cycleId: string;
  state: { iso3: string; name: string };
  action: WorkflowAction;
  from: SubmissionStatus;
  status: SubmissionStatus;
  /** The version acted on (a transition saves no new version). */
  version: number;
  at: string;
  by: string;
  /** What the person may do next. */
  allowedActions: WorkflowAction[];
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

/** A signed-in session as people see it; its token never leaves the browser that holds it. */
export interface SessionInfo {
  /** The SHA-256 of the session's token: names the session, cannot be turned back into it. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends however much it is used (8 hours after sign-in). */
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** True for the session the request came through. */
  current: boolean;
}

/** What the signed-in user may do beyond single records, for the web app to offer (GET /api/session). */
export interface Abilities {
  createCycle: boolean;
  addTemplate: boolean;
  createUser: boolean;
  readAudit: boolean;
  /** Reads every cycle and submission (the secretariat). */
  readAll: boolean;
  /** Saves drafts somewhere, so may import a filled-in form into a submission (each submission's `allowedActions` say which). */
  importResponses: boolean;
  /** Gives and takes back some memberships (which, the policy decides for each). */
  manageMemberships: boolean;
  /** Reads the outbox: every e-mail message sent, and what became of it (administrators). */
  readOutbox: boolean;
}

/**
 * What giving a membership names: the user (id or e-mail address), the role, and where: the whole
 * secretariat; a State's office (`stateIso3`); a cycle (`cycleId`); a State's submission to a cycle
 * (both); one question of it (both and `questionKey`).
 */
export interface GrantInput {
  user: string;
  role: Role;
  scope: MembershipScope;
  stateIso3?: string | null | undefined;
  cycleId?: string | null | undefined;
  questionKey?: string | null | undefined;
}

/** Whose memberships to list: a user's; a cycle's (its own and its submissions'); a State office's; one submission's (cycle and State). */
export interface MembershipQuery {
  userId?: string | undefined;
  cycleId?: string | undefined;
  stateIso3?: string | undefined;
}

export interface Services {
  access: {
    /** Throws Unauthenticated for anonymous visitors. */
    abilities(actor: Actor): Promise<Abilities>;
    /** Throws Unauthenticated or Forbidden unless the actor has `ability`. */
    require(actor: Actor, ability: keyof Abilities): Promise<void>;
  };
  memberships: {
    /** The memberships `query` names, once the actor may read them (those of the cycle's submissions they see). */
    list(actor: Actor, query: MembershipQuery): Promise<MembershipInfo[]>;
    /** Gives a user a role somewhere, when the policy lets the actor; audited. `created` is false when the user held it already. */
    grant(actor: Actor, input: GrantInput): Promise<{ membership: MembershipInfo; created: boolean }>;
    /** Takes a membership back, when the policy would let the actor give it; audited. Answers what it was. */
    revoke(actor: Actor, id: string): Promise<MembershipInfo>;
  };
  templates: {
    /** Built-in templates first, then those added by a secretariat. */
    list(): Promise<TemplateSummary[]>;
    /**
     * The fixed-slot template, for the fixed-slot readers (apac-2020's importer and exporter). Throws
     * InvalidInput for a template that does not fit fixed slots: read it with questionnaire().
     */
    get(id: string): Promise<Template | undefined>;
    /**
     * The template in the item model (a custom fixed-slot one through fromFixedSlots): the latest
     * version, or `version` of a custom one; in `language` when asked (plain strings; InvalidInput
     * naming the languages there are when it has not that one). Undefined when there is no such template.
     */
    questionnaire(id: string, options?: { version?: number | undefined; language?: string | undefined }): Promise<Questionnaire | undefined>;
    /**
     * Validates untrusted data (from JSON/YAML; fixed-slot, or the item model with `items`); throws
     * InvalidInput naming each bad field; stores nothing on error.
     */
    add(actor: Actor, data: unknown): Promise<Template | Questionnaire>;
  };
  states: {
    list(region?: string): Promise<State[]>;
  };
  cycles: {
    list(actor: Actor): Promise<CycleSummary[]>;
    get(actor: Actor, id: string): Promise<CycleSummary>;
    /**
     * The template the cycle asks: the snapshot taken when it opened, its text filled with the cycle's terms; for whoever may read the cycle.
     * In `language` when given (InvalidInput naming the languages there are when the template has not that one).
     */
    template(actor: Actor, id: string, language?: string): Promise<Template | Questionnaire>;
    /** The same as a questionnaire of the item model (plain strings in `language`), with the languages it is offered in. */
    questionnaire(actor: Actor, id: string, language?: string): Promise<LocalisedQuestionnaire>;
    create(actor: Actor, input: CycleInput): Promise<Cycle>;
    submissions(actor: Actor, cycleId: string): Promise<SubmissionSummary[]>;
    /**
     * Opens, closes or archives a cycle, or takes it back to draft (secretariat administrators);
     * audited. States see a cycle once it is open; a closed cycle's drafts can no longer be saved.
     */
    setStatus(actor: Actor, id: string, status: CycleStatus, link?: LinkSettings): Promise<CycleSummary>;
    /**
     * Opens a draft (secretariat administrators; audited): mails each invited State's coordinators
     * the link to their submission, and invites the people given as coordinators of States that
     * have none (src/services/invitations.ts); answers who heard and which States no one could tell.
     */
    open(actor: Actor, id: string, input: { coordinators?: CoordinatorAddress[] | undefined }, link: LinkSettings): Promise<OpenedCycle>;
    /**
     * Changes a draft's terms and invited States (audited). Once open, only the deadline, and only
     * later (audited as an extension; the coordinators of States that have not handed in are
     * told); anything else is a Conflict saying why. Secretariat administrators.
     */
    edit(actor: Actor, id: string, changes: CycleChanges, link: LinkSettings): Promise<CycleNotice>;
    /** How many invited States had submitted by each day, against the deadline (the secretariat). */
    replies(actor: Actor, id: string): Promise<RepliesOverTime>;
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
    /**
     * Accepts a response read from a file (an import) as a new draft version: checked and stored as
     * saveDraft does, with source "import", in the name of `actor`, the file's name as its note
     * (followed by `note`, when given).
     */
    acceptImport(
      actor: Actor,
      cycleId: string,
      iso3: string,
      response: unknown,
      options: { baseVersion: number; fileName: string; note?: string },
    ): Promise<SavedVersion>;
    /**
     * Moves the submission through the workflow (submit, withdraw, return, accept, publish,
     * unpublish; a save is `saveDraft`), from the version the person saw; audited. Refused with
     * the workflow's reason: Forbidden when their part may never do it, Conflict when not now.
     */
    transition(actor: Actor, cycleId: string, iso3: string, input: { action: WorkflowAction; baseVersion: number; message?: string; note?: string }): Promise<TransitionResult>;
    /** The workflow steps taken on the submission, oldest first. */
    history(actor: Actor, cycleId: string, iso3: string): Promise<WorkflowStep[]>;
    versions(actor: Actor, cycleId: string, iso3: string): Promise<SubmissionVersion[]>;
    /** The response as it was saved in one version (NotFound when there is no such version). */
    readVersion(actor: Actor, cycleId: string, iso3: string, version: number): Promise<{ version: number; response: AnyResponse }>;
    /** What changed between two versions. */
    diff(actor: Actor, cycleId: string, iso3: string, from: number, to: number): Promise<{ from: number; to: number; diff: ResponseDiff }>;
    /** Saves version `version`'s content as a new version (a save like any other, from `baseVersion`). */
    restore(actor: Actor, cycleId: string, iso3: string, version: number, options: { baseVersion: number }): Promise<SavedVersion>;
  };
  users: {
    /** Returns the user when email and password match, otherwise null (never says which was wrong). */
    authenticate(email: string, password: string): Promise<User | null>;
    get(id: string): Promise<User | undefined>;
    create(actor: Actor, input: { email: string; name: string; password: string; role: Role; stateIso3?: string | null }): Promise<User>;
    /** The user with this e-mail address (any case), for the operator's commands. */
    findByEmail(email: string): Promise<User | undefined>;
    /**
     * The signed-in user changes their own password, giving the current one; their other sessions
     * end, the one in `keepSessionId` (the session making the change) stays.
     */
    changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
      options?: { keepSessionId?: string | null },
    ): Promise<{ endedSessions: number }>;
  };
  sessions: {
    /** Opens a session for a user who has just proved who they are; the token is for the cookie and is never stored. */
    start(user: User, client: { ip: string | null; userAgent: string | null }): Promise<{ token: string; sessionId: string; expiresAt: Date }>;
    /** The user of an open session, or null when the token is unknown, revoked, idle too long or past its end. */
    resume(token: string): Promise<{ user: User; sessionId: string } | null>;
    /** Signing out: ends the token's session; an unknown or ended one is left as it is. */
    end(token: string): Promise<void>;
    /** A user's open sessions, most recently used first: one's own, or anyone's for an administrator. */
    list(actor: Actor, userId: string, currentSessionId?: string | null): Promise<SessionInfo[]>;
    /** Ends a user's open sessions (only `sessionId` when given); answers how many ended. */
    revoke(actor: Actor, userId: string, options?: { sessionId?: string }): Promise<number>;
  };
  /** The audit trail (src/services/audit.ts): filtered, a page at a time, or as CSV; the secretariat. */
  audit: AuditService;
  /** E-mail (src/services/mail.ts): every message is kept in the outbox; sent through SMTP when SMTP_URL is set. */
  mail: {
    /** Where `send` puts messages: an SMTP server, or only the outbox. */
    delivery: 'smtp' | 'outbox';
    /**
     * Stores the message (make it with `renderMessage`, src/domain/mail.ts) in the outbox and, with
     * SMTP, delivers it; answers the outbox entry: queued (no SMTP), sent, or failed with the error.
     * A delivery failure is recorded, never thrown. No actor: the calling service has decided.
     */
    send(message: MailMessage): Promise<OutboxEntry>;
    /** A page of the outbox, newest first (administrators). */
    list(actor: Actor, page?: { limit?: number; offset?: number }): Promise<OutboxPage>;
    /** One message, with its text and HTML (administrators). */
    get(actor: Actor, id: string): Promise<OutboxEntry>;
    /** Tries the failed messages again (fewer than 5 attempts so far), with SMTP; answers how many went. */
    retryFailed(actor: Actor): Promise<{ tried: number; sent: number; failed: number }>;
  };
  /** Accounts by invitation and password resets, by one-time links sent by e-mail (src/services/invitations.ts). */
  invitations: InvitationsService;
  /** The secretariat's console: where each State stands, reminders (src/services/tracking.ts). */
  tracking: TrackingService;
  /** Scheduled reminders: a cycle's rules and the job that mails them (src/services/reminders.ts). */
  reminders: RemindersService;
  /** Published reports: frozen public snapshots (src/services/publications.ts). */
  publications: PublicationsService;
  /** Questions of a submission given to contributors, with due dates and progress (src/services/assignments.ts). */
  assignments: AssignmentsService;
  /** A submission's queries thread between the State and the secretariat (src/services/messages.ts). */
  messages: MessagesService;
  /** The analysis of a response, and the vocabulary per objective it uses (src/services/analysis.ts). */
  analysis: AnalysisService;
  /** The synthesis of a cycle's submissions (src/services/synthesis.ts). */
  synthesis: SynthesisService;
}

export interface OutboxPage {
  total: number;
  limit: number;
  offset: number;
  delivery: 'smtp' | 'outbox';
  messages: OutboxEntry[];
}
