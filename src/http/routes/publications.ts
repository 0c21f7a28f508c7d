// Published reports, for anyone (no sign-in): the list of those public now, and each one's frozen
// snapshot. A report that was unpublished, or never published, is not found here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, ItemResponseSchema, problemResponses, QuestionnaireSchema, ResponseSchema } from '../schemas.ts';

const PublishedState = z.object({ iso3: z.string(), name: z.string() });
const PublishedCycle = z.object({
  id: z.string(),
  title: z.string(),
  region: z.string(),
  meeting: z.object({ name: z.string(), place: z.string().optional(), dates: z.string().optional() }).nullable(),
});

const PublicationSummarySchema = z.object({
  id: z.string(),
  state: PublishedState,
  cycle: PublishedCycle,
  version: z.number().int().describe('The submitted version published.'),
  publishedAt: z.string(),
});
apiSchemas.add(PublicationSummarySchema, { id: 'PublicationSummary', description: 'A published report in a list.' });

const PublicationSchema = PublicationSummarySchema.extend({
  publishedBy: z.string().describe('The name of whoever published it.'),
  response: z.union([ResponseSchema, ItemResponseSchema]).describe("The State's answers, as submitted in that version."),
  template: QuestionnaireSchema.describe("The cycle's questionnaire, its terms filled in: the questions the State answered."),
  language: z.string().describe('The language of the questionnaire.'),
});
apiSchemas.add(PublicationSchema, {
  id: 'Publication',
  description: "A published report: a frozen snapshot, taken when it was published, of the State's submitted answers and the questionnaire they answer.",
});

export const publicationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/publications',
    {
      schema: {
        ...access('public'),
        tags: ['publications'],
        summary: 'List the published reports',
        description: 'Every report public now, newest first: whose, which cycle, when. Drafts and unpublished reports never appear. No sign-in needed.',
        response: { 200: z.array(PublicationSummarySchema) },
      },
    },
    async () => services.publications.list(),
  );

  app.get(
    '/api/publications/:id',
    {
      schema: {
        ...access('public'),
        tags: ['publications'],
        summary: 'Read a published report',
        description: 'The frozen snapshot taken when it was published. 404 for a report unpublished since, and for any other id. No sign-in needed.',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: PublicationSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => services.publications.get(request.params.id),
  );
};
