// A submission's queries thread between the State and the secretariat (src/services/messages.ts):
// read it, and write in it; each message is mailed to the other side.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maxWorkflowMessageLength } from '../../domain/workflow.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, problemResponses, SubmissionParams } from '../schemas.ts';

const MessageSchema = z.object({
  id: z.string(),
  side: z.enum(['state', 'secretariat']).describe('Which side wrote it.'),
  author: z.object({ name: z.string() }),
  body: z.string(),
  createdAt: z.string(),
  mine: z.boolean().describe('Written by the reader.'),
});
apiSchemas.add(MessageSchema, { id: 'QueryMessage', description: "A message in a submission's queries thread." });

const ThreadSchema = z.object({
  cycleId: z.string(),
  state: z.object({ iso3: z.string(), name: z.string() }),
  messages: z.array(MessageSchema).describe('Oldest first.'),
  canWrite: z.boolean().describe('The reader may write in the thread.'),
});

const PostBody = z.object({ body: z.string().max(maxWorkflowMessageLength + 1000).describe(`The message, at most ${maxWorkflowMessageLength.toLocaleString('en')} characters.`) });

export const messageRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services, config }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3/messages',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: "A submission's queries thread",
        description: 'Messages between the State and the secretariat, oldest first.',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: ThreadSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.messages.list(request.actor, request.params.id, request.params.iso3),
  );

  app.post(
    '/api/cycles/:id/submissions/:iso3/messages',
    {
      schema: {
        ...access('query-writer'),
        tags: ['submissions'],
        summary: 'Write in the queries thread',
        description:
          "Adds a message and mails it to the other side: a State's message to the cycle's return addresses and the secretariat's administrators, the secretariat's to the State's coordinators and whoever wrote for the State in the thread. Audited. 201 with the message and whom it was mailed to.",
        security: [{ session: [] }],
        params: SubmissionParams,
        body: PostBody,
        response: { 201: MessageSchema.extend({ mailedTo: z.array(z.string()) }), ...problemResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      // Links in mail point to PUBLIC_URL, or to the address this request came to.
      const linkBase = config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send(await services.messages.post(request.actor, request.params.id, request.params.iso3, request.body, { linkBase }));
    },
  );
};
