// Questionnaire templates. Anyone may read them (they are blank forms); adding one is for a
// secretariat, as JSON or as YAML text (Content-Type: application/yaml).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import { parseAnyTemplate, parseAnyTemplateFile } from '../../services/builtin-templates.ts';
import { InvalidInput, NotFound } from '../../services/errors.ts';
import { presentTemplateSummary } from '../presenters.ts';
import { LanguageQuery, LocalisedQuestionnaireSchema, problemResponses, QuestionnaireSchema, TemplateParams, TemplateSchema, TemplateSummarySchema } from '../schemas.ts';
import { questionnaireIn } from '../../services/templates.ts';
import { yamlMediaTypes } from '../content-types.ts';
import { access } from '../openapi.ts';

/** A template is about 30 KB; half a megabyte leaves room and keeps parsing short. */
export const templateBodyLimit = 512 * 1024;

export const templateRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  // YAML is read by the same reader as template files on the command line: syntax errors name
  // the line and column. Only this plugin (templates) accepts YAML.
  app.addContentTypeParser(yamlMediaTypes, { parseAs: 'string' }, (_request, body, done) => {
    const parsed = parseAnyTemplateFile(body as string, 'template.yaml');
    if (parsed.ok) done(null, parsed.value);
    else done(new InvalidInput('The template is not valid', parsed.problems), undefined);
  });

  app.get(
    '/api/templates',
    {
      schema: {
        ...access('public'),
        tags: ['templates'],
        summary: 'List templates',
        description: 'Built-in templates first, then those added by a secretariat.',
        response: { 200: z.array(TemplateSummarySchema) },
      },
    },
    async () => (await services.templates.list()).map(presentTemplateSummary),
  );

  app.get(
    '/api/templates/:id',
    {
      schema: {
        ...access('public'),
        tags: ['templates'],
        summary: 'Get a template',
        description:
          'Its fixed slots, as submissions, imports and exports read it today. A template whose items do not fit fixed slots ' +
          '(the national report, the stakeholder questionnaire) is refused with a 400 saying so: read it at /api/templates/{id}/questionnaire.',
        params: TemplateParams,
        response: { 200: TemplateSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const template = await services.templates.get(request.params.id);
      if (!template) throw new NotFound(`The template "${request.params.id}"`);
      return template;
    },
  );

  app.get(
    '/api/templates/:id/questionnaire',
    {
      schema: {
        ...access('public'),
        tags: ['templates'],
        summary: 'Get a template in the item model',
        description:
          'The template as a questionnaire of the item model (a fixed-slot one converted text for text), its texts plain strings in `language` ' +
          '(its default one when absent), with the languages it is offered in. A language it has not is a 400 naming those it has.',
        params: TemplateParams,
        querystring: LanguageQuery,
        response: { 200: LocalisedQuestionnaireSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const q = await services.templates.questionnaire(request.params.id);
      if (!q) throw new NotFound(`The template "${request.params.id}"`);
      return questionnaireIn(q, request.query.language);
    },
  );

  app.post(
    '/api/templates',
    {
      bodyLimit: templateBodyLimit,
      // Who may add a template is decided before the body is read, so an anonymous or
      // unauthorised request never makes the server parse its YAML. The service checks again.
      onRequest: async (request) => services.access.require(request.actor, 'addTemplate'),
      // Fixed slots or items: checked against the model the body is written in (items when it has
      // them), so that every bad field is named by its path rather than "matches neither".
      preValidation: async (request) => {
        const parsed = parseAnyTemplate(request.body);
        if (!parsed.ok) throw new InvalidInput('The template is not valid', parsed.problems);
        request.body = parsed.value;
      },
      schema: {
        ...access('secretariat-admin'),
        tags: ['templates'],
        summary: 'Add a template',
        description:
          'For secretariat administrators. Send the template as JSON, or as YAML text with Content-Type: application/yaml, ' +
          'in fixed slots (Template) or in the item model (Questionnaire: it has `items`). ' +
          'Every bad field is named in the 400 problem; nothing is stored unless the whole template is valid.',
        security: [{ session: [] }],
        consumes: ['application/json', ...yamlMediaTypes.slice(0, 1)],
        body: z.union([TemplateSchema, QuestionnaireSchema]),
        response: { 201: z.union([TemplateSchema, QuestionnaireSchema]), ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const template = await services.templates.add(request.actor, request.body);
      return reply.code(201).send(template);
    },
  );
};
