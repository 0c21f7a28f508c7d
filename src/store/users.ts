// Users and their password hashes. Hashing itself happens in the service; the store keeps the hash.
import { eq, sql } from 'drizzle-orm';
import type { User } from '../domain/records.ts';
import type { Role } from '../domain/workflow.ts';
import type { Executor } from './executor.ts';
import { organisations, users } from './schema.ts';

/** The columns of a User; selected with `users` left-joined to `organisations` (the user's State). */
export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  organisationId: users.organisationId,
  stateIso3: organisations.iso3,
};

function selectUsers(db: Executor) {
  return db.select(userColumns).from(users).leftJoin(organisations, eq(organisations.id, users.organisationId));
}

export function toUser(row: { id: string; email: string; name: string; role: Role; organisationId: string | null; stateIso3: string | null }): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, stateIso3: row.stateIso3, organisationId: row.organisationId };
}

export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  return row && toUser(row);
}

/** The user and their password hash, for signing in. `email` must already be lower-cased. */
export async function findUserForLogin(db: Executor, email: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.email, email));
  return row && { user: toUser(row), passwordHash: row.passwordHash };
}

/** The user's password hash, for checking the current password before a change. */
export async function findPasswordHash(db: Executor, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash;
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** `email` must already be lower-cased. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [row] = await selectUsers(db).where(eq(users.email, email));
  return row && toUser(row);
}

export async function insertUser(
  db: Executor,
  input: { email: string; name: string; role: Role; passwordHash: string; organisationId: string | null },
): Promise<string> {
  const [row] = await db.insert(users).values(input).returning({ id: users.id });
  if (!row) throw new Error('Inserting a user returned no row.');
  return row.id;
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
