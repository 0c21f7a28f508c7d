// A user's sessions, for secretariat administrators (and the user themself): list them, end them
// all (a lost laptop, a departure), or end one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { EndedSessionsSchema, problemResponses, SessionInfoSchema, UserParams, UserSessionParams } from '../schemas.ts';
import { access } from '../openapi.ts';

export const userSessionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/users/:id/sessions',
    {
      schema: {
        ...access('self-or-admin'),
        tags: ['users'],
        summary: "List a user's open sessions",
        description: 'For secretariat administrators, and for the user themself.',
        security: [{ session: [] }],
        params: UserParams,
        response: { 200: z.array(SessionInfoSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.sessions.list(request.actor, request.params.id, request.sessionId),
  );

  app.delete(
    '/api/users/:id/sessions',
    {
      schema: {
        ...access('self-or-admin'),
        tags: ['users'],
        summary: "End all of a user's sessions",
        description: 'For secretariat administrators, and for the user themself. The user must sign in again everywhere.',
        security: [{ session: [] }],
        params: UserParams,
        response: { 200: EndedSessionsSchema, ...problemResponses(401, 403, 404, 415) },
      },
    },
    async (request) => ({ endedSessions: await services.sessions.revoke(request.actor, request.params.id) }),
  );

  app.delete(
    '/api/users/:id/sessions/:sessionId',
    {
      schema: {
        ...access('self-or-admin'),
        tags: ['users'],
        summary: 'End one session of a user',
        description: 'For secretariat administrators, and for the user themself. `sessionId` is the `id` the list gives.',
        security: [{ session: [] }],
        params: UserSessionParams,
        response: { 200: EndedSessionsSchema, ...problemResponses(401, 403, 404, 415) },
      },
    },
    async (request) => ({ endedSessions: await services.sessions.revoke(request.actor, request.params.id, { sessionId: request.params.sessionId }) }),
  );
};
