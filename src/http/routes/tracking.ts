// The secretariat's tracking table of a cycle (JSON, CSV, XLSX) and "remind now".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cycleStatuses, submissionStatuses } from '../../domain/workflow.ts';
import { trackingCsv } from '../../domain/tracking.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, CycleParams, problemResponses } from '../schemas.ts';

const Status = z.enum(submissionStatuses);
const StateRef = z.object({ iso3: z.string(), stateName: z.string() });

const TrackingRowSchema = z.object({
  iso3: z.string(),
  stateName: z.string(),
  coordinators: z.array(z.object({ name: z.string(), email: z.string() })),
  status: Status,
  version: z.number().int(),
  lastActivity: z.object({ at: z.string(), by: z.string() }).nullable().describe('The latest version: when, and who saved it.'),
  completeness: z.object({
    questionsAnswered: z.number().int(),
    questionsTotal: z.number().int(),
    principlesAnswered: z.number().int(),
    principlesTotal: z.number().int(),
    words: z.number().int(),
    wordGuidance: z.number().int().describe("The template's suggested lengths, added up over its questions."),
  }),
  consent: z.enum(['yes', 'no', 'unanswered']),
  daysToDeadline: z.number().int().nullable().describe('Negative past the deadline; null once the State has handed in.'),
});
apiSchemas.add(TrackingRowSchema, { id: 'TrackingRow', description: "One invited State's progress in a cycle." });

const TrackingSchema = z.object({
  cycle: z.object({ id: z.string(), title: z.string(), deadline: z.string(), status: z.enum(cycleStatuses) }),
  today: z.string(),
  rows: z.array(TrackingRowSchema),
  counts: z.record(z.string(), z.number().int()).describe('Invited States per submission status.'),
});

const RemindBody = z.object({
  states: z.array(z.string()).optional().describe('The ISO3 codes of the States to remind; all those that have not handed in when absent.'),
});

const RemindResultSchema = z.object({
  reminded: z.array(StateRef.extend({ to: z.array(z.string()) })),
  noCoordinator: z.array(StateRef).describe('States with no coordinator to write to.'),
  skipped: z.array(StateRef.extend({ status: Status })).describe('States that have already handed in: not reminded.'),
});

const fileOf = (mediaType: string) => ({ description: 'The table, as an attachment.', content: { [mediaType]: { schema: z.file() } } });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const secretariatOnly = 'For the secretariat: a State’s users see their own progress on the cycle page, never the table.';

function sendFile(reply: FastifyReply, name: string, mediaType: string, body: string | Buffer): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${name}"`).type(mediaType).send(body);
}

/** Where the links in reminders point: this server, as the request reached it. */
function linkBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export const trackingRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/tracking',
    {
      schema: {
        ...access('secretariat'),
        tags: ['cycles'],
        summary: "A cycle's tracking table",
        description: `One row per invited State: coordinators, status, last activity, completeness, consent, days to the deadline; counts by status. ${secretariatOnly}`,
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: TrackingSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.tracking.table(request.actor, request.params.id),
  );

  app.get(
    '/api/cycles/:id/tracking.csv',
    {
      schema: {
        ...access('secretariat'),
        tags: ['cycles'],
        summary: "A cycle's tracking table as CSV",
        description: `UTF-8 with a byte-order mark; text cells starting with = + - @ are prefixed with an apostrophe. ${secretariatOnly}`,
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: fileOf('text/csv'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const table = await services.tracking.table(request.actor, request.params.id);
      return sendFile(reply, `tracking-${table.cycle.id}.csv`, 'text/csv; charset=utf-8', trackingCsv(table.rows));
    },
  );

  app.get(
    '/api/cycles/:id/tracking.xlsx',
    {
      schema: {
        ...access('secretariat'),
        tags: ['cycles'],
        summary: "A cycle's tracking table as XLSX",
        description: `A workbook with a frozen header row; the last activity as a date. ${secretariatOnly}`,
        security: [{ session: [] }],
        params: CycleParams,
        response: { 200: fileOf(xlsxType), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const table = await services.tracking.table(request.actor, request.params.id);
      // Loaded when first asked for: the spreadsheet library is a large part of an idle server's memory.
      const { trackingXlsx } = await import('../../export/tracking-xlsx.ts');
      return sendFile(reply, `tracking-${table.cycle.id}.xlsx`, xlsxType, await trackingXlsx(table.cycle.title, table.rows));
    },
  );

  app.post(
    '/api/cycles/:id/reminders',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['cycles', 'mail'],
        summary: 'Remind States now',
        description:
          "One reminder (the cycle's deadline and a link to the State's answers) to each coordinator of each State named, or of every State that has not handed in; " +
          'States that have handed in are skipped; a cycle in draft is refused (409). Each message is in the outbox; the reminder is audited (cycle.remind).',
        security: [{ session: [] }],
        params: CycleParams,
        body: RemindBody,
        response: { 200: RemindResultSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => services.tracking.remind(request.actor, request.params.id, { states: request.body.states, linkBase: linkBase(request) }),
  );
};
