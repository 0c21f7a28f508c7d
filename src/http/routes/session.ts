// Signing in and out. POST answers the same 401 whether the e-mail or the password was wrong,
// and is rate-limited per client address: the address Fastify derives with TRUST_PROXY, so a
// client behind a trusted proxy cannot pick a new one for each guess.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { Unauthenticated } from '../../services/errors.ts';
import { presentUser } from '../presenters.ts';
import { problemResponses, SessionSchema, SignInBody, UserSchema } from '../schemas.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session.ts';
import { access } from '../openapi.ts';

export interface SessionRouteOptions extends RouteDeps {
  /** Attempts allowed per client address in the time window. */
  signInLimit: { max: number; timeWindow: number };
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, { services, signInLimit }) => {
  app.post(
    '/api/session',
    {
      config: { rateLimit: { ...signInLimit, keyGenerator: (request) => request.ip } },
      schema: {
        ...access('public'),
        tags: ['session'],
        summary: 'Sign in',
        description:
          'Checks the e-mail and password, opens a session on the server and sets the signed session cookie. The session ends ' +
          '8 hours after sign-in, or sooner when unused for the idle timeout (30 minutes unless the operator set another).',
        body: SignInBody,
        response: { 200: z.object({ user: UserSchema }), ...problemResponses(400, 401, 415, 429) },
      },
    },
    async (request, reply) => {
      const user = await services.users.authenticate(request.body.email, request.body.password);
      if (!user) throw new Unauthenticated('The e-mail address or the password is not right.');
      // Signing in again in the same browser ends the session it had.
      const previous = sessionToken(request);
      if (previous) await services.sessions.end(previous);
      const { token } = await services.sessions.start(user, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, token);
      return { user: presentUser(user) };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        ...access('public'),
        tags: ['session'],
        summary: 'Who is signed in',
        description: 'The signed-in user and what they may do (`abilities`), or `user: null`.',
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'user') return { user: null };
      const user = await services.users.get(actor.userId);
      if (!user) return { user: null };
      return { user: presentUser(user), abilities: await services.access.abilities(actor) };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        ...access('public'),
        tags: ['session'],
        summary: 'Sign out',
        description: 'Ends the session on the server (a copy of its cookie opens nothing afterwards) and clears the cookie. Answers 204 whether or not anyone was signed in.',
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) await services.sessions.end(token);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
};
