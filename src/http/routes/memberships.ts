// Memberships: who holds which role where. List them for a user, a cycle, a State's office or one
// submission; give one; take one back. Who may do which is the policy's (src/services/policy.ts),
// decided against the cycle or submission concerned.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { membershipScopes, roles } from '../../domain/workflow.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, MembershipSchema, problemResponses } from '../schemas.ts';

export const GrantBody = z.object({
  user: z.string().min(1).max(320).describe("The user: their id or e-mail address."),
  role: z.string().max(40).describe(`One of ${roles.join(', ')}.`),
  scope: z.string().max(20).describe(`One of ${membershipScopes.join(', ')}.`),
  stateIso3: z.string().max(20).nullish().describe("For 'state', 'submission' and 'question': the State's ISO3 code, e.g. \"XAA\"."),
  cycleId: z.string().max(100).nullish().describe("For 'cycle', 'submission' and 'question': the cycle's id."),
  questionKey: z.string().max(40).nullish().describe("For 'question': the question's key in the cycle's questionnaire, e.g. \"1a\"."),
});
apiSchemas.add(GrantBody, {
  id: 'NewMembership',
  description: "A role to give a user, and where: no target for the secretariat; `stateIso3` for a State's office; `cycleId` for a cycle; both for a submission; both and `questionKey` for one question.",
});

const MembershipQuery = z.object({
  user: z.string().max(100).optional().describe("A user's id: every membership they hold."),
  cycle: z.string().max(100).optional().describe("A cycle's id: its own members and those of its submissions (with `state`: that State's submission only)."),
  state: z.string().max(20).optional().describe("A State's ISO3 code: its office (with `cycle`: its submission to that cycle, and its office)."),
});

const MembershipParams = z.object({ id: z.string().min(1).max(100) });

export const membershipRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/memberships',
    {
      schema: {
        ...access('membership-reader'),
        tags: ['memberships'],
        summary: 'List memberships',
        description: 'Name a user, a cycle, a State, or a cycle and a State (one submission).',
        security: [{ session: [] }],
        querystring: MembershipQuery,
        response: { 200: z.array(MembershipSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { user, cycle, state } = request.query;
      return services.memberships.list(request.actor, { userId: user, cycleId: cycle, stateIso3: state });
    },
  );

  app.post(
    '/api/memberships',
    {
      schema: {
        ...access('membership-manager'),
        tags: ['memberships'],
        summary: 'Give a user a role somewhere',
        description: 'Audited. 201 with the new membership; 200 with the one they hold when the user has it already.',
        security: [{ session: [] }],
        body: GrantBody,
        response: { 200: MembershipSchema, 201: MembershipSchema, ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      const { membership, created } = await services.memberships.grant(request.actor, request.body as Parameters<typeof services.memberships.grant>[1]);
      return reply.code(created ? 201 : 200).send(membership);
    },
  );

  app.delete(
    '/api/memberships/:id',
    {
      schema: {
        ...access('membership-manager'),
        tags: ['memberships'],
        summary: 'Take a membership back',
        description: 'Audited. Answers the membership taken back. The last secretariat administrator keeps their role (409).',
        security: [{ session: [] }],
        params: MembershipParams,
        response: { 200: MembershipSchema, ...problemResponses(401, 403, 404, 409, 415) },
      },
    },
    async (request) => services.memberships.revoke(request.actor, request.params.id),
  );
};
