// Assignments: questions of a State's submission given to contributors, with due dates and their
// progress (src/services/assignments.ts): list them with the words written against the guidance,
// assign one question or a whole section, move the status or the due date, take one back; and the
// signed-in person's own assignments in every cycle.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignmentStatuses } from '../../domain/progress.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, problemResponses, SubmissionParams } from '../schemas.ts';

const Status = z.enum(assignmentStatuses).describe('Where the work stands: not started, drafting, ready for review, done. The contributor moves it.');
const DueDate = z.string().nullable().describe('YYYY-MM-DD, or null for none.');

export const AssignmentSchema = z.object({
  id: z.string().describe("The assignment's id: the contributor's membership of the question."),
  itemKey: z.string().describe('The question\'s key in the cycle\'s questionnaire, e.g. "1a".'),
  question: z.string().describe('How the form names it: "1a", "question 6".'),
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  status: Status,
  dueDate: DueDate,
  assignedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
apiSchemas.add(AssignmentSchema, { id: 'Assignment', description: 'A question of a submission given to a contributor.' });

const QuestionProgressSchema = z.object({
  key: z.string(),
  question: z.string(),
  words: z.number().int().describe('Words written in the answer so far.'),
  wordGuidance: z.number().int().nullable().describe("The form's suggested length, when it gives one."),
  assignments: z.array(AssignmentSchema),
});

const SubmissionAssignmentsSchema = z.object({
  cycleId: z.string(),
  state: z.object({ iso3: z.string(), name: z.string() }),
  questions: z.array(QuestionProgressSchema).describe('Every written question, in the order of the form.'),
  canManage: z.boolean().describe('The reader may assign, take back and set due dates.'),
  editable: z.union([z.literal('all'), z.array(z.string())]).describe('What the reader may change in the answers: all of it, or the keys of the questions given to them.'),
});
apiSchemas.add(SubmissionAssignmentsSchema, { id: 'SubmissionAssignments', description: "A submission's written questions with their progress and assignees." });

const OwnAssignmentSchema = AssignmentSchema.extend({
  cycle: z.object({ id: z.string(), title: z.string(), deadline: z.string(), status: z.string() }),
  state: z.object({ iso3: z.string(), name: z.string() }),
  words: z.number().int(),
  wordGuidance: z.number().int().nullable(),
});

const AssignBody = z.object({
  users: z.array(z.string().max(320)).max(50).describe("The people: account ids or e-mail addresses."),
  itemKey: z.string().max(40).nullish().describe('One question, e.g. "1a" (or give `section`).'),
  section: z.string().max(100).nullish().describe('Every written question of a section: its number ("1") or key ("cluster-1").'),
  dueDate: z.string().max(20).nullish().describe('YYYY-MM-DD.'),
});
apiSchemas.add(AssignBody, { id: 'NewAssignment', description: 'Questions to give to people: one question (`itemKey`) or a whole section (`section`), with a due date.' });

const ChangeBody = z.object({
  status: z.string().max(40).optional().describe(`One of ${assignmentStatuses.join(', ')}: the assignee, or whoever assigns.`),
  dueDate: z.string().max(20).nullish().describe('YYYY-MM-DD, or null to take it away: whoever assigns.'),
});

const AssignmentParams = SubmissionParams.extend({ assignmentId: z.string().min(1).max(100) });

export const assignmentRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/assignments',
    {
      schema: {
        ...access('signed-in'),
        tags: ['submissions'],
        summary: 'My assignments',
        description: 'The questions given to the signed-in person, in every cycle they see, soonest due first, with the words written so far.',
        security: [{ session: [] }],
        response: { 200: z.array(OwnAssignmentSchema), ...problemResponses(401) },
      },
    },
    async (request) => services.assignments.mine(request.actor),
  );

  app.get(
    '/api/cycles/:id/submissions/:iso3/assignments',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: "A submission's assignments and progress",
        description: 'Every written question in the order of the form: the words written against its guidance, and who has it (status, due date).',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: SubmissionAssignmentsSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.assignments.list(request.actor, request.params.id, request.params.iso3),
  );

  app.post(
    '/api/cycles/:id/submissions/:iso3/assignments',
    {
      schema: {
        ...access('assignment'),
        tags: ['submissions'],
        summary: 'Assign questions',
        description:
          "Gives each person each question named (one, or every written question of a section) as a question membership, with the due date: they may then change those answers and no others (unless they hold more). Audited. 201 with the assignments made or updated.",
        security: [{ session: [] }],
        params: SubmissionParams,
        body: AssignBody,
        response: { 201: z.array(AssignmentSchema), ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.assignments.assign(request.actor, request.params.id, request.params.iso3, request.body)),
  );

  app.patch(
    '/api/cycles/:id/submissions/:iso3/assignments/:assignmentId',
    {
      schema: {
        ...access('assignment'),
        tags: ['submissions'],
        summary: "Move an assignment's status or due date",
        description: 'The assignee moves the status; whoever assigns moves it too and sets the due date. Audited.',
        security: [{ session: [] }],
        params: AssignmentParams,
        body: ChangeBody,
        response: { 200: AssignmentSchema, ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request) =>
      services.assignments.update(request.actor, request.params.id, request.params.iso3, request.params.assignmentId, request.body as Parameters<typeof services.assignments.update>[4]),
  );

  app.delete(
    '/api/cycles/:id/submissions/:iso3/assignments/:assignmentId',
    {
      schema: {
        ...access('assignment'),
        tags: ['submissions'],
        summary: 'Take an assignment back',
        description: 'Takes back the question membership and forgets its due date and status. Audited. Answers what it was.',
        security: [{ session: [] }],
        params: AssignmentParams,
        response: { 200: AssignmentSchema, ...problemResponses(401, 403, 404, 415) },
      },
    },
    async (request) => services.assignments.remove(request.actor, request.params.id, request.params.iso3, request.params.assignmentId),
  );
};
