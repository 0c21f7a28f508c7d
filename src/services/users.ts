// Accounts: creating them (secretariat admins, or the operator at the command line) and signing in.
import { stateByIso3 } from '../domain/reference.ts';
import type { Database } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { isUuid } from '../store/ids.ts';
import { stateOrganisationId } from '../store/organisations.ts';
import { findUserById, findUserForLogin, insertUser } from '../store/users.ts';
import { actorFor } from './actors.ts';
import { recordEvent } from './audit.ts';
import { Conflict } from './errors.ts';
import { dummyHash, hashPassword, minPasswordLength, verifyPassword } from './passwords.ts';
import { authorize } from './policy.ts';
import { roles, type Role, type Services, type User } from './types.ts';
import { isEmail, isNonEmptyString, Problems } from './validation.ts';

type NewUser = Parameters<Services['users']['create']>[1];

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function usersService(db: Database): Services['users'] {
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

    async create(actor, input) {
      authorize(actor, { action: 'user.create' });
      const valid = validateNewUser(input);
      const organisationId = valid.stateIso3 ? await stateOrganisationId(db.drizzle, valid.stateIso3) : null;
      const passwordHash = await hashPassword(valid.password);
      try {
        const id = await db.transaction(async (tx) => {
          const id = await insertUser(tx, { email: valid.email, name: valid.name, role: valid.role, passwordHash, organisationId: organisationId ?? null });
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
