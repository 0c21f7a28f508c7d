// Accounts by invitation and password resets (src/services/invitations.ts). Inviting and
// withdrawing an invitation are for whoever may give the membership it carries; opening a link,
// accepting it, asking for a reset and using a reset link are public, rate-limited like signing in.
// Accepting and resetting sign the person in (a new session cookie).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { membershipScopes, roles } from '../../domain/workflow.ts';
import type { LinkSettings } from '../../services/invitations.ts';
import type { Services, User } from '../../services/types.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { presentUser } from '../presenters.ts';
import { apiSchemas, problemResponses, UserSchema } from '../schemas.ts';
import { sessionToken, setSessionCookie } from '../session.ts';

export interface InvitationRouteOptions extends RouteDeps {
  /** Attempts allowed per client address in the time window (the sign-in limit). */
  linkLimit: { max: number; timeWindow: number };
}

const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  organisation: z.string().nullable().describe('Their ministry or organisation.'),
  role: z.enum(roles),
  scope: z.enum(membershipScopes),
  stateIso3: z.string().nullable(),
  cycleId: z.string().nullable(),
  questionKey: z.string().nullable(),
  invitedBy: z.string().nullable().describe("The inviter's name."),
  expiresAt: z.string(),
  createdAt: z.string(),
});
apiSchemas.add(InvitationSchema, { id: 'Invitation', description: 'An invitation not yet accepted: whom, and the membership it gives.' });

const InvitationBody = z.object({
  email: z.string().max(320),
  name: z.string().max(200),
  organisation: z.string().max(200).nullish(),
  role: z.string().max(40).describe(`One of ${roles.join(', ')}.`),
  scope: z.string().max(20).describe(`One of ${membershipScopes.join(', ')}: where the role applies, as for a membership.`),
  stateIso3: z.string().max(20).nullish(),
  cycleId: z.string().max(100).nullish(),
  questionKey: z.string().max(40).nullish(),
  language: z.enum(['en', 'fr']).nullish().describe('The language of the message.'),
});
apiSchemas.add(InvitationBody, { id: 'NewInvitation', description: 'Whom to invite (name, ministry or organisation, e-mail) and the membership to give them.' });

const TokenParams = z.object({ token: z.string().min(1).max(100) });
const PasswordBody = z.object({ password: z.string().max(1024).describe('At least 10 characters.'), name: z.string().max(200).optional() });
const SignedIn = z.object({ user: UserSchema });

/** Links in mail point to PUBLIC_URL, or to the address this request came to. */
export function linkSettings(request: FastifyRequest, deps: RouteDeps): LinkSettings {
  return { baseUrl: deps.config.publicUrl ?? `${request.protocol}://${request.host}`, invitationDays: deps.config.invitationDays ?? 7 };
}

async function signIn(services: Services, request: FastifyRequest, reply: FastifyReply, user: User) {
  const previous = sessionToken(request);
  if (previous) await services.sessions.end(previous);
  const { token } = await services.sessions.start(user, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  setSessionCookie(reply, token);
  return { user: presentUser(user) };
}

export const invitationRoutes: FastifyPluginAsyncZod<InvitationRouteOptions> = async (app, deps) => {
  const { services, linkLimit } = deps;
  const limited = { rateLimit: { ...linkLimit, keyGenerator: (request: FastifyRequest) => request.ip } };

  app.post(
    '/api/invitations',
    {
      schema: {
        ...access('membership-manager'),
        tags: ['invitations'],
        summary: 'Invite someone',
        description:
          'E-mails the person a personal link (valid INVITATION_DAYS days, 7 by default; it works once) to set their password; accepting it gives the membership. ' +
          "Whoever may give the membership may invite: the secretariat a State's coordinator (scope `state`), a coordinator contributors to their State's submission or one question. Audited.",
        security: [{ session: [] }],
        body: InvitationBody,
        response: { 201: InvitationSchema, ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.invitations.invite(request.actor, request.body, linkSettings(request, deps))),
  );

  app.get(
    '/api/invitations',
    {
      schema: {
        ...access('signed-in'),
        tags: ['invitations'],
        summary: 'Pending invitations',
        description: 'The invitations not yet accepted, withdrawn or expired that the signed-in user may withdraw, newest first; `cycle` and `state` narrow them.',
        security: [{ session: [] }],
        querystring: z.object({ cycle: z.string().max(100).optional(), state: z.string().max(20).optional() }),
        response: { 200: z.array(InvitationSchema), ...problemResponses(401) },
      },
    },
    async (request) => services.invitations.list(request.actor, { cycleId: request.query.cycle, stateIso3: request.query.state }),
  );

  app.delete(
    '/api/invitations/:id',
    {
      schema: {
        ...access('membership-manager'),
        tags: ['invitations'],
        summary: 'Withdraw an invitation',
        description: 'Its link stops working. Audited.',
        security: [{ session: [] }],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: InvitationSchema, ...problemResponses(401, 403, 404, 415) },
      },
    },
    async (request) => services.invitations.revoke(request.actor, request.params.id),
  );

  app.get(
    '/api/users',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['invitations'],
        summary: 'Every user, with their memberships',
        description: 'By name. For secretariat administrators.',
        security: [{ session: [] }],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              email: z.string(),
              name: z.string(),
              createdAt: z.string(),
              memberships: z.array(
                z.object({ role: z.enum(roles), scope: z.enum(membershipScopes), stateIso3: z.string().optional(), cycleId: z.string().optional(), questionKey: z.string().optional() }),
              ),
            }),
          ),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => services.invitations.accounts(request.actor),
  );

  app.get(
    '/api/invitation-links/:token',
    {
      schema: {
        ...access('public'),
        tags: ['invitations'],
        summary: 'Open an invitation link',
        description: 'Whom the invitation is for and what it gives, and whether the address has an account already (then its password accepts it). 404 when the link is unknown, used, withdrawn or expired.',
        params: TokenParams,
        response: { 200: InvitationSchema.extend({ existingAccount: z.boolean() }), ...problemResponses(404) },
      },
    },
    async (request) => services.invitations.preview(request.params.token),
  );

  app.post(
    '/api/invitation-links/:token',
    {
      config: limited,
      schema: {
        ...access('public'),
        tags: ['invitations'],
        summary: 'Accept an invitation',
        description:
          'Sets the password (at least 10 characters) of the new account, or takes the password of the account the address has already; gives the membership, spends the link and signs the person in. ' +
          '404 when the link is unknown, used, withdrawn or expired.',
        params: TokenParams,
        body: PasswordBody,
        response: { 200: SignedIn, ...problemResponses(400, 404, 415, 429) },
      },
    },
    async (request, reply) => signIn(services, request, reply, await services.invitations.accept(request.params.token, request.body)),
  );

  app.post(
    '/api/password-reset',
    {
      config: limited,
      schema: {
        ...access('public'),
        tags: ['session'],
        summary: 'Ask for a password reset link',
        description: 'E-mails a link (valid one hour, once) when the address has an account. The answer is the same 202 either way, so it tells no one whether an address has an account.',
        body: z.object({ email: z.string().max(320), language: z.enum(['en', 'fr']).nullish() }),
        response: { 202: z.object({ sent: z.literal(true) }), ...problemResponses(400, 415, 429) },
      },
    },
    async (request, reply) => {
      await services.invitations.requestPasswordReset(request.body.email, linkSettings(request, deps), request.body.language);
      return reply.code(202).send({ sent: true as const });
    },
  );

  app.post(
    '/api/password-reset/:token',
    {
      config: limited,
      schema: {
        ...access('public'),
        tags: ['session'],
        summary: 'Set a new password with a reset link',
        description: "Sets the password (at least 10 characters), spends the link, ends every session of the user and signs them in here. 404 when the link is unknown, used or expired.",
        params: TokenParams,
        body: z.object({ password: z.string().max(1024).describe('At least 10 characters.') }),
        response: { 200: SignedIn, ...problemResponses(400, 404, 415, 429) },
      },
    },
    async (request, reply) => signIn(services, request, reply, await services.invitations.resetPassword(request.params.token, request.body)),
  );
};
