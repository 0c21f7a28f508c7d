// Which requests are API requests, for the hooks that guard the API (session lookup, content
// types, NUL characters, Cache-Control). The raw URL is not enough: the router decodes it, so
// /%61pi/cycles reaches the handler of /api/cycles. Every hook asks `apiPath` instead.
import type { FastifyRequest } from 'fastify';

function isUnderApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The path without its query, percent-decoded; undecodable paths are taken as they are. */
function decodedPath(url: string): string {
  const path = url.split('?', 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The API path a request reaches, or null when it is not an API request: the matched route's
 * pattern when it is an API route (however the path was encoded), else the decoded path when
 * that is under /api (addresses no route answers, which get the API's 404 problem).
 */
export function apiPath(request: FastifyRequest): string | null {
  const route = request.routeOptions.url;
  if (route !== undefined && isUnderApi(route)) return route;
  const path = decodedPath(request.url);
  return isUnderApi(path) ? path : null;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return apiPath(request) !== null;
}
