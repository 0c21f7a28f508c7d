// Who is asking, kept in memory: the open sessions and the memberships that every API request
// needs, so that a request does not ask the database for them each time. Each open database has a
// cache of its own. Anything that changes what a user may reach (a session revoked, a membership
// given or taken away) goes through `accessChanged`, the one way in: it forgets the user at once in
// every cache of this process, and tells every other process on the same database with a
// PostgreSQL notification (delivered when the change commits), which each database's listener
// turns into the same forgetting. A cache is used only while its listener is known to be
// listening: before it has started, and from the moment its connection is lost until it is back,
// every look-up goes to the database, as if there were no cache.
//
// A look-up that raced with a change is not remembered: each change moves the cache's generation
// on, and an answer read from the database is kept only if no change came between the question
// and the answer. On PostgreSQL a change that commits after a racing look-up was remembered is
// forgotten again when its notification arrives.
import { sql } from 'drizzle-orm';
import type { User } from '../domain/records.ts';
import type { Executor } from './executor.ts';
import type { Membership } from './memberships.ts';

/** The channel of the notifications; the payload is a user id. */
export const accessChannel = 'gcm_access_changed';

/** What is remembered of an open session: enough to judge, with the caller's clock, whether it is still open. */
export interface CachedSession {
  user: User;
  /** When the session's use was last written (never later than the database's value). */
  lastSeenAt: number;
  expiresAt: number;
}

/** Starts listening for `accessChannel`; resolves once listening, with the way to stop. `lost` is called when the listening ends by itself. */
export type Listen = (heard: (payload: string) => void, lost: () => void) => Promise<() => Promise<void>>;

/** Entries kept per cache, each of sessions and of users' memberships; the oldest go first. */
const capacity = 10_000;
/**
 * Memberships are read again after this long, as sessions are (their last use is written once a
 * minute): a change made outside the application, by hand in SQL, is seen within it.
 */
const membershipsMs = 60_000;
/** After a failed start or a lost connection, the listener is started again no sooner than this. */
const retryMs = 5_000;

export class AccessCache {
  /** Moves on at every change: an answer read across a change is not kept. */
  generation = 0;
  private readonly sessions = new Map<string, CachedSession>();
  private readonly memberships = new Map<string, { list: readonly Membership[]; at: number }>();
  private state: 'idle' | 'starting' | 'listening' | 'closed' = 'idle';
  private stop?: () => Promise<void>;
  private retryAt = 0;

  /** `listen` undefined: nothing else can change this database (an embedded store, held by this process alone). */
  constructor(private readonly listen?: Listen) {
    if (!listen) this.state = 'listening';
    live.add(this);
  }

  /** Whether the cache may be used now; starts the listener when it is not running. */
  active(): boolean {
    if (this.state === 'listening') return true;
    if (this.state === 'idle' && Date.now() >= this.retryAt) this.start();
    return false;
  }

  private start(): void {
    this.state = 'starting';
    this.listen!(
      (payload) => this.forget(payload),
      () => this.lost(),
    ).then(
      (stop) => {
        if (this.state !== 'starting') return void stop().catch(() => undefined);
        this.stop = stop;
        this.clear();
        this.state = 'listening';
      },
      () => this.lost(),
    );
  }

  private lost(): void {
    if (this.state === 'closed') return;
    this.clear();
    this.state = 'idle';
    this.stop = undefined;
    this.retryAt = Date.now() + retryMs;
  }

  session(id: string): CachedSession | undefined {
    return this.sessions.get(id);
  }

  /** Keeps `session` unless a change came since `generation` was read. */
  rememberSession(id: string, session: CachedSession, generation: number): void {
    if (generation !== this.generation || this.state !== 'listening') return;
    this.sessions.delete(id);
    this.sessions.set(id, session);
    trim(this.sessions);
  }

  forgetSession(id: string): void {
    this.sessions.delete(id);
  }

  /** The user's memberships as read less than `membershipsMs` ago. */
  userMemberships(userId: string): readonly Membership[] | undefined {
    const known = this.memberships.get(userId);
    return known && Date.now() - known.at < membershipsMs ? known.list : undefined;
  }

  rememberMemberships(userId: string, list: readonly Membership[], generation: number): void {
    if (generation !== this.generation || this.state !== 'listening') return;
    this.memberships.delete(userId);
    this.memberships.set(userId, { list, at: Date.now() });
    trim(this.memberships);
  }

  /** Forgets everything about `userId` (`*`: about everyone). */
  forget(userId: string): void {
    this.generation++;
    if (userId === '*') return this.clear();
    this.memberships.delete(userId);
    for (const [id, s] of this.sessions) if (s.user.id === userId) this.sessions.delete(id);
  }

  private clear(): void {
    this.generation++;
    this.sessions.clear();
    this.memberships.clear();
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.clear();
    live.delete(this);
    await this.stop?.().catch(() => undefined);
  }
}

function trim(map: Map<string, unknown>): void {
  if (map.size > capacity) map.delete(map.keys().next().value as string);
}

/** Every open cache of this process. */
const live = new Set<AccessCache>();
/** Each database's cache, by its drizzle handle (a transaction has none: it reads the database). */
const caches = new WeakMap<Executor, AccessCache>();

export function attachAccessCache(db: Executor, cache: AccessCache): void {
  caches.set(db, cache);
}

/** The cache to use for `db` now, if any. */
export function accessCacheOf(db: Executor): AccessCache | undefined {
  const cache = caches.get(db);
  return cache?.active() ? cache : undefined;
}

/**
 * What `userIds` may reach has changed (sessions revoked, memberships given or taken away): they
 * are forgotten at once by every cache of this process, and, through a notification sent with
 * `db` (within its transaction, if it is one: then when it commits), by every other process.
 */
export async function accessChanged(db: Executor, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  for (const cache of live) for (const id of unique) cache.forget(id);
  for (const id of unique) await db.execute(sql`select pg_notify(${accessChannel}, ${id})`);
}
