// The browser app: files built by `npm run build` into dist/web, with every other page address
// answered by index.html so that the app's own router can show it. Without a build, pages say
// how to make one instead of failing obscurely.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { isApiRequest } from './api-paths.ts';
import { problem, sendProblem } from './problems.ts';
import { packagePath } from '../package-root.ts';

export const defaultWebRoot = packagePath('dist/web/');

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GCM Review: web app not built</title></head>
<body><main><h1>The web app has not been built</h1>
<p>The API is running (see <a href="/api/docs">/api/docs</a>), but the browser app was not found in <code>dist/web</code>.</p>
<p>Run <code>npm run build</code>, then restart the server.</p></main></body></html>
`;

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (isApiRequest(request)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Serves the built app when it exists; returns the handler for addresses nothing else answers. */
export async function registerWeb(app: FastifyInstance, webRoot: string = defaultWebRoot) {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      index: 'index.html',
      wildcard: true,
      setHeaders(reply, path) {
        // Vite puts a content hash in every asset name: those can be cached for ever.
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return (request: FastifyRequest, reply: FastifyReply) => {
    if (wantsPage(request)) {
      if (built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.code(503).type('text/html; charset=utf-8').send(notBuiltPage);
    }
    return sendProblem(reply, problem(404, `There is nothing at ${request.method} ${request.url.split('?')[0]}.`));
  };
}
