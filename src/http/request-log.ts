// The request log: one line when a request ends (method, address, status, time taken), at info
// level, instead of Fastify's two (one as it comes, one as it ends, each serialising the whole
// request or response). Everything else Fastify logs (errors, unknown routes) stays as it is.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

export function requestLogController(): LogController {
  return new OneLinePerRequest();
}
