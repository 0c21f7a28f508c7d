// The shapes the HTTP API accepts and returns, as Zod schemas. They validate requests, filter
// responses (a field not listed here never leaves the server) and generate the OpenAPI document.
// Schemas registered in `apiSchemas` become named components of that document.
import { z } from 'zod';
import { Template } from '../domain/template.ts';
import { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { ItemResponse } from '../domain/questionnaire/response.ts';
import { Response } from '../domain/response.ts';
import { AuditEvent, Cycle, CycleSummary, MembershipInfo, StateRecord, SubmissionSummary, SubmissionVersion, User, WorkflowStep } from '../domain/records.ts';
import { cycleStatuses, submissionStatuses, workflowActions } from '../domain/workflow.ts';

/** Named schemas of the OpenAPI document; kept apart from Zod's global registry. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  apiSchemas.add(schema, { id, description });
  return schema;
}

export const FieldProblemSchema = z.object({
  path: z.string().describe('Where the problem is, e.g. "deadline" or "invitedStates[0]".'),
  message: z.string(),
});

export const ProblemSchema = named(
  z.object({
    type: z.string().describe('A URI naming the kind of problem.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldProblemSchema),
  }),
  'Problem',
  'An RFC 9457 problem (media type application/problem+json).',
);

const Iso3 = z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 3166-1 alpha-3 code, e.g. "KHM"');

export const UserSchema = named(
  User,
  'User',
  'A person who signs in.',
);

export const SignInBody = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(1024),
});

export const AbilitiesSchema = named(
  z.object({
    createCycle: z.boolean(),
    addTemplate: z.boolean(),
    createUser: z.boolean(),
    readAudit: z.boolean(),
    readAll: z.boolean().describe('Sees every cycle and submission (the secretariat).'),
    importResponses: z.boolean().describe("Saves drafts somewhere, so may import a filled-in form into a submission (each submission's `allowedActions` say which)."),
    manageMemberships: z.boolean().describe('Gives and takes back some memberships (POST and DELETE /api/memberships; which, the server decides for each).'),
    readOutbox: z.boolean().describe('Reads the outbox: every e-mail message sent and what became of it (GET /api/outbox; administrators).'),
  }),
  'Abilities',
  "What the signed-in user may do beyond single records; a submission's own `allowedActions` say what they may do with it.",
);

export const SessionSchema = z.object({ user: UserSchema.nullable(), abilities: AbilitiesSchema.optional() });

export const SessionInfoSchema = named(
  z.object({
    id: z.string().describe('Names the session (the SHA-256 of its token, which cannot be turned back into it).'),
    createdAt: z.string().describe('When it was opened by signing in.'),
    lastSeenAt: z.string().describe('When it was last used, to within a minute.'),
    expiresAt: z.string().describe('When it ends however much it is used (8 hours after sign-in).'),
    ip: z.string().nullable().describe('The client address it was opened from.'),
    userAgent: z.string().nullable().describe('The browser it was opened from, as the browser named itself.'),
    current: z.boolean().describe('True for the session this request came through.'),
  }),
  'Session',
  'An open session of a signed-in user: a browser where they are signed in.',
);

export const EndedSessionsSchema = z.object({ endedSessions: z.number().int().describe('How many sessions this ended.') });

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1, 'must not be empty').max(1024),
  newPassword: z.string().max(1024).describe('At least 10 characters.'),
});

export const UserParams = z.object({ id: z.string().min(1) });
export const UserSessionParams = z.object({ id: z.string().min(1), sessionId: z.string().min(1).max(64) });

export const DemoAccountSchema = named(
  z.object({ email: z.string(), password: z.string(), purpose: z.string() }),
  'DemoAccount',
  'A public account of a demonstration server (`serve --demo`).',
);

export const StateSchema = named(
  StateRecord,
  'State',
  'A State that can be invited to a review.',
);

export const TemplateSummarySchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    version: z.number().int(),
    respondentType: z.enum(['state', 'stakeholder']),
    builtIn: z.boolean(),
    questionCount: z.number().int(),
    languages: z.array(z.string()).describe('The languages the template is offered in, its default one first.'),
  }),
  'TemplateSummary',
  'A questionnaire template in a list.',
);

export const TemplateSchema = named(Template, 'Template', 'A questionnaire template: what a respondent is asked.');
export const QuestionnaireSchema = named(Questionnaire, 'Questionnaire', 'A questionnaire template in the item model: its head and an ordered tree of typed items.');
export const LocalisedQuestionnaireSchema = named(
  z.object({
    questionnaire: QuestionnaireSchema,
    language: z.string().describe('The language its texts are in (plain strings).'),
    languages: z.array(z.string()).describe('The languages it can be had in, its default one first.'),
  }),
  'LocalisedQuestionnaire',
  'A questionnaire in one language, and the languages it could be had in.',
);
export const ResponseSchema = named(Response, 'Response', "A respondent's answers to a template.");
export const ItemResponseSchema = named(ItemResponse, 'ItemResponse', "A respondent's answers in the item model: one answer per item key, each saying its kind.");
/** What a cycle stores: a Response for a cycle on fixed slots (apac-2020), an ItemResponse for one whose form is a questionnaire of the item model. */
export const AnyResponseSchema = z
  .union([ResponseSchema, ItemResponseSchema])
  .describe("The State's answers: a Response when the cycle's template is of fixed slots (GET /api/cycles/{id}/template has `clusters`), an ItemResponse (answers by item key) when it is a questionnaire of the item model (it has `items`).");

const Meeting = z.object({ name: z.string().max(300), place: z.string().max(200).optional(), dates: z.string().max(100).optional() });
const CycleStatus = z.enum(cycleStatuses);

// Shapes only: the services check the meaning (a known template, real dates, e-mail addresses,
// known States) and name each bad field, for every surface alike.
export const CycleInputSchema = named(
  z.object({
    title: z.string().max(300),
    templateId: z.string().max(100).describe('A template id, e.g. "apac-2020".'),
    region: z.string().max(40).describe('Region key, e.g. "escap".'),
    meeting: Meeting.optional(),
    deadline: z.string().max(40).describe('A date written YYYY-MM-DD, e.g. "2020-08-31".'),
    returnAddresses: z.array(z.string().max(320)).max(20).describe('E-mail addresses the responses go to.'),
    invitedStates: z.array(z.string().max(20)).max(300).describe('ISO 3166-1 alpha-3 codes of the invited States, e.g. ["KHM", "XAA"].'),
    status: CycleStatus.optional(),
  }),
  'NewCycle',
  'What a secretariat gives to open a review cycle.',
);

export const CycleSchema = named(Cycle, 'Cycle', 'A review cycle.');

export const CycleStatusBody = z.object({
  status: CycleStatus.describe("draft (the secretariat's alone), open (States see it and save drafts), closed (drafts locked; late submissions still accepted) or archived."),
});

const SubmissionStatus = z.enum(submissionStatuses);

export const CycleSummarySchema = named(
  CycleSummary,
  'CycleSummary',
  'A review cycle with the number of submissions in each status.',
);

export const SubmissionSummarySchema = named(SubmissionSummary, 'SubmissionSummary', "A State's submission in a list.");

const WorkflowAction = z.enum(workflowActions);
const AllowedActions = z.array(WorkflowAction).describe('The workflow actions the signed-in user may take on the submission now: what the web app offers.');

export const SubmissionSchema = named(
  SubmissionSummary.extend({ allowedActions: AllowedActions, response: AnyResponseSchema }),
  'Submission',
  "A State's submission with its latest response, and what the reader may do with it.",
);

export const TransitionBody = named(
  z.object({
    action: WorkflowAction.describe('submit, withdraw, return, accept, publish or unpublish (a save is PUT of the submission).'),
    baseVersion: z
      .number({ error: (issue) => (issue.input === undefined ? "is required: the version you are acting on (the submission's `version` as you read it)" : undefined) })
      .int()
      .nonnegative()
      .describe('The version the action is about: when someone saved a newer one since, nothing changes and the answer is 409.'),
    message: z
      .string()
      .max(2000)
      .optional()
      .describe('A message for the State: required to return a submission (what it should change), optional otherwise; kept with the step, shown to the State and mailed to its coordinators.'),
    note: z.string().max(2000).optional().describe('The older name of `message` (used when `message` is absent).'),
  }),
  'Transition',
  "A step of a submission's workflow.",
);

export const TransitionResultSchema = named(
  z.object({
    cycleId: z.string(),
    state: z.object({ iso3: z.string(), name: z.string() }),
    action: WorkflowAction,
    from: SubmissionStatus,
    status: SubmissionStatus,
    version: z.number().int().describe('The version acted on: a step of the workflow saves no new version.'),
    at: z.string(),
    by: z.string(),
    allowedActions: AllowedActions,
  }),
  'TransitionResult',
  'What a step of the workflow did, and what the user may do next.',
);


export const SubmissionVersionSchema = named(
  SubmissionVersion,
  'SubmissionVersion',
  'One saved version of a submission.',
);

export const SaveDraftBody = z.object({
  // Read by the submissions service, which alone knows the cycle's model (a Response or an ItemResponse: see AnyResponse) and names every bad field.
  response: z
    .looseObject({})
    .describe("The State's answers: a Response (schema Response) for a cycle on fixed slots, an ItemResponse (schema ItemResponse) for a cycle whose form is a questionnaire of the item model."),
  baseVersion: z
    .number({
      error: (issue) => (issue.input === undefined ? 'is required: the version your changes started from (the submission\'s `version` as you read it, 0 before the first save)' : undefined),
    })
    .int()
    .nonnegative()
    .describe('Required: the version the changes started from (0 before the first save). If someone has saved a newer version since, nothing is stored and the answer is 409.'),
  note: z.string().max(2000).optional(),
});

export const AcceptImportBody = SaveDraftBody.omit({ note: true }).extend({
  fileName: z.string().trim().min(1).max(255).describe('The name of the imported file, as uploaded (e.g. arvenia-review.docx); stored with the version.'),
  note: z.string().max(1700).optional().describe('Stored after the file name.'),
});

export const SavedVersionSchema = named(
  z.object({
    cycleId: z.string(),
    state: z.object({ iso3: z.string(), name: z.string() }),
    status: SubmissionStatus,
    version: z.number().int().describe('The version this save made: send it as `baseVersion` with the next save.'),
    savedAt: z.string(),
    savedBy: z.string(),
  }),
  'SavedVersion',
  'What a save answers: the version it made (the response is not sent back).',
);

export const VersionConflictSchema = named(
  ProblemSchema.extend({
    baseVersion: z.number().int().optional().describe('The version the refused save started from.'),
    currentVersion: z.number().int().optional().describe('The latest saved version: reload it, then save again with it as `baseVersion`.'),
    savedBy: z.string().nullable().optional().describe('Who saved the latest version.'),
    savedAt: z.string().nullable().optional().describe('When the latest version was saved (ISO 8601, UTC).'),
  }),
  'VersionConflict',
  'A save refused with 409, nothing stored: when it did not start from the latest version, the members below say which that is, who saved it and when; otherwise the cycle is closed or the submission no longer editable.',
);

/** The 409 of a route that saves a version (PUT of a submission, accepting an import). */
export const saveConflictResponse = {
  409: {
    description: 'Someone saved a newer version, the cycle is closed, or the submission is no longer editable; nothing was stored.',
    content: { 'application/problem+json': { schema: VersionConflictSchema } },
  },
};

export const CycleParams = z.object({ id: z.string().min(1) });
export const SubmissionParams = z.object({ id: z.string().min(1), iso3: Iso3.transform((c) => c.toUpperCase()) });
export const TemplateParams = z.object({ id: z.string().min(1) });

/** The problem responses a route can give, for the OpenAPI document. */
export function problemResponses(...statuses: number[]): Record<number, { description: string; content: Record<string, { schema: typeof ProblemSchema }> }> {
  const descriptions: Record<number, string> = {
    400: 'The request is invalid; `errors` names each bad field.',
    401: 'Not signed in.',
    403: 'Signed in, but not allowed to do this.',
    404: 'Not found.',
    409: 'Conflict with the current state, e.g. someone saved a newer version.',
    413: 'The request body is too large.',
    415: 'Unsupported content type.',
    422: 'The content was received but cannot be used, e.g. a file that cannot be read.',
    429: 'Too many attempts; try again later.',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Problem.', content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  );
}

/** The language the form's own text is printed in (exports); the answers stay as written. */
export const FormLanguage = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as "en", "fr" or "ru"')
  .describe("The language of the form's text: one the template is offered in (apac-2020: en, fr, ru); the template's own when left out. The answers are printed as written.");

/** `?language=fr`: the language of a questionnaire's texts. */
export const LanguageQuery = z.object({ language: FormLanguage.optional() });

/** One recorded change (the audit log). */
export const AuditEventSchema = named(AuditEvent, 'AuditEvent', 'One recorded change.');
/** A role a user holds somewhere. */
export const MembershipSchema = named(MembershipInfo, 'Membership', 'A role a user holds somewhere.');
/** The workflow steps taken on a submission, oldest first. */
export const WorkflowHistorySchema = z.object({ steps: z.array(WorkflowStep) });
