// The signed-in user's own account: changing the password (which ends their other sessions), and
// the sessions they have open, with "sign out everywhere".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorUserId } from '../../services/actors.ts';
import { Unauthenticated } from '../../services/errors.ts';
import type { Actor } from '../../services/types.ts';
import type { RouteDeps } from '../deps.ts';
import { EndedSessionsSchema, PasswordChangeBody, problemResponses, SessionInfoSchema } from '../schemas.ts';
import { clearSessionCookie } from '../session.ts';
import { access } from '../openapi.ts';

export interface AccountRouteOptions extends RouteDeps {
  /** Attempts to give the current password allowed per client address in the time window. */
  passwordLimit: { max: number; timeWindow: number };
}

export const accountRoutes: FastifyPluginAsyncZod<AccountRouteOptions> = async (app, { services, passwordLimit }) => {
  app.post(
    '/api/account/password',
    {
      config: { rateLimit: { ...passwordLimit, keyGenerator: (request) => request.ip } },
      schema: {
        ...access('signed-in'),
        tags: ['session'],
        summary: 'Change my password',
        description:
          'Takes the current password and a new one (at least 10 characters). Every other session of the user ends; the ' +
          'one making the change stays signed in. A wrong current password is a 400 naming `currentPassword`.',
        security: [{ session: [] }],
        body: PasswordChangeBody,
        response: { 200: EndedSessionsSchema, ...problemResponses(400, 401, 403, 415, 429) },
      },
    },
    async (request) => services.users.changePassword(request.actor, request.body, { keepSessionId: request.sessionId }),
  );

  app.get(
    '/api/sessions',
    {
      schema: {
        ...access('signed-in'),
        tags: ['session'],
        summary: 'My open sessions',
        description: 'The browsers where the signed-in user is signed in, most recently used first.',
        security: [{ session: [] }],
        response: { 200: z.array(SessionInfoSchema), ...problemResponses(401) },
      },
    },
    async (request) => services.sessions.list(request.actor, signedInUserId(request.actor), request.sessionId),
  );

  app.delete(
    '/api/sessions',
    {
      schema: {
        ...access('signed-in'),
        tags: ['session'],
        summary: 'Sign out everywhere',
        description: "Ends every session of the signed-in user, this one included, and clears this browser's cookie.",
        security: [{ session: [] }],
        response: { 200: EndedSessionsSchema, ...problemResponses(401, 415) },
      },
    },
    async (request, reply) => {
      const endedSessions = await services.sessions.revoke(request.actor, signedInUserId(request.actor));
      clearSessionCookie(reply);
      return { endedSessions };
    },
  );
};

/** The id of the signed-in user these routes are about; 401 for anyone else. */
function signedInUserId(actor: Actor): string {
  const userId = actorUserId(actor);
  if (!userId) throw new Unauthenticated();
  return userId;
}
