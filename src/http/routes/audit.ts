// The audit log, for the secretariat: every recorded change (who, when, what), filtered by subject,
// actor, action and dates, a page at a time as JSON, or all of it as CSV.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maxCsvEvents } from '../../services/audit.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { AuditEventSchema, problemResponses } from '../schemas.ts';


const AuditPageSchema = z.object({
  total: z.number().int().describe('How many events the filters select.'),
  limit: z.number().int(),
  offset: z.number().int(),
  events: z.array(AuditEventSchema),
});

const filters = {
  subject: z.string().max(500).optional().describe('A subject, exactly; ending in "*", every subject starting so: "submission:<cycle>/*" selects every State\'s submission to that cycle.'),
  actor: z.string().max(500).optional().describe('Part of who acted (an e-mail address, "system"), in any case.'),
  action: z.string().max(500).optional().describe('An action ("submission.publish"), or every action of a kind ("submission", "cycle", "membership", "publication").'),
  from: z.string().max(40).optional().describe('From this day (YYYY-MM-DD, UTC) or moment (ISO 8601) on.'),
  to: z.string().max(40).optional().describe('Up to this day (included) or moment.'),
};
const AuditQuery = z.object({
  ...filters,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const AuditCsvQuery = z.object(filters);

const secretariatOnly = "For the secretariat (administrators and analysts); a State's users get 403.";

export const auditRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        ...access('secretariat'),
        tags: ['audit'],
        summary: 'Read the audit log',
        description: `Every recorded change (cycles, submissions, memberships, publications, accounts), newest first, a page at a time (\`limit\`, \`offset\`); the filters narrow it together. ${secretariatOnly}`,
        security: [{ session: [] }],
        querystring: AuditQuery,
        response: { 200: AuditPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => services.audit.page(request.actor, request.query),
  );

  app.get(
    '/api/audit.csv',
    {
      schema: {
        ...access('secretariat'),
        tags: ['audit'],
        summary: 'Download the audit log as CSV',
        description: `The events the filters select (at most ${maxCsvEvents.toLocaleString('en')}, newest first): time, actor, action, subject, details (JSON). UTF-8 with a byte-order mark; text cells starting with = + - @ are prefixed with an apostrophe. ${secretariatOnly}`,
        security: [{ session: [] }],
        querystring: AuditCsvQuery,
        response: { 200: { description: 'The log, as an attachment.', content: { 'text/csv': { schema: z.file() } } }, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const csv = await services.audit.csv(request.actor, request.query);
      // The schema documents a file; the body is the CSV text.
      const file: FastifyReply = reply;
      return file.header('content-disposition', 'attachment; filename="audit-log.csv"').type('text/csv; charset=utf-8').send(csv);
    },
  );
};
