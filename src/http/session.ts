// The session cookie: a signed, httpOnly, SameSite=Strict cookie holding a random token. The
// session itself lives on the server (services/sessions.ts), so signing out, a password change or
// an administrator ends it at once. The user is read with the session on every API request, so a
// deleted user loses access at once and a changed role applies at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFor } from '../services/actors.ts';
import { sessionLifetimeMs } from '../services/sessions.ts';
import type { Actor, Services } from '../services/types.ts';

export const sessionCookieName = 'gcm_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is making the request: a signed-in user, or null. Set for every API request. */
    actor: Actor;
    /** The session the request came through, or null. */
    sessionId: string | null;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the connection is TLS (or a trusted proxy says it was); plain http is for localhost and tests.
    secure: 'auto',
    signed: true,
    maxAge: sessionLifetimeMs / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
}

/** The token in the request's session cookie, when the cookie is there and its signature is right. */
export function sessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[sessionCookieName];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** Sets `request.actor` and `request.sessionId` from the session cookie; a cookie that opens no session is cleared. */
export async function resolveSession(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<void> {
  const token = sessionToken(request);
  const session = token ? await services.sessions.resume(token) : null;
  if (!session) {
    clearSessionCookie(reply);
    return;
  }
  request.actor = actorFor(session.user);
  request.sessionId = session.sessionId;
}
