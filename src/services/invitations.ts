// Accounts by invitation, and password resets, by one-time links sent by e-mail. The secretariat
// invites each State's coordinator, a coordinator their contributors: an invitation names the
// person (name, ministry or organisation, e-mail) and the membership it gives, and whoever may give
// that membership (membershipPolicy) may invite. The link carries a random 32-byte token; the
// database keeps only its SHA-256. Opening it, the person sets a password (the usual rules) and is
// signed in, once, before it expires. A reset link works the same way for an hour, and ends the
// user's sessions. Asking for a reset answers the same whether or not the address has an account.
import { createHash, randomBytes } from 'node:crypto';
import { renderMessage } from '../domain/mail.ts';
import { stateByIso3 } from '../domain/reference.ts';
import type { MembershipScope, Role } from '../domain/workflow.ts';
import {
  findPendingInvitation,
  findUsableToken,
  insertAccountToken,
  listAccounts,
  listPendingInvitations,
  revokeResetTokens,
  revokeToken,
  useToken,
  type AccountTokenRow,
} from '../store/account-tokens.ts';
import type { Database } from '../store/database.ts';
import type { Executor } from '../store/executor.ts';
import { isUuid } from '../store/ids.ts';
import { findSameMembership, insertMemberships, type Membership } from '../store/memberships.ts';
import { stateOrganisationId } from '../store/organisations.ts';
import { revokeSessions } from '../store/sessions.ts';
import { locateSubmission } from '../store/submissions.ts';
import { findPasswordHash, findUserByEmail, findUserById, insertUser, updatePasswordHash } from '../store/users.ts';
import { actorFor, actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { cycleAsks } from './cycle-template.ts';
import { Forbidden, InvalidInput, NotFound } from './errors.ts';
import { hashPassword, minPasswordLength, verifyPassword } from './passwords.ts';
import { checkMembershipTarget, newMembership } from './memberships.ts';
import { authorize, membershipPolicy, subjectOf, userPolicy, type MembershipTarget, type Subject } from './policy.ts';
import type { Actor, Services, User } from './types.ts';
import { isEmail, isNonEmptyString, Problems } from './validation.ts';

export const defaultInvitationDays = 7;
export const resetLinkMs = 60 * 60 * 1000;

/** Where links point and how long an invitation lasts (the HTTP layer passes PUBLIC_URL, or the request's own origin). */
export interface LinkSettings {
  /** e.g. "https://review.example.org" (no trailing slash needed). */
  baseUrl: string;
  invitationDays: number;
}

export interface InvitationInput {
  email: string;
  name: string;
  organisation?: string | null;
  role: string;
  scope: string;
  stateIso3?: string | null;
  cycleId?: string | null;
  questionKey?: string | null;
  /** The language of the message ("en", "fr"). */
  language?: string | null;
}

export interface InvitationInfo {
  id: string;
  email: string;
  name: string;
  organisation: string | null;
  role: Role;
  scope: MembershipScope;
  stateIso3: string | null;
  cycleId: string | null;
  questionKey: string | null;
  invitedBy: string | null;
  expiresAt: string;
  createdAt: string;
}

export interface InvitationsService {
  invite(actor: Actor, input: InvitationInput, link: LinkSettings): Promise<InvitationInfo>;
  /** The pending invitations the actor may revoke (those they may give), newest first. */
  list(actor: Actor, filter?: { cycleId?: string | undefined; stateIso3?: string | undefined }): Promise<InvitationInfo[]>;
  revoke(actor: Actor, id: string): Promise<InvitationInfo>;
  /** What the invitation page shows; NotFound when the link is unknown, used, revoked or expired. */
  preview(token: string): Promise<InvitationInfo & { existingAccount: boolean }>;
  /** Creates the account (or, for an address that has one, checks its password), gives the membership, spends the link. */
  accept(token: string, input: { password?: unknown; name?: unknown }): Promise<User>;
  /** Sends a reset link if the address has an account; says nothing either way. */
  requestPasswordReset(email: unknown, link: LinkSettings, language?: string | null): Promise<void>;
  /** Sets the new password, spends the link and ends every session of the user. */
  resetPassword(token: string, input: { password?: unknown }): Promise<User>;
  /** Every user with their memberships, by name: for secretariat administrators. */
  accounts(actor: Actor): Promise<{ id: string; email: string; name: string; createdAt: string; memberships: Membership[] }[]>;
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const notUsable = () => new NotFound('This link (it may have been used already, or expired)');

export function invitationsService(db: Database, mail: Services['mail'], clock: () => Date = () => new Date()): InvitationsService {
  /** Where the invitation's membership applies, loaded for the policy; NotFound for a cycle or submission there is none of. */
  async function targetOf(tx: Executor, v: Pick<InvitationInfo, 'role' | 'scope' | 'cycleId' | 'stateIso3'>): Promise<MembershipTarget & { submissionId: string | null }> {
    const target: MembershipTarget & { submissionId: string | null } = { role: v.role, scope: v.scope, cycleId: v.cycleId, stateIso3: v.stateIso3, submission: null, submissionId: null };
    if ((v.scope === 'submission' || v.scope === 'question') && v.cycleId && v.stateIso3) {
      const found = await locateSubmission(tx, v.cycleId, v.stateIso3);
      if (!found?.submission) throw new NotFound(`A submission of ${v.stateIso3} to the review cycle "${v.cycleId}"`);
      const { submission, cycle } = found;
      target.submission = { id: submission.id, stateIso3: submission.state.iso3, status: submission.status, cycle: { id: cycle.id, status: cycle.status } };
      target.submissionId = submission.id;
    }
    return target;
  }

  async function mayManage(s: Subject, row: AccountTokenRow): Promise<boolean> {
    try {
      return membershipPolicy.manage(s, await targetOf(db.drizzle, present(row)));
    } catch {
      return false;
    }
  }

  async function spend(token: string, purpose: 'invitation' | 'password-reset'): Promise<AccountTokenRow> {
    if (!tokenPattern.test(token)) throw notUsable();
    const row = await findUsableToken(db.drizzle, hashOf(token), purpose, clock());
    if (!row) throw notUsable();
    return row;
  }

  return {
    async invite(actor, input, link) {
      const s = await subjectOf(db.drizzle, actor);
      const v = validateInvitation(input);
      const target = await targetOf(db.drizzle, v);
      if (!membershipPolicy.manage(s, target)) {
        throw new Forbidden("You may not invite someone to this role: the secretariat invites States' coordinators, a coordinator contributors to their own State's submissions.");
      }
      if (v.questionKey !== null && v.cycleId !== null && !(await cycleAsks(db, v.cycleId, v.questionKey))) {
        throw new InvalidInput('The invitation cannot be sent', [{ path: 'questionKey', message: `the cycle's questionnaire has no question "${v.questionKey}"` }]);
      }
      const now = clock();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + link.invitationDays * 24 * 60 * 60 * 1000);
      const inviter = actorUserId(actor);
      const id = await db.transaction(async (tx) => {
        const id = await insertAccountToken(tx, { purpose: 'invitation', tokenHash: hashOf(token), ...v, userId: null, invitedBy: inviter, expiresAt });
        await recordEvent(tx, actor, 'invitation.send', `invitation:${id}`, { email: v.email, role: v.role, scope: v.scope, stateIso3: v.stateIso3, cycleId: v.cycleId, questionKey: v.questionKey });
        return id;
      });
      const inviterName = actor?.kind === 'user' ? actor.name : 'The GCM Review secretariat';
      const what = describeRole(v);
      await mail.send(
        renderMessage({
          kind: 'account-invitation',
          to: v.email,
          language: input.language ?? null,
          values: { recipientName: v.name, inviterName, what, expires: expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC', link: `${trimSlash(link.baseUrl)}/invitation/${token}` },
          related: { type: 'invitation', id },
        }),
      );
      return { id, ...v, invitedBy: inviter, expiresAt: expiresAt.toISOString(), createdAt: now.toISOString() };
    },

    async list(actor, filter = {}) {
      const s = await subjectOf(db.drizzle, actor);
      const rows = (await listPendingInvitations(db.drizzle, clock())).filter(
        (r) => (filter.cycleId === undefined || r.cycleId === filter.cycleId) && (filter.stateIso3 === undefined || r.stateIso3 === filter.stateIso3.toUpperCase()),
      );
      const mine: InvitationInfo[] = [];
      for (const r of rows) if (await mayManage(s, r)) mine.push(present(r));
      return mine;
    },

    async revoke(actor, id) {
      const s = await subjectOf(db.drizzle, actor);
      const row = isUuid(id) ? await findPendingInvitation(db.drizzle, id, clock()) : undefined;
      if (!row) throw new NotFound(`The pending invitation "${id}"`);
      if (!(await mayManage(s, row))) throw new Forbidden('You may not withdraw this invitation.');
      await db.transaction(async (tx) => {
        await revokeToken(tx, row.id, clock());
        await recordEvent(tx, actor, 'invitation.revoke', `invitation:${row.id}`, { email: row.email });
      });
      return present(row);
    },

    async preview(token) {
      const row = await spend(token, 'invitation');
      return { ...present(row), existingAccount: (await findUserByEmail(db.drizzle, row.email)) !== undefined };
    },

    async accept(token, input) {
      const row = await spend(token, 'invitation');
      const info = present(row);
      const password = typeof input.password === 'string' ? input.password : '';
      const existing = await findUserByEmail(db.drizzle, row.email);
      if (existing) {
        const hash = await findPasswordHash(db.drizzle, existing.id);
        if (!hash || !(await verifyPassword(hash, password))) {
          throw new InvalidInput('The invitation was not accepted', [{ path: 'password', message: `${row.email} has an account already: give its password` }]);
        }
      } else if (password.length < minPasswordLength) {
        throw new InvalidInput('The invitation was not accepted', [{ path: 'password', message: `must be at least ${minPasswordLength} characters long` }]);
      }
      const name = isNonEmptyString(input.name) ? input.name.trim().slice(0, 200) : info.name;
      const passwordHash = existing ? null : await hashPassword(password);
      const organisationId = info.stateIso3 ? ((await stateOrganisationId(db.drizzle, info.stateIso3)) ?? null) : null;
      const userId = await db.transaction(async (tx) => {
        if (!(await useToken(tx, row.id, clock()))) throw notUsable();
        const userId = existing?.id ?? (await insertUser(tx, { email: row.email, name, role: info.role, passwordHash: passwordHash!, organisationId }));
        const target = await targetOf(tx, info);
        const membership = newMembership(info, target.submissionId);
        if (!(await findSameMembership(tx, userId, membership))) await insertMemberships(tx, userId, [membership]);
        const who = { kind: 'user', userId, email: row.email, name, role: info.role, stateIso3: info.stateIso3 } as const;
        await recordEvent(tx, who, 'invitation.accept', `invitation:${row.id}`, { user: userId, created: !existing, role: info.role, scope: info.scope });
        return userId;
      });
      const user = await findUserById(db.drizzle, userId);
      if (!user) throw new Error(`The user ${userId} just created is missing.`);
      return user;
    },

    async requestPasswordReset(email, link, language) {
      const address = typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
      if (!isEmail(address)) throw new InvalidInput('No reset link was sent', [{ path: 'email', message: 'is not an e-mail address' }]);
      const user = await findUserByEmail(db.drizzle, address);
      if (!user) {
        await recordEvent(db.drizzle, null, 'user.password-reset-unknown', `email:${address}`);
        return;
      }
      const now = clock();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + resetLinkMs);
      const id = await db.transaction(async (tx) => {
        // One link at a time: asking again ends the earlier ones.
        await revokeResetTokens(tx, user.id, now);
        const id = await insertAccountToken(tx, {
          purpose: 'password-reset', tokenHash: hashOf(token), email: user.email, name: user.name, organisation: null, userId: user.id,
          role: null, scope: null, stateIso3: null, cycleId: null, questionKey: null, invitedBy: null, expiresAt,
        });
        await recordEvent(tx, null, 'user.password-reset-request', `user:${user.id}`);
        return id;
      });
      await mail.send(
        renderMessage({
          kind: 'password-reset',
          to: user.email,
          language: language ?? null,
          values: { recipientName: user.name, expires: expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC', link: `${trimSlash(link.baseUrl)}/reset-password/${token}` },
          related: { type: 'user', id: user.id },
        }),
      );
      void id;
    },

    async accounts(actor) {
      await authorize(db.drizzle, actor, userPolicy.create, 'Only secretariat administrators see every user.');
      return (await listAccounts(db.drizzle)).map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }));
    },

    async resetPassword(token, input) {
      const row = await spend(token, 'password-reset');
      const password = typeof input.password === 'string' ? input.password : '';
      if (password.length < minPasswordLength) {
        throw new InvalidInput('The password was not changed', [{ path: 'password', message: `must be at least ${minPasswordLength} characters long` }]);
      }
      const user = row.userId ? await findUserById(db.drizzle, row.userId) : undefined;
      if (!user) throw notUsable();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const now = clock();
        if (!(await useToken(tx, row.id, now))) throw notUsable();
        await updatePasswordHash(tx, user.id, passwordHash);
        await revokeResetTokens(tx, user.id, now);
        const ended = await revokeSessions(tx, { userId: user.id }, now);
        await recordEvent(tx, actorFor(user), 'user.password-reset', `user:${user.id}`, { endedSessions: ended.length });
      });
      return user;
    },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function present(r: AccountTokenRow): InvitationInfo {
  return {
    id: r.id,
    email: r.email,
    name: r.name ?? '',
    organisation: r.organisation,
    role: r.role!,
    scope: r.scope!,
    stateIso3: r.stateIso3,
    cycleId: r.cycleId,
    questionKey: r.questionKey,
    invitedBy: r.invitedByName,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

function describeRole(v: { role: Role; stateIso3: string | null; questionKey: string | null }): string {
  const state = v.stateIso3 ? (stateByIso3(v.stateIso3)?.name ?? v.stateIso3) : null;
  const role = v.role.replace(/^state-|^secretariat-/, '');
  return [role, state ? `for ${state}` : 'of the secretariat', v.questionKey ? `(question ${v.questionKey})` : ''].filter(Boolean).join(' ');
}

type ValidInvitation = Omit<InvitationInfo, 'id' | 'invitedBy' | 'expiresAt' | 'createdAt'>;

function validateInvitation(input: InvitationInput): ValidInvitation {
  const raw = (input ?? {}) as unknown as Record<string, unknown>;
  const problems = new Problems();
  const email = typeof raw.email === 'string' ? raw.email.trim().toLowerCase() : '';
  if (!isEmail(email)) problems.add('email', raw.email ? `"${String(raw.email)}" is not an e-mail address` : 'must not be empty');
  if (!isNonEmptyString(raw.name)) problems.add('name', 'must not be empty');
  const organisation = isNonEmptyString(raw.organisation) ? raw.organisation.trim().slice(0, 200) : null;
  const target = checkMembershipTarget(raw, problems);
  problems.throwIfAny('The invitation cannot be sent');
  return { email, name: (raw.name as string).trim().slice(0, 200), organisation, ...target };
}
