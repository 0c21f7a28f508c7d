// Sessions without a session table: a signed, httpOnly, SameSite=Strict cookie holds the user id
// and the time of sign-in. The user is read again on every request, so a deleted user loses
// access at once, and a changed role takes effect at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFor } from '../services/actors.ts';
import type { Actor, Services } from '../services/types.ts';

export const sessionCookieName = 'gcm_session';
export const sessionMaxAgeMs = 8 * 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is making the request: a signed-in user, or null. Set for every /api request. */
    actor: Actor;
  }
}

export function encodeSession(userId: string, issuedAt: number): string {
  return `${userId}.${issuedAt.toString(36)}`;
}

/** The user id in a (verified) session value, or null when it is malformed or older than 8 hours. */
export function decodeSession(value: string, now: number): string | null {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const issuedAt = parseInt(value.slice(dot + 1), 36);
  if (!Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt >= sessionMaxAgeMs) return null;
  return value.slice(0, dot);
}

export function startSession(reply: FastifyReply, userId: string, now = Date.now()): void {
  reply.setCookie(sessionCookieName, encodeSession(userId, now), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the connection is TLS; plain http is for localhost and tests.
    secure: 'auto',
    signed: true,
    maxAge: sessionMaxAgeMs / 1000,
  });
}

export function endSession(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
}

/** Reads the cookie, checks its signature and age, and loads the user it names. */
export async function resolveActor(request: FastifyRequest, reply: FastifyReply, services: Services): Promise<Actor> {
  const raw = request.cookies[sessionCookieName];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  const userId = unsigned.valid && unsigned.value ? decodeSession(unsigned.value, Date.now()) : null;
  const user = userId ? await services.users.get(userId) : undefined;
  if (!user) {
    endSession(reply);
    return null;
  }
  return actorFor(user);
}
