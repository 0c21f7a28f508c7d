// A State's submission in a cycle: read it, save a new version, list its versions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { presentSubmission, presentVersion } from '../presenters.ts';
import { problemResponses, SaveDraftBody, SubmissionParams, SubmissionSchema, SubmissionVersionSchema } from '../schemas.ts';

export const submissionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3',
    {
      schema: {
        tags: ['submissions'],
        summary: "Get a State's submission",
        description: "The latest version of the response. A State's coordinator sees only their own State.",
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: SubmissionSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentSubmission(await services.submissions.get(request.actor, request.params.id, request.params.iso3)),
  );

  app.put(
    '/api/cycles/:id/submissions/:iso3',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Save a draft',
        description:
          'Stores the response as a new version. Send `baseVersion`, the version the edit started from: ' +
          'if someone has saved a newer version since, nothing is stored and the answer is 409.',
        security: [{ session: [] }],
        params: SubmissionParams,
        body: SaveDraftBody,
        response: { 200: SubmissionSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { response, baseVersion, note } = request.body;
      const saved = await services.submissions.saveDraft(request.actor, request.params.id, request.params.iso3, response, {
        ...(baseVersion !== undefined ? { baseVersion } : {}),
        ...(note !== undefined ? { note } : {}),
        source: 'edit',
      });
      return presentSubmission(saved);
    },
  );

  app.get(
    '/api/cycles/:id/submissions/:iso3/versions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'List saved versions',
        description: 'Newest first: who saved each version, when, and how (edit, import, demo).',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: z.array(SubmissionVersionSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => (await services.submissions.versions(request.actor, request.params.id, request.params.iso3)).map(presentVersion),
  );
};
