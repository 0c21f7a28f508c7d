// Importing a questionnaire filled in offline (Word, PDF or text): upload the file, get back the
// response read from it and the import report (what was left over, warnings, accounting).
// Nothing is stored then: the web app shows the result, and accepting it (corrected or not) stores
// it as a new draft version, marked as an import of that file by the person who accepted it.
//
// Reading and mapping run in the import pool's worker threads, never on the event loop, within
// the import limits (src/ingest/limits.ts: time, memory, XML, text, lines, footnotes, pages). Each
// user may start a few imports a minute and have a few in progress at once (429 beyond); when the
// pool's queue is full every upload is answered 503 with Retry-After.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Response } from '../../domain/response.ts';
import { ItemResponse } from '../../domain/questionnaire/response.ts';
import { ImportError } from '../../ingest/index.ts';
import { ImportPool, ImportPoolBusy, type ImportPoolOptions } from '../../ingest/pool.ts';
import { AppError, InvalidInput, Unauthenticated } from '../../services/errors.ts';
import type { Actor } from '../../services/types.ts';
import type { RouteDeps } from '../deps.ts';
import { presentSavedVersion } from '../presenters.ts';
import { AcceptImportBody, apiSchemas, problemResponses, saveConflictResponse, SavedVersionSchema, SubmissionParams } from '../schemas.ts';
import { access } from '../openapi.ts';

export interface ImportRouteOptions {
  /** The worker pool: threads, queue, limits (time, memory, parsed size). */
  pool?: ImportPoolOptions;
  /** Imports one user may start in a minute (default 20). */
  perMinute?: number;
  /** Imports one user may have in progress at once (default 2). */
  atOnce?: number;
}

const ImportWarningSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  line: z.number().int().optional(),
  question: z.string().optional(),
  paragraph: z.number().int().optional(),
  footnote: z.number().int().optional(),
  field: z.string().optional(),
  principle: z.string().optional(),
});

export const ImportResultSchema = Response.extend({
  import: z.object({
    language: z.string().optional().describe("The language the form's text was recognised in, e.g. \"fr\": one of the template's (apac-2020: en, fr, ru)."),
    unplaced: z.array(z.object({ line: z.number().int(), text: z.string() })),
    warnings: z.array(ImportWarningSchema),
    accounting: z.object({
      charsIn: z.number().int(),
      charsPlaced: z.number().int(),
      charsTemplate: z.number().int(),
      charsUnplaced: z.number().int(),
      charsFurniture: z.number().int().optional().describe("Of charsTemplate, the page's or the message's furniture (an e-mail's headers, greeting and signature; running heads): listed in `furniture`."),
    }),
    furniture: z
      .array(z.object({ line: z.number().int(), text: z.string(), what: z.string() }))
      .optional()
      .describe('Text left out as furniture, with what it was taken for (absent when there was none).'),
  }),
  /** The lines as read, so that the web app can show them beside the result (line N is lines[N - 1]). */
  source: z.object({ fileName: z.string(), format: z.enum(['txt', 'docx', 'pdf']), lines: z.array(z.string()) }).optional(),
});
apiSchemas.add(ImportResultSchema, { id: 'ImportResult', description: 'A response read from an uploaded questionnaire, with the import report.' });

/** The same for a questionnaire of the item model: the answers by item key, each warning naming its item. */
export const ItemImportResultSchema = ItemResponse.extend({
  import: ImportResultSchema.shape.import.extend({
    warnings: z.array(
      ImportWarningSchema.omit({ question: true, paragraph: true, principle: true }).extend({
        item: z.string().optional(),
        row: z.string().optional(),
        option: z.string().optional(),
        column: z.string().optional(),
        paragraphIndex: z.number().int().optional(),
      }),
    ),
  }),
  source: ImportResultSchema.shape.source,
});
apiSchemas.add(ItemImportResultSchema, { id: 'ItemImportResult', description: 'An item response read from an uploaded questionnaire of the item model, with the import report.' });

/** How an unreadable file is answered: the reader's code decides the status. */
const statusOf: Record<string, number> = { 'unsupported-type': 415, 'too-large': 413 };

/** Who the per-user limits count: the signed-in user, or the address of someone not signed in (answered 401). */
function importer(actor: Actor, ip: string): string {
  return actor?.kind === 'user' ? `user:${actor.userId}` : `address:${ip}`;
}

export const importRoutes: FastifyPluginAsyncZod<RouteDeps & { imports?: ImportRouteOptions }> = async (app, { services, config, imports = {} }) => {
  const pool = new ImportPool(imports.pool);
  app.addHook('onClose', () => pool.close());
  const perMinute = imports.perMinute ?? 20;
  const atOnce = imports.atOnce ?? 2;
  /** Imports in progress, per user. */
  const inProgress = new Map<string, number>();

  app.post(
    '/api/imports',
    {
      config: {
        rateLimit: {
          max: perMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => importer(request.actor, request.ip),
          errorResponseBuilder: (_request, context) =>
            new AppError(429, 'too-many-imports', `You have started ${context.max} imports in the last minute, the most allowed; try again in ${context.after}.`, [], {
              limit: 'imports-per-minute',
              max: context.max,
            }),
        },
      },
      schema: {
        ...access('signed-in'),
        tags: ['imports'],
        summary: 'Read an uploaded questionnaire',
        description:
          'Send multipart/form-data with a `file` (.docx, .pdf or .txt) and optionally `cycleId` (the file is read as the ' +
          "cycle's questionnaire, the template as the cycle opened it) or else `templateId` (default apac-2020). " +
          'The answer is the response read from the file, and `import`: the text that belongs to no question, warnings ' +
          '(each with its line), and how many characters were placed, recognised as form text, or left over. Nothing is stored.',
        security: [{ session: [] }],
        consumes: ['multipart/form-data'],
        response: { 200: z.union([ImportResultSchema, ItemImportResultSchema]), ...problemResponses(400, 401, 403, 404, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      if (!request.actor) throw new Unauthenticated('Please sign in to import a questionnaire.');
      const who = importer(request.actor, request.ip);
      const mine = inProgress.get(who) ?? 0;
      if (mine >= atOnce) {
        throw new AppError(429, 'too-many-imports', `You already have ${mine} imports in progress, the most allowed at once; wait for one to finish.`, [], {
          limit: 'imports-at-once',
          max: atOnce,
        });
      }
      // Refused before the upload is received, when it could only wait.
      if (pool.full) throw busy(reply, pool.busy());
      inProgress.set(who, mine + 1);
      // A client that goes away cancels its import: it leaves the queue, or its worker is ended.
      const cancel = new AbortController();
      reply.raw.on('close', () => cancel.abort(new Error('The client closed the connection.')));
      try {
        let templateId = 'apac-2020';
        let cycleId: string | undefined;
        let file: { name: string; type: string; bytes: Uint8Array } | undefined;
        const sizeHint = Number(request.headers['content-length']) || 0;
        for await (const part of request.parts({ limits: { fileSize: config.maxUploadBytes, files: 1 } })) {
          if (part.type === 'file') file = await receive(part, Math.min(sizeHint, config.maxUploadBytes), () => new app.multipartErrors.RequestFileTooLargeError());
          else if (part.fieldname === 'templateId' && typeof part.value === 'string' && part.value.trim()) templateId = part.value.trim();
          else if (part.fieldname === 'cycleId' && typeof part.value === 'string' && part.value.trim()) cycleId = part.value.trim();
        }
        if (!file) throw new InvalidInput('Send the questionnaire as a file in the form field "file"', [{ path: 'file', message: 'is required' }]);
        const template = cycleId ? await services.cycles.template(request.actor, cycleId) : await services.templates.get(templateId);
        if (!template) throw new InvalidInput(`There is no template "${templateId}"`, [{ path: 'templateId', message: 'is not a known template' }]);
        const upload = { bytes: file.bytes, transfer: true, fileName: file.name, mediaType: file.type, withSource: true, signal: cancel.signal };
        // A cycle whose form is a questionnaire of the item model reads the file into an item response.
        const { result, source } = 'items' in template ? await pool.run({ ...upload, template }) : await pool.run({ ...upload, template });
        return { ...result, source: { fileName: file.name, format: source!.format, lines: source!.lines } };
      } catch (err) {
        if (err instanceof ImportError) throw new AppError(statusOf[err.code] ?? 422, err.code, err.message, [], err.details);
        if (err instanceof ImportPoolBusy) throw busy(reply, err);
        throw err;
      } finally {
        const left = (inProgress.get(who) ?? 1) - 1;
        if (left > 0) inProgress.set(who, left);
        else inProgress.delete(who);
      }
    },
  );

  app.post(
    '/api/cycles/:id/submissions/:iso3/imports',
    {
      schema: {
        ...access('submission-writer'),
        tags: ['imports', 'submissions'],
        summary: 'Accept an import into a draft',
        description:
          'Stores a response read by POST /api/imports (as read, or corrected) as a new draft version of the State\'s submission, ' +
          'checked as any save is, with source "import", the file name as its note and the signed-in user as who saved it. ' +
          '`baseVersion` is required, as for PUT of the submission (409 when someone saved a newer version since).',
        security: [{ session: [] }],
        params: SubmissionParams,
        body: AcceptImportBody,
        response: {
          200: SavedVersionSchema,
          ...problemResponses(400, 401, 403, 404, 413, 415),
          ...saveConflictResponse,
        },
      },
    },
    async (request) => {
      const { response, baseVersion, fileName, note } = request.body;
      const saved = await services.submissions.acceptImport(request.actor, request.params.id, request.params.iso3, response, {
        baseVersion,
        fileName,
        ...(note !== undefined ? { note } : {}),
      });
      return presentSavedVersion(saved);
    },
  );
};

/** 503 with Retry-After: every worker is busy and the queue is full. */
function busy(reply: { header(name: string, value: string): unknown }, err: ImportPoolBusy): AppError {
  reply.header('retry-after', String(err.retryAfterSeconds));
  return new AppError(503, 'import-queue-full', err.message, [], { retryAfter: err.retryAfterSeconds });
}

/**
 * The uploaded file, copied chunk by chunk as it arrives into one buffer of its own (sized from the
 * request's Content-Length), which the import worker then takes over without another copy: the
 * event loop never copies megabytes at once. Past the size limit, the multipart plugin's 413.
 */
async function receive(part: MultipartFile, sizeHint: number, tooLarge: () => Error): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  let bytes = new Uint8Array(Math.max(sizeHint, 64 * 1024));
  let length = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (length + chunk.length > bytes.length) {
      const bigger = new Uint8Array(Math.max(2 * bytes.length, length + chunk.length));
      bigger.set(bytes.subarray(0, length));
      bytes = bigger;
    }
    bytes.set(chunk, length);
    length += chunk.length;
  }
  if (part.file.truncated) throw tooLarge();
  return { name: part.filename || 'upload', type: part.mimetype, bytes: bytes.subarray(0, length) };
}
