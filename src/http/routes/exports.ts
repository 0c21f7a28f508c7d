// Downloads: a stored submission as Word, text or JSON, and any response (one read by the import
// page, not yet accepted) as Word or text. Authorization is the services': whoever may read a
// submission may download it.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFileName, exportForm, exportFormats, exportMediaTypes, renderExport, type ExportFormat } from '../../export/formats.ts';
import { InvalidInput, Unauthenticated } from '../../services/errors.ts';
import type { Actor } from '../../services/types.ts';
import type { RouteDeps } from '../deps.ts';
import { templateIn } from '../../services/template-language.ts';
import { FormLanguage, ItemResponseSchema, problemResponses, ResponseSchema, SubmissionParams } from '../schemas.ts';
import { access } from '../openapi.ts';

const formatQuery = (formats: readonly ExportFormat[]) =>
  z.object({ format: z.enum(formats).default('docx').describe(`One of ${formats.join(', ')}; docx when left out.`), language: FormLanguage.optional() });

const ExportBody = z.object({
  templateId: z.string().min(1).max(100).describe('The template the response answers, e.g. "apac-2020".'),
  cycleId: z.string().min(1).max(100).optional().describe("A review cycle: the document is laid out like the cycle's questionnaire (its template as it opened, in its terms)."),
  language: FormLanguage.optional(),
  response: ResponseSchema.optional().describe("A response of today's model (give this or itemResponse)."),
  itemResponse: ItemResponseSchema.optional().describe(
    'A response in the item model, answers by item key (give this or response): for a questionnaire whose items do not fit fixed slots, such as the national report or the stakeholder questionnaire.',
  ),
});

/** The 200 answer in the OpenAPI document: a file in one of `formats`. */
function fileResponse(formats: readonly ExportFormat[]) {
  return {
    description: 'The file, as an attachment (Content-Disposition names it, e.g. XAA-asia-pacific-regional-review-2020-v3.docx).',
    content: Object.fromEntries(formats.map((f) => [exportMediaTypes[f].split(';')[0]!, { schema: z.file() }])),
  };
}

function sendFile(reply: FastifyReply, bytes: Uint8Array, format: ExportFormat, fileName: string): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .type(exportMediaTypes[format])
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export const exportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  app.get(
    '/api/cycles/:id/submissions/:iso3/export',
    {
      schema: {
        ...access('submission-reader'),
        tags: ['exports'],
        summary: "Download a State's submission",
        description:
          "The latest version as a Word document or plain text laid out like the cycle's own questionnaire (the template as the cycle " +
          "opened it, in the cycle's terms: GET /api/cycles/{id}/template), or as the response in JSON. " +
          'Whoever may read the submission may download it.',
        security: [{ session: [] }],
        params: SubmissionParams,
        querystring: formatQuery(exportFormats),
        response: { 200: fileResponse(exportFormats), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, iso3 } = request.params;
      // The submission first: it checks that the actor may read this State's answers.
      const submission = await services.submissions.get(request.actor, id, iso3);
      const cycle = await services.cycles.get(request.actor, id);
      const template = await services.cycles.template(request.actor, id, request.query.language);
      const format = request.query.format;
      // Stored in today's model: laid out through the item model, and as JSON as it is stored.
      const bytes = await renderExport(exportForm(template, submission.response), format, submission.response);
      return sendFile(reply, bytes, format, exportFileName({ iso3: submission.state.iso3, title: cycle.title, version: submission.version, format }));
    },
  );

  const postFormats = ['docx', 'txt'] as const;
  app.post(
    '/api/exports',
    {
      schema: {
        ...access('signed-in'),
        tags: ['exports'],
        summary: 'Write a response as a document',
        description:
          'Lays out any response (for example one just read by POST /api/imports, before it is accepted) as a Word document ' +
          'or plain text like the questionnaire. Nothing is stored.',
        security: [{ session: [] }],
        querystring: formatQuery(postFormats),
        body: ExportBody,
        response: { 200: fileResponse(postFormats), ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.actor) throw new Unauthenticated('Please sign in to export a response.');
      const { templateId, cycleId } = request.body;
      const response = request.body.itemResponse ?? request.body.response;
      if (!response || (request.body.itemResponse && request.body.response)) {
        throw new InvalidInput('Give the response to write', [{ path: 'response', message: 'give either response (today\'s model) or itemResponse (the item model), not both' }]);
      }
      // The form's language: the query's, else the body's; the answers stay as the State wrote them.
      const language = request.query.language ?? request.body.language;
      // An ItemResponse is laid out on the item model's questionnaire; a Response on the fixed-slot template.
      const items = request.body.itemResponse !== undefined;
      const template = items ? await questionnaireOf(request.actor, cycleId, templateId, language) : await fixedSlotsOf(request.actor, cycleId, templateId, language);
      if (!template) throw new InvalidInput(`There is no template "${templateId}"`, [{ path: 'templateId', message: 'is not a known template' }]);
      if (template.id !== templateId) {
        throw new InvalidInput('The review cycle asks another questionnaire', [{ path: 'templateId', message: `is "${templateId}" but the review cycle asks "${template.id}"` }]);
      }
      if (response.templateId !== templateId) {
        throw new InvalidInput('The response answers another template', [
          { path: 'response.templateId', message: `is "${response.templateId}" but templateId is "${templateId}"` },
        ]);
      }
      const format = request.query.format;
      const bytes = await renderExport(exportForm(template, response), format);
      return sendFile(reply, bytes, format, exportFileName({ iso3: response.state?.iso3, title: template.id, format }));
    },
  );

  /** The cycle's template, or the template in `language`, in fixed slots. */
  async function fixedSlotsOf(actor: Actor, cycleId: string | undefined, templateId: string, language: string | undefined) {
    if (cycleId) return services.cycles.template(actor, cycleId, language);
    const found = await services.templates.get(templateId);
    return found && templateIn(found, language);
  }

  /** The cycle's questionnaire, or the template's, in `language` (plain strings). */
  async function questionnaireOf(actor: Actor, cycleId: string | undefined, templateId: string, language: string | undefined) {
    if (cycleId) return (await services.cycles.questionnaire(actor, cycleId, language)).questionnaire;
    return services.templates.questionnaire(templateId, { language });
  }
};
