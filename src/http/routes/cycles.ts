// Review cycles: a secretariat opens one from a template, with a deadline and the invited States.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { presentCycle, presentCycleSummary, presentSubmissionSummary } from '../presenters.ts';
import {
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
} from '../schemas.ts';
import { access } from '../openapi.ts';

export const cycleRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
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
          "its text filled with the cycle's meeting, deadline, return and copy addresses and regional commission. " +
          'For whoever may read the cycle.',
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: TemplateSchema, ...problemResponses(401, 403, 404) },
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
          'Opens a cycle (States see it from then on), closes it (drafts can no longer be saved; a State may still submit), ' +
          "archives it, or takes it back to draft (the secretariat's alone again). Audited.",
        security: [{ session: [] }],
        params: CycleParams,
        body: CycleStatusBody,
        response: { 200: CycleSummarySchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => presentCycleSummary(await services.cycles.setStatus(request.actor, request.params.id, request.body.status)),
  );
};
