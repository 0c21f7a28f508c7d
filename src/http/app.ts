// The HTTP server: security headers, cookies, body limits, the OpenAPI document, the API routes
// (one plugin per resource in routes/) and the browser app. Routes stay thin: validate with the
// schemas, call a service with the request's actor, present the result. Failures of every kind
// become problem details in problems.ts.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pkg from '../../package.json' with { type: 'json' };
import type { Config, TrustProxy } from '../config.ts';
import type { Services } from '../services/types.ts';
import { apiPath } from './api-paths.ts';
import { registerContentTypes } from './content-types.ts';
import type { DatabaseKind, RouteDeps } from './deps.ts';
import { registerOpenApi } from './openapi.ts';
import { registerNulCharacterCheck } from './nul-characters.ts';
import { registerErrorHandler } from './problems.ts';
import { requestLogController } from './request-log.ts';
import { securityHeaders } from './security-headers.ts';
import { resolveSession, sessionCookieName } from './session.ts';
import { resolveSessionSecret } from './session-secret.ts';
import { registerWeb } from './web.ts';
import { accountRoutes } from './routes/account.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { demoRoutes } from './routes/demo.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { importRoutes, type ImportRouteOptions } from './routes/imports.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { membershipRoutes } from './routes/memberships.ts';
import { messageRoutes } from './routes/messages.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { publicationRoutes } from './routes/publications.ts';
import { auditRoutes } from './routes/audit.ts';
import { sessionRoutes } from './routes/session.ts';
import { stateRoutes } from './routes/states.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { templateRoutes } from './routes/templates.ts';
import { trackingRoutes } from './routes/tracking.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { userSessionRoutes } from './routes/user-sessions.ts';
import { versionRoutes } from './routes/versions.ts';
import { analysisRoutes } from './routes/analysis.ts';

export interface BuildAppOptions {
  services: Services;
  config: Config;
  dbKind: DatabaseKind;
  /** A pino logger to use instead of a new one at config.logLevel (tests pass a silent one). */
  logger?: FastifyBaseLogger;
  /** A demonstration server (`serve --demo`): the sign-in page may show the public demo accounts (GET /api/demo-accounts). */
  demo?: boolean;
  /** Where the built browser app is; defaults to dist/web. */
  webRoot?: string;
  /** Sign-in attempts allowed per client address per window; default 10 a minute. */
  signInLimit?: { max: number; timeWindow: number };
  /** Imports: the worker pool and its limits, and how many imports a user may start (routes/imports.ts has the defaults). */
  imports?: ImportRouteOptions;
}

/** JSON bodies: a long response with 89 paragraphs is ~0.5 MB; this leaves room and stops abuse. */
export const jsonBodyLimit = 5 * 1024 * 1024;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { services, config, dbKind } = options;
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : {
          logger: {
            level: config.logLevel,
            // Session cookies and credentials never reach the logs.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
        }),
    // One line per request, when it ends (request-log.ts), instead of Fastify's two.
    logController: requestLogController(),
    bodyLimit: jsonBodyLimit,
    // Trust no proxy headers unless the operator says which proxies are in front (TRUST_PROXY).
    trustProxy: fastifyTrustProxy(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // The same security headers on every answer, worked out once (security-headers.ts).
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie, { secret: await resolveSessionSecret(config) });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many attempts from this address; try again in ${context.after}.`), { statusCode: 429 }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 10, fields: 20 } });
  registerContentTypes(app);
  registerNulCharacterCheck(app);

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.cookies[sessionCookieName] && apiPath(request) !== null) await resolveSession(request, reply, services);
  });

  await registerOpenApi(app, pkg.version);

  const deps: RouteDeps = { services, config };
  await app.register(healthRoutes, { database: dbKind, version: pkg.version, demo: options.demo ?? false });
  const signInLimit = options.signInLimit ?? { max: 10, timeWindow: 60_000 };
  await app.register(sessionRoutes, { ...deps, signInLimit });
  // Checking the current password is a guess at it too: the same limit as signing in.
  await app.register(accountRoutes, { ...deps, passwordLimit: signInLimit });
  await app.register(invitationRoutes, { ...deps, linkLimit: signInLimit });
  await app.register(userSessionRoutes, deps);
  await app.register(membershipRoutes, deps);
  await app.register(outboxRoutes, deps);
  await app.register(publicationRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(demoRoutes, { demo: options.demo ?? false });
  await app.register(templateRoutes, deps);
  await app.register(stateRoutes, deps);
  await app.register(cycleRoutes, deps);
  await app.register(trackingRoutes, deps);
  await app.register(reminderRoutes, deps);
  await app.register(submissionRoutes, deps);
  await app.register(versionRoutes, deps);
  await app.register(assignmentRoutes, deps);
  await app.register(messageRoutes, deps);
  await app.register(exportRoutes, deps);
  await app.register(analysisRoutes, deps);
  // Uploads use the multipart support registered above (size limit: config.maxUploadBytes).
  await app.register(importRoutes, { ...deps, imports: options.imports });

  app.setNotFoundHandler(await registerWeb(app, options.webRoot));
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers are personal: never cached by browsers or proxies (the reference pages may be).
    const path = apiPath(request);
    if (path !== null && !path.startsWith('/api/docs') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  return app;
}

/**
 * Fastify's form of TRUST_PROXY. A hop count is a function: Fastify itself now refuses to trust
 * numbers (a client reaching the server directly could then name its own address), which is why
 * docs/security.md asks for addresses where the server can be reached other than through the proxy.
 */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if ('hops' in trust) return (_address, hop) => hop < trust.hops;
  return trust.addresses;
}

