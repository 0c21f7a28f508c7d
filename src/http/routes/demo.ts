// GET /api/demo-accounts: the public accounts of a demonstration server, for its sign-in page.
// They are served, never built into the browser app, so a production bundle holds no password;
// any other server answers 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoAccounts } from '../../demo/accounts.ts';
import { AppError } from '../../services/errors.ts';
import { DemoAccountSchema, problemResponses } from '../schemas.ts';
import { access } from '../openapi.ts';

export const demoRoutes: FastifyPluginAsyncZod<{ demo: boolean }> = async (app, { demo }) => {
  app.get(
    '/api/demo-accounts',
    {
      schema: {
        ...access('public'),
        tags: ['health'],
        summary: 'Demonstration accounts',
        description:
          'On a demonstration server (`serve --demo`, where `/api/health` says `demo: true`) the public accounts and their ' +
          'passwords, which the sign-in page offers. Any other server answers 404.',
        response: { 200: z.array(DemoAccountSchema), ...problemResponses(404) },
      },
    },
    async () => {
      if (!demo) throw new AppError(404, 'not-found', 'This is not a demonstration server: it has no demonstration accounts.');
      return demoAccounts.map((a) => ({ email: a.email, password: a.password, purpose: a.purpose }));
    },
  );
};
