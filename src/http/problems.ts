// The one place where failures become answers: RFC 9457 problem details
// (application/problem+json) with the bad fields named. Expected failures (AppError, invalid
// input, limits) say what is wrong; anything else is logged and answered with a plain 500
// that names the request id and nothing of the internals.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../services/errors.ts';

export const problemMediaType = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: FieldProblem[];
}

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const codes: Record<number, string> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  500: 'internal-error',
};

export function problem(
  status: number,
  detail: string,
  options: { code?: string; errors?: FieldProblem[]; instance?: string; extensions?: Record<string, unknown> } = {},
): Problem {
  const code = options.code ?? codes[status] ?? `http-${status}`;
  return {
    // RFC 9457 extension members (facts a program may act on); the standard members below win.
    ...options.extensions,
    type: `https://gcm-review.org/problems/${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(options.instance ? { instance: options.instance } : {}),
    errors: options.errors ?? [],
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  // Sent as a string so that no route's response schema applies to it.
  return reply.code(p.status).type(problemMediaType).send(JSON.stringify(p));
}

/** "/invitedStates/0" or ["invitedStates", 0] → "invitedStates[0]". */
export function fieldPath(segments: readonly (string | number | symbol)[], root = '(body)'): string {
  if (segments.length === 0) return root;
  return segments
    .map((s, i) => {
      const name = String(s);
      if (typeof s === 'number' || /^\d+$/.test(name)) return `[${name}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const contextNames: Record<string, string> = { body: 'the request body', querystring: 'the query string', params: 'the URL', headers: 'the headers' };

/** Turns any thrown value into a problem. Pure, so that tests and the CLI can reuse it. */
export function toProblem(err: unknown, requestId?: string): { problem: Problem; expected: boolean } {
  if (err instanceof AppError) {
    return { problem: problem(err.status, err.message, { code: err.code, errors: err.problems, extensions: err.details }), expected: true };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.map((v) => ({ path: fieldPath(pointerSegments(v.instancePath), `(${context})`), message: v.message ?? 'is invalid' }));
    return { problem: invalid(errors, contextNames[context] ?? context), expected: true };
  }
  if (err instanceof ZodError) {
    return { problem: invalid(err.issues.map((i) => ({ path: fieldPath(i.path), message: i.message })), 'the request'), expected: true };
  }
  const status = (err as FastifyError | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify and its plugins: body too large, bad JSON, unsupported media type, rate limit.
    return { problem: problem(status, clientMessage(err as FastifyError)), expected: true };
  }
  const reference = requestId ? ` Reference: ${requestId}.` : '';
  return { problem: problem(500, `Something went wrong on the server; it has been logged.${reference}`), expected: false };
}

function invalid(errors: FieldProblem[], where: string): Problem {
  const list = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  return problem(400, `Some fields of ${where} are invalid: ${list}.`, { errors });
}

function clientMessage(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this server accepts.';
    case 'FST_REQ_FILE_TOO_LARGE':
      return 'The uploaded file is larger than this server accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'This content type is not accepted here; send application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      return err.message.replace(/^FST_[A-Z_]+:\s*/, '');
  }
}

/** Registers the error handler; call it before any route or plugin, which inherit it when registered. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { problem: p, expected } = toProblem(err, request.id);
    if (expected) request.log.info({ status: p.status, code: (err as FastifyError).code }, p.detail);
    else request.log.error({ err }, 'unexpected error');
    return sendProblem(reply, p);
  });
}
