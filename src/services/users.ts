// Accounts: creating them (secretariat admins, or the operator at the command line), signing in,
// and changing one's password (which ends one's other sessions).
import { stateByIso3 } from '../domain/reference.ts';
import type { Database } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { isUuid } from '../store/ids.ts';
import { insertMemberships } from '../store/memberships.ts';
import { stateOrganisationId } from '../store/organisations.ts';
import { revokeSessions } from '../store/sessions.ts';
import { findPasswordHash, findUserByEmail, findUserById, findUserForLogin, insertUser, updatePasswordHash } from '../store/users.ts';
import { actorFor } from './actors.ts';
import { recordEvent } from './audit.ts';
import { Conflict, Forbidden, InvalidInput, Unauthenticated } from './errors.ts';
import { dummyHash, hashPassword, minPasswordLength, verifyPassword } from './passwords.ts';
import { authorize, requireSignedIn, userPolicy } from './policy.ts';
import type { SessionSettings } from './sessions.ts';
import { roles, type Role, type Services, type User } from './types.ts';
import { isEmail, isNonEmptyString, Problems } from './validation.ts';

type NewUser = Parameters<Services['users']['create']>[1];

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function usersService(db: Database, sessions: SessionSettings): Services['users'] {
  return {
    async authenticate(email, password) {
      const address = normaliseEmail(String(email)).slice(0, 254);
      const found = address ? await findUserForLogin(db.drizzle, address) : undefined;
      // Verify against a dummy hash when the address is unknown, so the answer takes as long either way.
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), String(password));
      const user = ok ? found?.user : undefined;
      if (user) await recordEvent(db.drizzle, actorFor(user), 'user.login', `user:${user.id}`);
      else await recordEvent(db.drizzle, null, 'user.login-failed', `email:${address}`);
      return user ?? null;
    },

    get: async (id) => (isUuid(id) ? findUserById(db.drizzle, id) : undefined),

    findByEmail: async (email) => findUserByEmail(db.drizzle, normaliseEmail(String(email))),

    async changePassword(actor, input, options = {}) {
      requireSignedIn(actor);
      if (actor.kind !== 'user') throw new Forbidden('Only a signed-in person has a password to change.');
      const { currentPassword, newPassword } = validatePasswordChange(input);
      const currentHash = await findPasswordHash(db.drizzle, actor.userId);
      if (!currentHash) throw new Unauthenticated();
      if (!(await verifyPassword(currentHash, currentPassword))) {
        throw new InvalidInput('The password was not changed', [{ path: 'currentPassword', message: 'is not your current password' }]);
      }
      const passwordHash = await hashPassword(newPassword);
      return db.transaction(async (tx) => {
        await updatePasswordHash(tx, actor.userId, passwordHash);
        // Whoever else holds a session (perhaps the reason for the change) is signed out; this browser stays.
        const ended = await revokeSessions(tx, { userId: actor.userId, exceptId: options.keepSessionId }, sessions.clock());
        await recordEvent(tx, actor, 'user.password-change', `user:${actor.userId}`, { endedSessions: ended.length });
        return { endedSessions: ended.length };
      });
    },

    async create(actor, input) {
      await authorize(db.drizzle, actor, userPolicy.create);
      const valid = validateNewUser(input);
      const organisationId = valid.stateIso3 ? await stateOrganisationId(db.drizzle, valid.stateIso3) : null;
      const passwordHash = await hashPassword(valid.password);
      try {
        const id = await db.transaction(async (tx) => {
          const id = await insertUser(tx, { email: valid.email, name: valid.name, role: valid.role, passwordHash, organisationId: organisationId ?? null });
          // What the role gives, where: the whole secretariat, or the State's office.
          await insertMemberships(tx, id, [valid.stateIso3 ? { role: valid.role, scope: 'state', stateIso3: valid.stateIso3 } : { role: valid.role, scope: 'secretariat' }]);
          await recordEvent(tx, actor, 'user.create', `user:${id}`, { email: valid.email, role: valid.role, stateIso3: valid.stateIso3 });
          return id;
        });
        return { id, email: valid.email, name: valid.name, role: valid.role, stateIso3: valid.stateIso3, organisationId: organisationId ?? null } satisfies User;
      } catch (err) {
        if (isUniqueViolation(err)) throw new Conflict(`A user with the e-mail address ${valid.email} already exists.`);
        throw err;
      }
    },
  };
}

function validatePasswordChange(input: unknown): { currentPassword: string; newPassword: string } {
  const raw = (input ?? {}) as Record<string, unknown>;
  const problems = new Problems();
  const currentPassword = typeof raw.currentPassword === 'string' ? raw.currentPassword : '';
  const newPassword = typeof raw.newPassword === 'string' ? raw.newPassword : '';
  if (!currentPassword) problems.add('currentPassword', 'must not be empty');
  if (newPassword.length < minPasswordLength) problems.add('newPassword', `must be at least ${minPasswordLength} characters long`);
  else if (newPassword === currentPassword) problems.add('newPassword', 'must differ from the current password');
  problems.throwIfAny('The password was not changed');
  return { currentPassword, newPassword };
}

function validateNewUser(input: NewUser): { email: string; name: string; password: string; role: Role; stateIso3: string | null } {
  const raw = (input ?? {}) as Partial<Record<keyof NewUser, unknown>>;
  const problems = new Problems();
  const email = typeof raw.email === 'string' ? normaliseEmail(raw.email) : '';
  if (!isEmail(email)) problems.add('email', raw.email ? `"${String(raw.email)}" is not an e-mail address` : 'must not be empty');
  if (!isNonEmptyString(raw.name)) problems.add('name', 'must not be empty');
  if (typeof raw.password !== 'string' || raw.password.length < minPasswordLength) {
    problems.add('password', `must be at least ${minPasswordLength} characters long`);
  }
  const role = roles.find((r) => r === raw.role);
  if (!role) problems.add('role', `must be one of ${roles.join(', ')}`);
  const iso3 = isNonEmptyString(raw.stateIso3) ? raw.stateIso3.trim().toUpperCase() : null;
  if (role?.startsWith('state-') && !iso3) problems.add('stateIso3', `a ${role} works for a State: give its ISO3 code, e.g. "XAA"`);
  if (role?.startsWith('secretariat-') && iso3) problems.add('stateIso3', 'secretariat users do not belong to a State; leave it out');
  if (iso3 && !stateByIso3(iso3)) problems.add('stateIso3', `"${iso3}" is not the ISO3 code of a known State`);
  problems.throwIfAny('The user cannot be created');
  return { email, name: (raw.name as string).trim(), password: raw.password as string, role: role as Role, stateIso3: iso3 };
}
