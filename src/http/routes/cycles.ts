// Review cycles: a secretariat opens one from a template, with a deadline and the invited States.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { presentCycle, presentCycleSummary, presentSubmissionSummary } from '../presenters.ts';
import {
  apiSchemas,
  CycleInputSchema,
  CycleParams,
  CycleSchema,
  CycleStatusBody,
  CycleSummarySchema,
  LanguageQuery,
  LocalisedQuestionnaireSchema,
  problemResponses,
  SubmissionSummarySchema,
  TemplateSchema,
  QuestionnaireSchema,
} from '../schemas.ts';
import { access } from '../openapi.ts';
import { linkSettings } from './invitations.ts';

const CycleChangesBody = CycleInputSchema.pick({ title: true, region: true, deadline: true, returnAddresses: true, invitedStates: true })
  .partial()
  .extend({ meeting: CycleInputSchema.shape.meeting.unwrap().nullable().optional().describe('null takes the meeting off.') });
apiSchemas.add(CycleChangesBody, {
  id: 'CycleChanges',
  description: "The terms to change (absent ones stay as they are); invitedStates is the whole new list. Once the cycle is open, only a later deadline.",
});

const StateRef = z.object({ iso3: z.string(), stateName: z.string() });
const CycleNoticeFields = {
  cycle: CycleSummarySchema,
  notified: z.array(StateRef.extend({ to: z.array(z.string()) })).describe('The States whose coordinators were mailed, and to which addresses.'),
  unreachable: z.array(StateRef).describe('Invited States with no coordinator (nor an address given when opening): no one there was told.'),
};
const CycleNoticeSchema = z.object(CycleNoticeFields);
apiSchemas.add(CycleNoticeSchema, { id: 'CycleNotice', description: 'The cycle after the change, and whom it was told to.' });

const OpenBody = z.object({
  coordinators: z
    .array(z.object({ stateIso3: z.string().max(20), email: z.string().max(320), name: z.string().max(200).nullish() }))
    .max(300)
    .optional()
    .describe("People to invite as coordinators of invited States that have none yet (an account invitation each, by e-mail)."),
});
apiSchemas.add(OpenBody, { id: 'OpenCycle', description: 'What opening a draft cycle may add: coordinators to invite.' });

const OpenedCycleSchema = z.object({
  ...CycleNoticeFields,
  invited: z.array(StateRef.extend({ email: z.string() })).describe('The people invited as coordinators.'),
});
apiSchemas.add(OpenedCycleSchema, { id: 'OpenedCycle', description: 'The cycle, open, and who heard of it.' });

const RepliesSchema = z.object({
  from: z.string().describe('The first day shown (YYYY-MM-DD).'),
  to: z.string().describe('The last day shown.'),
  deadline: z.string(),
  invited: z.number().int(),
  days: z.array(z.object({ date: z.string(), replies: z.number().int(), total: z.number().int() })).describe('Days on which States first submitted: how many, and how many in all by then.'),
});
apiSchemas.add(RepliesSchema, { id: 'RepliesOverTime', description: 'How many invited States had submitted by each day, against the deadline.' });

export const cycleRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { services } = deps;
  app.get(
    '/api/cycles',
    {
      schema: {
        ...access('signed-in'),
        tags: ['cycles'],
        summary: 'List review cycles',
        description: 'The cycles the signed-in user may see, with progress counts.',
        security: [{ session: [] }],
        response: { 200: z.array(CycleSummarySchema), ...problemResponses(401) },
      },
    },
    async (request) => (await services.cycles.list(request.actor)).map(presentCycleSummary),
  );

  app.post(
    '/api/cycles',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['cycles'],
        summary: 'Open a review cycle',
        description: 'For secretariat administrators.',
        security: [{ session: [] }],
        body: CycleInputSchema,
        response: { 201: CycleSchema, ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      const cycle = await services.cycles.create(request.actor, request.body);
      return reply.code(201).send(presentCycle(cycle));
    },
  );

  app.get(
    '/api/cycles/:id',
    {
      schema: {
        ...access('cycle-reader'),
        tags: ['cycles'],
        summary: 'Get a review cycle',
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: CycleSummarySchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentCycleSummary(await services.cycles.get(request.actor, request.params.id)),
  );

  app.get(
    '/api/cycles/:id/template',
    {
      schema: {
        ...access('cycle-reader'),
        tags: ['cycles', 'templates'],
        summary: "Get a cycle's questionnaire",
        description:
          'The template the cycle asks, as it was when the cycle opened (a newer version of the template changes nothing here), ' +
          "its text filled with the cycle's meeting, deadline, return and copy addresses and regional commission: fixed slots " +
          '(a Template, whose submissions are Responses) or a questionnaire of the item model (a Questionnaire, whose submissions are ItemResponses). ' +
          'For whoever may read the cycle.',
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: z.union([TemplateSchema, QuestionnaireSchema]), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.cycles.template(request.actor, request.params.id),
  );

  app.get(
    '/api/cycles/:id/questionnaire',
    {
      schema: {
        ...access('cycle-reader'),
        tags: ['cycles', 'templates'],
        summary: "Get a cycle's questionnaire in the item model",
        description:
          "The cycle's template (the snapshot taken when it opened, filled with the cycle's terms, as GET /api/cycles/{id}/template gives it) " +
          'as a questionnaire of the item model, its texts plain strings in `language` (its own when absent), with the languages it can be had in. ' +
          'For whoever may read the cycle; a language it has not is a 400 naming those it has.',
        security: [{ session: [] }],
        params: CycleParams,
        querystring: LanguageQuery,
        response: { 200: LocalisedQuestionnaireSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.cycles.questionnaire(request.actor, request.params.id, request.query.language),
  );

  app.get(
    '/api/cycles/:id/submissions',
    {
      schema: {
        ...access('cycle-reader'),
        tags: ['cycles', 'submissions'],
        summary: "List a cycle's submissions",
        description: 'One entry per invited State the signed-in user may see, with its status and latest version.',
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: z.array(SubmissionSummarySchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => (await services.cycles.submissions(request.actor, request.params.id)).map(presentSubmissionSummary),
  );

  app.put(
    '/api/cycles/:id/status',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['cycles'],
        summary: "Change a cycle's status",
        description:
          "Opens a cycle (States see it from then on; opening a draft mails its States' coordinators, as POST /api/cycles/{id}/open does), closes it (drafts can no longer be saved; a State may still submit), " +
          "archives it, or takes it back to draft (the secretariat's alone again). Audited.",
        security: [{ session: [] }],
        params: CycleParams,
        body: CycleStatusBody,
        response: { 200: CycleSummarySchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => presentCycleSummary(await services.cycles.setStatus(request.actor, request.params.id, request.body.status, linkSettings(request, deps))),
  );

  app.patch(
    '/api/cycles/:id',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['cycles'],
        summary: 'Edit a review cycle',
        description:
          'A draft: its title, regional commission, meeting, deadline, return addresses and invited States (a State with saved answers cannot be taken off). ' +
          'Once open, only the deadline, and only later: an extension, audited, of which the coordinators of States that have not handed in are told by mail. ' +
          'Anything else is refused (409) saying why.',
        security: [{ session: [] }],
        params: CycleParams,
        body: CycleChangesBody,
        response: { 200: CycleNoticeSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => {
      const result = await services.cycles.edit(request.actor, request.params.id, request.body, linkSettings(request, deps));
      return { ...result, cycle: presentCycleSummary(result.cycle) };
    },
  );

  app.post(
    '/api/cycles/:id/open',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['cycles'],
        summary: 'Open a draft cycle, inviting its States',
        description:
          "Each invited State's coordinators get a mail with the link to their submission; the people given in `coordinators` " +
          'are invited (an account invitation each) as coordinators of their State. The answer names the States no one could be told in. ' +
          'Audited. A cycle that is not a draft is refused (409).',
        security: [{ session: [] }],
        params: CycleParams,
        body: OpenBody,
        response: { 200: OpenedCycleSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => {
      const result = await services.cycles.open(request.actor, request.params.id, request.body, linkSettings(request, deps));
      return { ...result, cycle: presentCycleSummary(result.cycle) };
    },
  );

  app.get(
    '/api/cycles/:id/replies',
    {
      schema: {
        ...access('secretariat'),
        tags: ['cycles'],
        summary: 'Replies over time',
        description: 'How many invited States had submitted (first submission) by each day, with the deadline: the tracking dashboard’s chart. For the secretariat.',
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: RepliesSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.cycles.replies(request.actor, request.params.id),
  );
};
