// The analysis (src/services/analysis.ts): a submission's analysis (objectives per paragraph,
// figures, checks, mentions) for its readers, and the vocabulary per GCM objective the analysis
// matches, which the secretariat reads and its administrators change.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maxTermLength, maxTerms } from '../../domain/analysis/vocabulary.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, problemResponses, SubmissionParams } from '../schemas.ts';

const FigureValueSchema = z.union([z.number(), z.string(), z.object({ from: z.union([z.number(), z.string()]), to: z.union([z.number(), z.string()]) })]);

const AnalysisSchema = z.object({
  paragraphs: z.array(
    z.object({
      number: z.number().int().nullable().describe('The paragraph number as written; null for unnumbered text.'),
      question: z.string().describe('The question it answers, as printed ("1a", "7").'),
      objectives: z.array(
        z.object({
          number: z.number().int(),
          evidence: z.object({
            mentions: z.array(z.string()).describe('Explicit mentions as written ("objectives 1, 11 and 23").'),
            terms: z.array(z.string()).describe('Vocabulary terms that matched; weak ones start with "~".'),
            inQuestion: z.boolean().describe('The question is about this objective (context that lends weak terms weight).'),
          }),
          confidence: z.number(),
        }),
      ),
    }),
  ),
  figures: z.array(
    z.object({
      raw: z.string(),
      value: FigureValueSchema.describe('A number; an ISO date for dates; a range as { from, to }.'),
      unit: z.string().describe('"count", "percent", "percentage points", a currency ("USD"), "year" or "date".'),
      what: z.string().nullable().describe('What it counts, as the text names it.'),
      year: z.number().int().nullable(),
      paragraph: z.number().int().nullable(),
    }),
  ),
  checks: z.array(
    z.object({
      code: z.enum(['stated-count', 'principle-unexplained', 'no-source', 'after-deadline', 'figure-differs', 'priorities']),
      message: z.string(),
      question: z.string().nullable(),
      paragraph: z.number().int().nullable(),
    }),
  ),
  mentions: z.array(
    z.object({
      kind: z.enum(['law', 'policy', 'agreement', 'institution', 'partner', 'practice']),
      text: z.string(),
      countries: z.array(z.string()).describe("An agreement's other countries (ISO 3166 alpha-3)."),
      question: z.string(),
      paragraphs: z.array(z.number().int()),
    }),
  ),
});
apiSchemas.add(AnalysisSchema, { id: 'Analysis', description: 'The analysis of one response: objectives per paragraph with their evidence, figures, checks and mentions.' });

const VocabularySchema = z.object({
  objective: z.number().int(),
  title: z.string(),
  language: z.string(),
  terms: z.array(z.string()).describe('The terms in force: "*" ends a word with any ending, a leading "~" makes a term weak (it counts half).'),
  builtInTerms: z.array(z.string()),
  builtIn: z.boolean().describe('The terms are the built-in ones.'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
apiSchemas.add(VocabularySchema, { id: 'ObjectiveVocabulary', description: "One GCM objective's terms in one language, as the analysis matches them." });

const ObjectiveParams = z.object({ objective: z.coerce.number().int().describe('The GCM objective, 1 to 23.') });
const LanguageQuery = z.object({ language: z.string().min(2).max(8).default('en') });
const VocabularyBody = z.object({
  terms: z
    .array(z.string().max(maxTermLength + 1000))
    .max(maxTerms + 1000)
    .nullable()
    .describe(`The new terms (at most ${maxTerms}, each up to ${maxTermLength} characters); null to go back to the built-in ones.`),
  language: z.string().min(2).max(8).default('en'),
});

export const analysisRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3/analysis',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['analysis'],
        summary: "A submission's analysis",
        description:
          'The current version analysed: the GCM objectives each paragraph speaks to (explicit mentions, or vocabulary terms) with a confidence, the figures reported, the checks that look inconsistent (years after the cycle’s deadline among them) and the laws, policies, agreements, institutions and practices named.',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: AnalysisSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => services.analysis.submission(request.actor, request.params.id, request.params.iso3),
  );

  app.get(
    '/api/analysis/vocabulary/:objective',
    {
      schema: {
        ...access('secretariat'),
        tags: ['analysis'],
        summary: "An objective's vocabulary",
        description: 'The terms the analysis matches for one GCM objective, in a language (`language`, default en), and the built-in ones.',
        security: [{ session: [] }],
        params: ObjectiveParams,
        querystring: LanguageQuery,
        response: { 200: VocabularySchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => services.analysis.vocabulary(request.actor, request.params.objective, request.query.language),
  );

  app.put(
    '/api/analysis/vocabulary/:objective',
    {
      schema: {
        ...access('secretariat-admin'),
        tags: ['analysis'],
        summary: "Change an objective's vocabulary",
        description: 'Replaces the terms of one GCM objective in a language (`terms: null` restores the built-in ones). Audited. The analyses made from then on use them.',
        security: [{ session: [] }],
        params: ObjectiveParams,
        body: VocabularyBody,
        response: { 200: VocabularySchema, ...problemResponses(400, 401, 403, 415) },
      },
    },
    async (request) => services.analysis.setVocabulary(request.actor, request.params.objective, request.body),
  );
};
