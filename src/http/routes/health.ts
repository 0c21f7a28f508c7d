// GET /api/health: for load balancers, monitors and the CLI's own checks.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseKind } from '../deps.ts';
import { access } from '../openapi.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ database: DatabaseKind; version: string; demo: boolean }> = async (
  app,
  { database, version, demo },
) => {
  app.get(
    '/api/health',
    {
      schema: {
        ...access('public'),
        tags: ['health'],
        summary: 'Is the server up?',
        description:
          'Answers without signing in. `database` says which database the server uses; `demo` is true on a demonstration ' +
          'server (started with `serve --demo`), whose sign-in page then lists the public demo accounts.',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string(), demo: z.boolean() }),
        },
      },
    },
    async () => ({ status: 'ok' as const, database, version, demo }),
  );
};
