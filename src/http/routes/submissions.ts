// A State's submission in a cycle: read it, save a new version, list its versions.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import type { Submission } from '../../services/types.ts';
import { presentSavedVersion, presentSubmissionSummary, presentTransition, presentVersion } from '../presenters.ts';
import {
  problemResponses,
  AnyResponseSchema,
  SaveDraftBody,
  SavedVersionSchema,
  SubmissionParams,
  SubmissionSchema,
  SubmissionVersionSchema,
  TransitionBody,
  TransitionResultSchema,
  VersionConflictSchema,
  WorkflowHistorySchema,
  saveConflictResponse,
} from '../schemas.ts';
import { access } from '../openapi.ts';

const VersionParams = SubmissionParams.extend({
  version: z.coerce.number().int('must be a whole number').positive('must be 1 or more').describe('The version number, from 1.'),
});


const NotModified = z.null().describe("Not modified: the copy named by If-None-Match is current (no body).");

const VersionResponseSchema = z.object({ version: z.number().int(), response: AnyResponseSchema });

/** The JSON text of each saved response served and a digest of it, kept as long as the services keep the response itself. */
const responseTexts = new WeakMap<object, { text: string; digest: string }>();

/** A short digest of a text, for entity tags (not a secret, nor a defence against forgery). */
function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/**
 * The submission as JSON text, and its entity tag. The response, 21 KB or more, is written (and
 * digested) once per version rather than on every read, and without the schema's second pass: it
 * was read through the Response schema when the services loaded it, and the services hand out that
 * same frozen object for as long as they keep it. The summary around it (status, version, who
 * saved it, what the reader may do) goes through its presenter as usual, and is in the tag too.
 */
function submissionJson(submission: Submission): { body: string; etag: string } {
  let response = responseTexts.get(submission.response);
  if (response === undefined) {
    const text = JSON.stringify(submission.response);
    response = { text, digest: digestOf(text) };
    if (Object.isFrozen(submission.response)) responseTexts.set(submission.response, response);
  }
  const summary = JSON.stringify({ ...presentSubmissionSummary(submission), allowedActions: [...submission.allowedActions] });
  return { body: `${summary.slice(0, -1)},"response":${response.text}}`, etag: `"${digestOf(summary)}${response.digest}"` };
}

/** Whether an If-None-Match header names `etag` (or is `*`); weak tags compare as their strong selves. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export const submissionRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: "Get a State's submission",
        description:
          "The latest version of the response. A State's coordinator sees only their own State. The answer has an `ETag`: " +
          'a client that keeps its copy sends it back in `If-None-Match`, and while the submission (its version, status, ' +
          'what the reader may do) is unchanged the answer is 304, without the response. Whether the reader may read it is ' +
          'checked first, every time.',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: SubmissionSchema, 304: NotModified, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      // Authorization first: a 304 tells only those who may read the submission that their copy is current.
      const submission = await services.submissions.get(request.actor, request.params.id, request.params.iso3);
      const { body, etag } = submissionJson(submission);
      reply.header('etag', etag);
      // No body, nor a length of one: a 304 has none (some clients would wait for it).
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(undefined as never);
      // Text, which Fastify sends as it is: the schema above documents it (see submissionJson).
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.put(
    '/api/cycles/:id/submissions/:iso3',
    {
      schema: {
        ...access('submission-writer'),
        tags: ['submissions'],
        summary: 'Save a draft',
        description:
          'Stores the response as a new version and answers with that version (not the response again). ' +
          '`baseVersion` is required: the version the changes started from (0 before the first save). If someone has saved ' +
          'a newer version since, nothing is stored and the answer is 409, naming who saved which version and when.',
        security: [{ session: [] }],
        params: SubmissionParams,
        body: SaveDraftBody,
        response: {
          200: SavedVersionSchema,
          ...problemResponses(400, 401, 403, 404, 413, 415),
          ...saveConflictResponse,
        },
      },
    },
    async (request) => {
      const { response, baseVersion, note } = request.body;
      const saved = await services.submissions.saveDraft(request.actor, request.params.id, request.params.iso3, response, {
        baseVersion,
        ...(note !== undefined ? { note } : {}),
        source: 'edit',
      });
      return presentSavedVersion(saved);
    },
  );

  app.get(
    '/api/cycles/:id/submissions/:iso3/versions',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: 'List saved versions',
        description: 'Newest first: who saved each version, when, and how (edit, import, demo).',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: z.array(SubmissionVersionSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => (await services.submissions.versions(request.actor, request.params.id, request.params.iso3)).map(presentVersion),
  );

  app.get(
    '/api/cycles/:id/submissions/:iso3/versions/:version',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: 'Get one saved version',
        description: 'The response exactly as it was saved in that version. Whoever may read the submission may read its versions.',
        security: [{ session: [] }],
        params: VersionParams,
        response: { 200: VersionResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id, iso3, version } = request.params;
      const found = await services.submissions.readVersion(request.actor, id, iso3, version);
      return { version: found.version, response: found.response };
    },
  );

  app.post(
    '/api/cycles/:id/submissions/:iso3/transitions',
    {
      schema: {
        ...access('workflow'),
        tags: ['submissions'],
        summary: 'Move a submission through the workflow',
        description:
          'Submit (the State\'s coordinator), withdraw a submission not yet accepted, return it to the State with a `message` saying what to change (mailed to its coordinators; submitting mails an acknowledgement), accept, ' +
          'publish (needs the State\'s consent) or unpublish it (secretariat administrators). `baseVersion` is the version acted on. ' +
          'Audited. A refusal gives the workflow\'s reason: 403 when the user\'s part may never take the action, 409 when the ' +
          'submission or the cycle does not allow it now (or someone saved a newer version). The submission\'s `allowedActions` ' +
          'says beforehand what is allowed.',
        security: [{ session: [] }],
        params: SubmissionParams,
        body: TransitionBody,
        response: {
          200: TransitionResultSchema,
          ...problemResponses(400, 401, 403, 404, 413, 415),
          409: { description: 'Not now: the reason says why (the submission\'s status, the cycle\'s, or a newer version).', content: { 'application/problem+json': { schema: VersionConflictSchema } } },
        },
      },
    },
    async (request) => {
      const { action, baseVersion, message, note } = request.body;
      const moved = await services.submissions.transition(request.actor, request.params.id, request.params.iso3, {
        action,
        baseVersion,
        ...(message !== undefined ? { message } : note !== undefined ? { message: note } : {}),
      });
      return presentTransition(moved);
    },
  );

  app.get(
    '/api/cycles/:id/submissions/:iso3/transitions',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['submissions'],
        summary: "The submission's workflow history",
        description:
          'Every step taken on the submission, oldest first: who submitted, returned (with the message saying what to change), accepted, ' +
          'withdrew, published or unpublished it, when, and at which version (each submitted version is kept: GET its version). ' +
          'Whoever may read the submission may read its history.',
        security: [{ session: [] }],
        params: SubmissionParams,
        response: { 200: WorkflowHistorySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ steps: await services.submissions.history(request.actor, request.params.id, request.params.iso3) }),
  );
};
