// The States that can be invited, optionally those of one region (?region=escap).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { presentState } from '../presenters.ts';
import { StateSchema } from '../schemas.ts';
import { access } from '../openapi.ts';

export const stateRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/states',
    {
      schema: {
        ...access('public'),
        tags: ['states'],
        summary: 'List States',
        description: 'All States by name; with `region` (e.g. "escap") only the members and associate members of that region.',
        querystring: z.object({ region: z.string().min(1).max(40).optional() }),
        response: { 200: z.array(StateSchema) },
      },
    },
    async (request) => (await services.states.list(request.query.region)).map(presentState),
  );
};
