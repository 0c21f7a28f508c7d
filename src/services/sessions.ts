// Sessions of signed-in users, kept on the server so that they can end before their time: signing
// out, a password change, "sign out everywhere" and an administrator end them at once. The browser
// holds a random token; the database keeps only its SHA-256, so a copy of the table opens nothing.
// A session ends 8 hours after sign-in, or sooner when unused for the idle timeout.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../store/database.ts';
import { isUuid } from '../store/ids.ts';
import { deleteEndedSessions, insertSession, listOpenSessions, resumeOpenSession, revokeSessions, revokeSession } from '../store/sessions.ts';
import { findUserById } from '../store/users.ts';
import { actorFor } from './actors.ts';
import { recordEvent } from './audit.ts';
import { NotFound } from './errors.ts';
import { authorize, userPolicy } from './policy.ts';
import type { Services } from './types.ts';

/** However active, a session ends this long after sign-in. */
export const sessionLifetimeMs = 8 * 60 * 60 * 1000;
export const defaultSessionIdleMs = 30 * 60 * 1000;
/** A session's last use is written at most this often, not on every request. */
export const lastSeenResolutionMs = 60 * 1000;

export interface SessionSettings {
  /** A session unused this long ends (its last use is known to within a minute). */
  idleMs: number;
  /** The time sessions are judged by; tests move it forward instead of waiting. */
  clock: () => Date;
}

/** The session id (primary key) of a token: its SHA-256 in hex. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 32 random bytes in base64url (43 characters); anything else cannot be one. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function sessionsService(db: Database, settings: SessionSettings): Services['sessions'] {
  const { idleMs, clock } = settings;
  return {
    async start(user, client) {
      const now = clock();
      const token = randomBytes(32).toString('base64url');
      const id = sessionIdOf(token);
      const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
      await db.transaction(async (tx) => {
        // The user's ended sessions are of no further use: clear them as a new one begins.
        await deleteEndedSessions(tx, user.id, now, idleMs);
        await insertSession(tx, { id, userId: user.id, createdAt: now, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null });
      });
      return { token, sessionId: id, expiresAt };
    },

    async resume(token) {
      if (!tokenPattern.test(token)) return null;
      const id = sessionIdOf(token);
      const user = await resumeOpenSession(db.drizzle, id, clock(), idleMs, lastSeenResolutionMs);
      return user ? { user, sessionId: id } : null;
    },

    async end(token) {
      if (!tokenPattern.test(token)) return;
      await db.transaction(async (tx) => {
        const userId = await revokeSession(tx, sessionIdOf(token), clock());
        const user = userId ? await findUserById(tx, userId) : undefined;
        if (user) await recordEvent(tx, actorFor(user), 'user.logout', `user:${user.id}`);
      });
    },

    async list(actor, userId, currentSessionId) {
      await authorize(db.drizzle, actor, (s) => userPolicy.sessions(s, userId));
      await requireUser(db, userId);
      const rows = await listOpenSessions(db.drizzle, userId, clock(), idleMs);
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        ip: r.ip,
        userAgent: r.userAgent,
        current: r.id === currentSessionId,
      }));
    },

    async revoke(actor, userId, options = {}) {
      await authorize(db.drizzle, actor, (s) => userPolicy.sessions(s, userId));
      await requireUser(db, userId);
      return db.transaction(async (tx) => {
        const ended = await revokeSessions(tx, { userId, sessionId: options.sessionId }, clock());
        if (options.sessionId !== undefined && ended.length === 0) throw new NotFound('The session');
        await recordEvent(tx, actor, 'session.revoke', `user:${userId}`, { sessions: ended.length, ...(options.sessionId ? { sessionId: options.sessionId } : {}) });
        return ended.length;
      });
    },
  };
}

async function requireUser(db: Database, userId: string): Promise<void> {
  if (!isUuid(userId) || !(await findUserById(db.drizzle, userId))) throw new NotFound('The user');
}
