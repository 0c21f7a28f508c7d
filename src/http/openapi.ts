// The OpenAPI 3.1 document, generated from the routes' Zod schemas: the interactive reference at
// /api/docs and the document itself at /api/openapi.json.
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { apiSchemas } from './schemas.ts';
import { sessionCookieName } from './session.ts';

/**
 * Who may call a route, declared once on the route (`...access('submission-reader')` in its
 * schema) and published in the OpenAPI document as the operation's `x-access`. The services
 * decide, against the record concerned (src/services/policy.ts); the declaration says what they
 * decide, and test/integration/authorization.test.ts checks every route against it for every role:
 * a route without one fails that test.
 */
export const accessRules = {
  public: 'Anyone, signed in or not.',
  'signed-in': 'Anyone signed in.',
  'self-or-admin': 'The user themself, or a secretariat administrator.',
  'secretariat-admin': 'Secretariat administrators.',
  secretariat: "The secretariat (administrators and analysts); a State's users get 403.",
  'cycle-reader':
    "Whoever the cycle concerns: the secretariat, and the users of the invited States once the cycle is open (a cycle in draft is the secretariat's alone: 404 to States).",
  'submission-reader':
    "The secretariat, and the users of the State concerned (its coordinating office, or members of the submission) once the cycle is open; other States' users get 403.",
  'submission-writer':
    "Who may save a draft: the State's coordinator and contributors, and secretariat administrators, while the workflow allows it (an open cycle, a submission not submitted).",
  workflow:
    'Whoever the submission workflow lets take the action: submit and withdraw, the State\'s coordinator; return, accept, publish and unpublish, secretariat administrators. Otherwise 403 (never theirs) or 409 (not now), with the reason.',
  'membership-reader':
    "Whoever may read what the query names: a user's (the user themself, or an administrator), a cycle's (its readers: its own members and those of the submissions they see), one submission's (its readers), a State office's (the secretariat and the office's members).",
  'membership-manager':
    "Who may give the membership (or take it back): secretariat administrators any; an administrator of one cycle, memberships in that cycle; a State's coordinator, contributors to their own State's submissions and questions. Otherwise 403.",
  assignment:
    "Whoever assigns the State's questions: its coordinator and secretariat administrators (who set due dates and take assignments back); the contributor assigned also moves their own question's status. Otherwise 403.",
  'query-writer':
    "Who writes in a submission's queries thread: the State's coordinators and contributors, and secretariat administrators, once the cycle is open; analysts read it (403), other States' users get 403.",
} as const;
export type AccessRule = keyof typeof accessRules;

export interface AccessDeclaration {
  rule: AccessRule;
  who: string;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Who may call the route (see `access`). */
    'x-access'?: AccessDeclaration;
  }
}

/** The route's access declaration, to spread into its schema. */
export function access(rule: AccessRule): { 'x-access': AccessDeclaration } {
  return { 'x-access': { rule, who: accessRules[rule] } };
}

export const apiTags = [
  { name: 'health', description: 'Whether the server and its database are up.' },
  {
    name: 'session',
    description: "Signing in and out, one's password and open sessions. Sessions live on the server; the browser holds their token in a signed, httpOnly, SameSite=Strict cookie.",
  },
  { name: 'users', description: "Accounts: an administrator's view of a user's sessions." },
  { name: 'memberships', description: 'Who holds which role where: in the secretariat, a State’s office, a cycle, a submission or one question.' },
  { name: 'templates', description: 'Questionnaire templates: what a respondent is asked.' },
  { name: 'states', description: 'The States that can be invited to a review.' },
  { name: 'cycles', description: 'Review cycles opened by a secretariat, and the States invited to each.' },
  { name: 'submissions', description: "Each invited State's response, saved in versions." },
  { name: 'imports', description: 'Reading a filled-in questionnaire (Word, PDF or text) into a response.' },
  { name: 'exports', description: 'Downloading a response as a Word document, plain text or JSON.' },
  { name: 'mail', description: 'The outbox: every e-mail message, sent through SMTP_URL or kept here for administrators to read.' },
  { name: 'publications', description: 'Published reports: frozen public snapshots of submitted answers, for anyone to read.' },
  { name: 'audit', description: 'The audit log: who changed what, when (the secretariat).' },
  { name: 'analysis', description: 'The analysis of responses (GCM objectives per paragraph, figures, checks, mentions) and the vocabulary per objective it matches.' },
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
