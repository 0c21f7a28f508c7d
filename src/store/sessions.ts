// Server-side sessions, one row per signed-in browser, found by the SHA-256 of its cookie's token.
// A session is open while it is not revoked, before its absolute end and used within the idle
// timeout: that rule is written once, in `openAt`, and the queries that find sessions use it. Times
// come from the caller's clock, never from the database's now(), so that both agree.
import { and, desc, eq, gt, isNull, lt, ne, not, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { User } from '../services/types.ts';
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
 * The query every API request with a cookie runs, built once for each database handle and kept as
 * a prepared statement: building it with the ORM on every request was an eighth of a read's time.
 * It is asked afresh every time (nothing is cached), so a session revoked by any process, this one
 * or another on the same PostgreSQL, is refused on the very next request.
 */
function openSessionQuery(db: Executor) {
  return db
    .select({ ...userColumns, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(sessions.id, sql.placeholder('id')), openAt(sql.placeholder('now'), sql.placeholder('idleSince'))))
    .prepare('find_open_session');
}

const openSessionQueries = new WeakMap<Executor, ReturnType<typeof openSessionQuery>>();

/** The user of an open session (as `open` says) and when the session was last noted in use; one prepared query, for every request. */
export async function findOpenSession(db: Executor, id: string, now: Date, idleMs: number): Promise<{ user: User; lastSeenAt: Date } | undefined> {
  let query = openSessionQueries.get(db);
  if (!query) openSessionQueries.set(db, (query = openSessionQuery(db)));
  // Times as ISO text: both drivers send them as such for a timestamptz parameter.
  const [row] = await query.execute({ id, now: now.toISOString(), idleSince: new Date(now.getTime() - idleMs).toISOString() });
  return row && { user: toUser(row), lastSeenAt: row.lastSeenAt };
}

/** Notes that the session was used at `at`, unless that was already noted after `seenBefore` (so at most one write a minute). */
export async function touchSession(db: Executor, id: string, at: Date, seenBefore: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: at })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, seenBefore)));
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
  return rows.map((r) => r.id);
}

/** Revokes one session whatever its state (signing out); answers its user, or undefined if it was already revoked or unknown. */
export async function revokeSession(db: Executor, id: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
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
