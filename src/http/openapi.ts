// The OpenAPI 3.1 document, generated from the routes' Zod schemas: the interactive reference at
// /api/docs and the document itself at /api/openapi.json.
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { apiSchemas } from './schemas.ts';
import { sessionCookieName } from './session.ts';

export const apiTags = [
  { name: 'health', description: 'Whether the server and its database are up.' },
  {
    name: 'session',
    description: "Signing in and out, one's password and open sessions. Sessions live on the server; the browser holds their token in a signed, httpOnly, SameSite=Strict cookie.",
  },
  { name: 'users', description: "Accounts: an administrator's view of a user's sessions." },
  { name: 'templates', description: 'Questionnaire templates: what a respondent is asked.' },
  { name: 'states', description: 'The States that can be invited to a review.' },
  { name: 'cycles', description: 'Review cycles opened by a secretariat, and the States invited to each.' },
  { name: 'submissions', description: "Each invited State's response, saved in versions." },
  { name: 'imports', description: 'Reading a filled-in questionnaire (Word, PDF or text) into a response.' },
  { name: 'exports', description: 'Downloading a response as a Word document, plain text or JSON.' },
];

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const zodToJsonConfig = { unrepresentable: 'any' as const };
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'GCM Review API',
        description:
          'State-led voluntary reviews of the Global Compact for Safe, Orderly and Regular Migration. ' +
          `Sign in with POST /api/session; the browser keeps the \`${sessionCookieName}\` cookie. ` +
          'Requests that change something must send application/json (application/yaml for templates, multipart/form-data for uploads). ' +
          'Failures are RFC 9457 problem details (application/problem+json) naming each bad field.',
        version,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: apiTags,
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName } } },
    },
    transform: createJsonSchemaTransform({ skipList: [], schemaRegistry: apiSchemas, zodToJsonConfig }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiSchemas, zodToJsonConfig }),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
