// Password hashing with Argon2id (@node-rs/argon2's defaults follow OWASP's advice).
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const minPasswordLength = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password for accounts made at the command line: 20 URL-safe characters (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when the e-mail is unknown, so both failures take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hash(generatePassword());
  return dummy;
}
