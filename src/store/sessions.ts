// Server-side sessions, one row per signed-in browser, found by the SHA-256 of its cookie's token.
// A session is open while it is not revoked, before its absolute end and used within the idle
// timeout: that rule is written once, in `openAt`, and the queries that find sessions use it. Times
// come from the caller's clock, never from the database's now(), so that both agree. Open sessions
// are remembered in memory (access-cache.ts) for as long as a request would not have to write their
// last use; every revocation here goes through accessChanged, so that it takes effect at once.
import { and, desc, eq, gt, isNull, lt, ne, not, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { User } from '../domain/records.ts';
import { accessCacheOf, accessChanged } from './access-cache.ts';
import type { Executor } from './executor.ts';
import { organisations, sessions, users } from './schema.ts';
import { toUser, userColumns } from './users.ts';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Sessions usable at `now`: not revoked, before their absolute end, and used since `idleSince` (values, or a prepared query's placeholders). */
function openAt(now: Date | SQLWrapper, idleSince: Date | SQLWrapper): SQL {
  return and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince))!;
}

/** Sessions usable at `now`: used within `idleMs`. */
function open(now: Date, idleMs: number): SQL {
  return openAt(now, new Date(now.getTime() - idleMs));
}

export async function insertSession(db: Executor, row: Omit<SessionRow, 'lastSeenAt'>): Promise<void> {
  await db.insert(sessions).values({ ...row, lastSeenAt: row.createdAt });
}

/**
 * The query that finds a session (when it is not in memory), built once for each database handle
 * and kept as a prepared statement: building it with the ORM on every request was an eighth of a
 * read's time.
 */
function openSessionQuery(db: Executor) {
  return db
    .select({ ...userColumns, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, sql.placeholder('id')), openAt(sql.placeholder('now'), sql.placeholder('idleSince'))))
    .prepare('find_open_session');
}

const openSessionQueries = new WeakMap<Executor, ReturnType<typeof openSessionQuery>>();

/** The user of an open session (as `open` says), when the session was last noted in use and when it ends; one prepared query. */
export async function findOpenSession(db: Executor, id: string, now: Date, idleMs: number): Promise<{ user: User; lastSeenAt: Date; expiresAt: Date } | undefined> {
  let query = openSessionQueries.get(db);
  if (!query) openSessionQueries.set(db, (query = openSessionQuery(db)));
  // Times as ISO text: both drivers send them as such for a timestamptz parameter.
  const [row] = await query.execute({ id, now: now.toISOString(), idleSince: new Date(now.getTime() - idleMs).toISOString() });
  return row && { user: toUser(row), lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt };
}

/** Notes that the session was used at `at`, unless that was already noted after `seenBefore`; answers whether it wrote. */
export async function touchSession(db: Executor, id: string, at: Date, seenBefore: Date): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ lastSeenAt: at })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, seenBefore)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/**
 * The user of the session `id` if it is open at `now`, noting its use when the last note is
 * `touchAfterMs` old or more (so at most one write that often). The answer comes from memory while
 * the last note is younger than both `touchAfterMs` and `idleMs`: then the database would answer
 * the same (a revocation makes the cache forget the session) and would write nothing.
 */
export async function resumeOpenSession(db: Executor, id: string, now: Date, idleMs: number, touchAfterMs: number): Promise<User | undefined> {
  const at = now.getTime();
  const cache = accessCacheOf(db);
  const known = cache?.session(id);
  if (known && at < known.expiresAt && at >= known.lastSeenAt && at - known.lastSeenAt < Math.min(touchAfterMs, idleMs)) return known.user;
  const generation = cache?.generation ?? 0;
  const found = await findOpenSession(db, id, now, idleMs);
  if (!found) {
    cache?.forgetSession(id);
    return undefined;
  }
  let lastSeenAt = found.lastSeenAt.getTime();
  const seenBefore = at - touchAfterMs;
  if (lastSeenAt < seenBefore) {
    // When another process noted a use meanwhile, only its lower bound is known.
    lastSeenAt = (await touchSession(db, id, now, new Date(seenBefore))) ? at : seenBefore;
  }
  cache?.rememberSession(id, { user: found.user, lastSeenAt, expiresAt: found.expiresAt.getTime() }, generation);
  return found.user;
}

/** A user's open sessions, most recently used first. */
export async function listOpenSessions(db: Executor, userId: string, now: Date, idleMs: number): Promise<SessionRow[]> {
  return db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), open(now, idleMs)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/**
 * Revokes a user's sessions that have not ended: all of them, only `sessionId`, or all but
 * `exceptId`. Idle ones are revoked too: whoever asks (the command line) may not know the
 * server's idle timeout. Answers the ids revoked.
 */
export async function revokeSessions(
  db: Executor,
  filter: { userId: string; sessionId?: string | undefined; exceptId?: string | null | undefined },
  now: Date,
): Promise<string[]> {
  const conditions = [eq(sessions.userId, filter.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)];
  if (filter.sessionId !== undefined) conditions.push(eq(sessions.id, filter.sessionId));
  if (filter.exceptId) conditions.push(ne(sessions.id, filter.exceptId));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  if (rows.length > 0) await accessChanged(db, [filter.userId]);
  return rows.map((r) => r.id);
}

/** Revokes one session whatever its state (signing out); answers its user, or undefined if it was already revoked or unknown. */
export async function revokeSession(db: Executor, id: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  if (row) await accessChanged(db, [row.userId]);
  return row?.userId;
}

/** Deletes a user's sessions that can no longer be used (revoked, ended or idle); answers how many. */
export async function deleteEndedSessions(db: Executor, userId: string, now: Date, idleMs: number): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), not(open(now, idleMs))))
    .returning({ id: sessions.id });
  return rows.length;
}
