// The outbox: every e-mail message the application sent or would have sent (without SMTP_URL it is
// where mail goes), newest first, for secretariat administrators; and trying failed ones again.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mailKinds, outboxStatuses } from '../../domain/mail.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, problemResponses } from '../schemas.ts';

const OutboxEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(mailKinds),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  text: z.string().describe('The plain-text part.'),
  html: z.string().describe('The HTML part.'),
  language: z.string().describe('The language the message is written in.'),
  related: z.object({ type: z.string(), id: z.string() }).nullable().describe('The record the message is about.'),
  status: z.enum(outboxStatuses).describe('queued: stored, not sent (no SMTP server configured); sent; failed (see `error`).'),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
apiSchemas.add(OutboxEntrySchema, { id: 'OutboxEntry', description: 'An e-mail message as the outbox records it.' });

const OutboxPageSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  delivery: z.enum(['smtp', 'outbox']).describe('smtp: messages are sent through SMTP_URL; outbox: they stay here.'),
  messages: z.array(OutboxEntrySchema),
});

const OutboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const outboxRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/outbox',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['mail'],
        summary: 'List the outbox',
        description: 'Every e-mail message, newest first, a page at a time (`limit`, `offset`). For secretariat administrators.',
        security: [{ session: [] }],
        querystring: OutboxQuery,
        response: { 200: OutboxPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => services.mail.list(request.actor, request.query),
  );

  app.get(
    '/api/outbox/:id',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['mail'],
        summary: 'Read one message of the outbox',
        security: [{ session: [] }],
        params: z.object({ id: z.uuid() }),
        response: { 200: OutboxEntrySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.mail.get(request.actor, request.params.id),
  );

  app.post(
    '/api/outbox/retry',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['mail'],
        summary: 'Try the failed messages again',
        description: 'Through SMTP_URL, each failed message tried fewer than 5 times; nothing without an SMTP server. The body is an empty JSON object.',
        security: [{ session: [] }],
        body: z.object({}),
        response: { 200: z.object({ tried: z.number().int(), sent: z.number().int(), failed: z.number().int() }), ...problemResponses(401, 403, 415) },
      },
    },
    async (request) => services.mail.retryFailed(request.actor),
  );
};
