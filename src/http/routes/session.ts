// Signing in and out. POST answers the same 401 whether the e-mail or the password was wrong,
// and is rate-limited per client address (see app.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { Unauthenticated } from '../../services/errors.ts';
import { presentUser } from '../presenters.ts';
import { problemResponses, SessionSchema, SignInBody, UserSchema } from '../schemas.ts';
import { endSession, startSession } from '../session.ts';

export interface SessionRouteOptions extends RouteDeps {
  /** Attempts allowed per client address in the time window. */
  signInLimit: { max: number; timeWindow: number };
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, { services, signInLimit }) => {
  app.post(
    '/api/session',
    {
      config: { rateLimit: signInLimit },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        description: 'Checks the e-mail and password and sets the signed session cookie (valid 8 hours).',
        body: SignInBody,
        response: { 200: z.object({ user: UserSchema }), ...problemResponses(400, 401, 415, 429) },
      },
    },
    async (request, reply) => {
      const user = await services.users.authenticate(request.body.email, request.body.password);
      if (!user) throw new Unauthenticated('The e-mail address or the password is not right.');
      startSession(reply, user.id);
      return { user: presentUser(user) };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in',
        description: 'The signed-in user, or `null`.',
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'user') return { user: null };
      const user = await services.users.get(actor.userId);
      return { user: user ? presentUser(user) : null };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out',
        description: 'Clears the session cookie. Answers 204 whether or not anyone was signed in.',
        response: { 204: z.undefined() },
      },
    },
    async (_request, reply) => {
      endSession(reply);
      return reply.code(204).send();
    },
  );
};
