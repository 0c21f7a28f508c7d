// One-time links sent by e-mail: invitations to create an account, and password resets. Found by
// the SHA-256 of the token in the link; "usable" (not used, not revoked, not expired) is written
// once, in `usable`, and `useToken` spends a link atomically so that it works once however many
// requests race for it. Times come from the caller's clock.
import { and, desc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { MembershipScope, Role } from '../domain/workflow.ts';
import type { Executor } from './executor.ts';
import { findMemberships, type Membership } from './memberships.ts';
import { accountTokens, users } from './schema.ts';

export type AccountTokenPurpose = 'invitation' | 'password-reset';

export interface AccountTokenRow {
  id: string;
  purpose: AccountTokenPurpose;
  email: string;
  name: string | null;
  organisation: string | null;
  userId: string | null;
  role: Role | null;
  scope: MembershipScope | null;
  stateIso3: string | null;
  cycleId: string | null;
  questionKey: string | null;
  invitedBy: string | null;
  invitedByName: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export type NewAccountToken = Omit<AccountTokenRow, 'id' | 'createdAt' | 'invitedByName'> & { tokenHash: string };

const columns = {
  id: accountTokens.id,
  purpose: accountTokens.purpose,
  email: accountTokens.email,
  name: accountTokens.name,
  organisation: accountTokens.organisation,
  userId: accountTokens.userId,
  role: accountTokens.role,
  scope: accountTokens.scope,
  stateIso3: accountTokens.stateIso3,
  cycleId: accountTokens.cycleId,
  questionKey: accountTokens.questionKey,
  invitedBy: accountTokens.invitedBy,
  invitedByName: users.name,
  expiresAt: accountTokens.expiresAt,
  createdAt: accountTokens.createdAt,
};

function usable(now: Date): SQL {
  return and(isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt), gt(accountTokens.expiresAt, now))!;
}

export async function insertAccountToken(db: Executor, row: NewAccountToken): Promise<string> {
  const [inserted] = await db.insert(accountTokens).values(row).returning({ id: accountTokens.id });
  if (!inserted) throw new Error('Inserting an account token returned no row.');
  return inserted.id;
}

function select(db: Executor) {
  return db.select(columns).from(accountTokens).leftJoin(users, eq(users.id, accountTokens.invitedBy));
}

/** The link with this token hash and purpose, if it may still be used at `now`. */
export async function findUsableToken(db: Executor, tokenHash: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow | undefined> {
  const [row] = await select(db).where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), usable(now)));
  return row;
}

/** Spends the link: true for the one caller that did, false when it was no longer usable. */
export async function useToken(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.id, id), usable(now))).returning({ id: accountTokens.id });
  return rows.length === 1;
}

/** Invitations not yet used, revoked or expired, newest first. */
export async function listPendingInvitations(db: Executor, now: Date): Promise<AccountTokenRow[]> {
  return select(db)
    .where(and(eq(accountTokens.purpose, 'invitation'), usable(now)))
    .orderBy(desc(accountTokens.createdAt));
}

export async function findPendingInvitation(db: Executor, id: string, now: Date): Promise<AccountTokenRow | undefined> {
  const [row] = await select(db).where(and(eq(accountTokens.id, id), eq(accountTokens.purpose, 'invitation'), usable(now)));
  return row;
}

export async function revokeToken(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(accountTokens).set({ revokedAt: now }).where(eq(accountTokens.id, id));
}

/** Ends the reset links of a user (or address) still open, when one of them is used or a new one is sent. */
export async function revokeResetTokens(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .update(accountTokens)
    .set({ revokedAt: now })
    .where(and(eq(accountTokens.purpose, 'password-reset'), eq(accountTokens.userId, userId), usable(now)));
}

/** Every user, by name, with the memberships each holds (for administrators' list of users). */
export async function listAccounts(db: Executor): Promise<{ id: string; email: string; name: string; createdAt: Date; memberships: Membership[] }[]> {
  const rows = await db.select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt }).from(users).orderBy(users.name);
  return Promise.all(rows.map(async (r) => ({ ...r, memberships: await findMemberships(db, r.id) })));
}
