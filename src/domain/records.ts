// The records the store reads and the services hand out, declared once, as Zod schemas beside the
// domain they describe: the TypeScript types are inferred from them, the HTTP schemas
// (src/http/schemas.ts) name them in the OpenAPI document and filter responses through them, and
// the web client reads the same types (src/services/types.ts re-exports them). The store imports
// nothing from the services; this is the contract between the two.
import { z } from 'zod';
import { cycleStatuses, membershipScopes, roles, submissionStatuses, workflowActions } from './workflow.ts';

const SubmissionStatus = z.enum(submissionStatuses);

export const StateRecord = z.object({ iso3: z.string(), name: z.string(), groups: z.array(z.string()), aliases: z.array(z.string()).optional() });

export const Meeting = z.object({ name: z.string(), place: z.string().optional(), dates: z.string().optional() });

export const Cycle = z.object({
  id: z.string(),
  title: z.string(),
  templateId: z.string(),
  region: z.string(),
  meeting: Meeting.nullable(),
  deadline: z.string(),
  returnAddresses: z.array(z.string()),
  invitedStates: z.array(z.string()),
  status: z.enum(cycleStatuses),
  createdAt: z.string(),
});
export type Cycle = z.infer<typeof Cycle>;

export const CycleSummary = Cycle.extend({
  invitedCount: z.number().int(),
  /** Submissions per status, e.g. { draft: 3, submitted: 1 }. */
  progress: z.partialRecord(SubmissionStatus, z.number().int()),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const SubmissionSummary = z.object({
  cycleId: z.string(),
  state: StateRecord,
  status: SubmissionStatus,
  version: z.number().int().describe('Number of the latest saved version; 0 before the first save.'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

/** One workflow step on a submission: who moved it from which status to which, at which version, with which message. */
export const WorkflowStep = z.object({
  action: z.enum(workflowActions).exclude(['save']),
  from: SubmissionStatus,
  to: SubmissionStatus,
  version: z.number().int().describe('The version the step was taken on.'),
  at: z.string(),
  by: z.string(),
  message: z.string().nullable().describe('The message the step carried (a return always has one).'),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const SubmissionVersion = z.object({ version: z.number().int(), savedAt: z.string(), savedBy: z.string(), source: z.string(), note: z.string().nullable() });
export type SubmissionVersion = z.infer<typeof SubmissionVersion>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  stateIso3: z.string().nullable(),
  organisationId: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().describe('Who acted: an e-mail address, "system" (the command line) or "anonymous".'),
  action: z.string().describe('What was done, e.g. "submission.publish", "membership.grant", "cycle.status".'),
  subject: z.string().describe('What it was done to, e.g. "cycle:<id>", "submission:<cycle>/<ISO3>", "user:<id>", "publication:<id>".'),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const MembershipInfo = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  role: z.enum(roles),
  scope: z
    .enum(membershipScopes)
    .describe("Where the role applies: the whole secretariat, a State's office, a cycle, a State's submission to a cycle, or one question of it."),
  stateIso3: z.string().nullable().describe("The State of a 'state' membership, or of the submission."),
  cycleId: z.string().nullable().describe("The cycle of a 'cycle' membership, or of the submission."),
  questionKey: z.string().nullable().describe("The question of a 'question' membership, e.g. \"1a\"."),
  createdAt: z.string(),
});
export type MembershipInfo = z.infer<typeof MembershipInfo>;
