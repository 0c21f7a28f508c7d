// A submission's history beyond the list of versions: the differences between two versions
// (per question, words marked) and restoring an older version as a new one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { presentSavedVersion } from '../presenters.ts';
import { problemResponses, saveConflictResponse, SavedVersionSchema, SubmissionParams } from '../schemas.ts';

const versionNumber = (what: string) => z.coerce.number().int('must be a whole number').positive('must be 1 or more').describe(what);

const Tri = z.enum(['yes', 'no', 'unanswered']);
const TextPart = z.object({ kind: z.enum(['same', 'removed', 'added']), text: z.string() });
const Parts = z.array(TextPart).describe('The text in runs: in both versions (`same`), only in the older (`removed`) or only in the newer (`added`).');
const id = z.string().optional();

const DiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  diff: z.object({
    same: z.boolean().describe('True when the two versions do not differ.'),
    answers: z
      .array(
        z.object({
          question: z.string(),
          paragraphs: z.array(
            z.union([
              z.object({ kind: z.enum(['added', 'removed']), id, number: z.number().int().nullable(), text: z.string() }),
              z.object({ kind: z.literal('changed'), id, fromNumber: z.number().int().nullable(), number: z.number().int().nullable(), parts: Parts }),
            ]),
          ),
        }),
      )
      .describe('The questions whose answer changed, each with its paragraphs added, removed or changed (matched by their ids).'),
    principles: z.array(z.object({ principle: z.string(), integrated: z.object({ from: Tri, to: Tri }).optional(), explanation: Parts.optional() })),
    consent: z.object({ from: Tri, to: Tri }).optional(),
    contact: z.array(z.object({ field: z.string(), from: z.string(), to: z.string(), parts: Parts })),
    footnotes: z.array(
      z.union([
        z.object({ kind: z.enum(['added', 'removed']), id, number: z.number().int(), text: z.string() }),
        z.object({
          kind: z.literal('changed'),
          id,
          fromNumber: z.number().int(),
          number: z.number().int(),
          parts: Parts,
          urls: z.object({ from: z.array(z.string()), to: z.array(z.string()) }).optional(),
        }),
      ]),
    ),
  }),
});

export const versionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3/diff',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: 'Compare two versions',
        description:
          'What changed from version `from` to version `to`: per question the paragraphs added, removed and changed (words marked), ' +
          'the principles, the consent, the contact fields and the footnotes. Whoever may read the submission may compare its versions.',
        security: [{ session: [] }],
        params: SubmissionParams,
        querystring: z.object({ from: versionNumber('The older version.'), to: versionNumber('The newer version.') }),
        response: { 200: DiffSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id: cycleId, iso3 } = request.params;
      return services.submissions.diff(request.actor, cycleId, iso3, request.query.from, request.query.to);
    },
  );

  app.post(
    '/api/cycles/:id/submissions/:iso3/versions/:version/restore',
    {
      schema: {
        ...access('submission-writer'),
        tags: ['submissions'],
        summary: 'Restore a version',
        description:
          "Saves that version's content as a new version (source `restore`), with the rules of a save: who may save, and when. " +
          '`baseVersion` is the version the person saw; if someone has saved since, nothing is stored and the answer is 409. Audited.',
        security: [{ session: [] }],
        params: SubmissionParams.extend({ version: versionNumber('The version to restore.') }),
        body: z.object({ baseVersion: z.number().int().nonnegative().describe('The current version as you read it.') }),
        response: { 200: SavedVersionSchema, ...problemResponses(400, 401, 403, 404, 413, 415), ...saveConflictResponse },
      },
    },
    async (request) => {
      const { id: cycleId, iso3, version } = request.params;
      return presentSavedVersion(await services.submissions.restore(request.actor, cycleId, iso3, version, { baseVersion: request.body.baseVersion }));
    },
  );
};
