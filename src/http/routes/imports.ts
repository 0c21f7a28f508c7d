// Importing a questionnaire filled in offline (Word, PDF or text): upload the file, get back the
// response read from it and the import report (what was left over, warnings, accounting).
// Nothing is stored: the web app shows the result, and accepting it into a draft is the ordinary
// PUT of a submission.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Response } from '../../domain/response.ts';
import { ImportError, mapDocument, readSource } from '../../ingest/index.ts';
import { AppError, InvalidInput, Unauthenticated } from '../../services/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { apiSchemas, problemResponses } from '../schemas.ts';

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
    unplaced: z.array(z.object({ line: z.number().int(), text: z.string() })),
    warnings: z.array(ImportWarningSchema),
    accounting: z.object({ charsIn: z.number().int(), charsPlaced: z.number().int(), charsTemplate: z.number().int(), charsUnplaced: z.number().int() }),
  }),
  /** The lines as read, so that the web app can show them beside the result (line N is lines[N - 1]). */
  source: z.object({ fileName: z.string(), format: z.enum(['txt', 'docx', 'pdf']), lines: z.array(z.string()) }).optional(),
});
apiSchemas.add(ImportResultSchema, { id: 'ImportResult', description: 'A response read from an uploaded questionnaire, with the import report.' });

/** How an unreadable file is answered: the reader's code decides the status. */
const statusOf: Record<string, number> = { 'unsupported-type': 415, 'too-large': 413 };

export const importRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services, config }) => {
  app.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Read an uploaded questionnaire',
        description:
          'Send multipart/form-data with a `file` (.docx, .pdf or .txt) and optionally `templateId` (default apac-2020). ' +
          'The answer is the response read from the file, and `import`: the text that belongs to no question, warnings ' +
          '(each with its line), and how many characters were placed, recognised as form text, or left over. Nothing is stored.',
        security: [{ session: [] }],
        consumes: ['multipart/form-data'],
        response: { 200: ImportResultSchema, ...problemResponses(400, 401, 413, 415, 422) },
      },
    },
    async (request) => {
      if (!request.actor) throw new Unauthenticated('Please sign in to import a questionnaire.');
      let templateId = 'apac-2020';
      let file: { name: string; type: string; bytes: Buffer } | undefined;
      for await (const part of request.parts({ limits: { fileSize: config.maxUploadBytes, files: 1 } })) {
        if (part.type === 'file') file = await readPart(part);
        else if (part.fieldname === 'templateId' && typeof part.value === 'string' && part.value.trim()) templateId = part.value.trim();
      }
      if (!file) throw new InvalidInput('Send the questionnaire as a file in the form field "file"', [{ path: 'file', message: 'is required' }]);
      const template = await services.templates.get(templateId);
      if (!template) throw new InvalidInput(`There is no template "${templateId}"`, [{ path: 'templateId', message: 'is not a known template' }]);
      try {
        const doc = await readSource(file.bytes, file.name, file.type);
        return { ...mapDocument(template, doc), source: { fileName: file.name, format: doc.format, lines: doc.lines } };
      } catch (err) {
        if (err instanceof ImportError) throw new AppError(statusOf[err.code] ?? 422, err.code, err.message);
        throw err;
      }
    },
  );
};

async function readPart(part: MultipartFile): Promise<{ name: string; type: string; bytes: Buffer }> {
  // toBuffer() stops at the size limit with a 413 (FST_REQ_FILE_TOO_LARGE).
  const bytes = await part.toBuffer();
  return { name: part.filename || 'upload', type: part.mimetype, bytes };
}
