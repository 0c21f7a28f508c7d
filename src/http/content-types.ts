// Which bodies the API accepts. State-changing requests must say they carry JSON, YAML or a
// multipart upload: none of these can be sent by a plain HTML form on another site, so together
// with the SameSite=Strict session cookie this keeps cross-site requests out (see docs/security.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest } from './api-paths.ts';
import { problem, sendProblem } from './problems.ts';

export const yamlMediaTypes = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const acceptedMediaTypes = ['application/json', ...yamlMediaTypes, 'multipart/form-data'];

export function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** True when a request to this method may carry this content type. */
export function isAcceptedBody(method: string, contentType: string | undefined): boolean {
  const type = mediaTypeOf(contentType);
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') return type !== undefined && acceptedMediaTypes.includes(type);
  if (method === 'DELETE') return type === undefined || acceptedMediaTypes.includes(type);
  return true;
}

export function registerContentTypes(app: FastifyInstance): void {
  // text/plain is what a cross-site form or no-cors fetch can send: never parse it.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isApiRequest(request)) return;
    if (isAcceptedBody(request.method, request.headers['content-type'])) return;
    return sendProblem(
      reply,
      problem(415, `A ${request.method} request to the API must send application/json (or application/yaml for templates, multipart/form-data for uploads).`),
    );
  });
}
