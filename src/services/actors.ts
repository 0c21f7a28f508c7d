// How an actor appears in the audit trail and in version history.
import type { Actor, User } from './types.ts';

/** The actor for a signed-in user (the HTTP layer calls this with the session's user). */
export function actorFor(user: User): Actor {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, stateIso3: user.stateIso3 };
}

/** The system actor: the operator at the command line. */
export const systemActor: Actor = { kind: 'system' };

/** For audit events: an e-mail address, "system" or "anonymous". */
export function actorLabel(actor: Actor): string {
  return actor === null ? 'anonymous' : actor.kind === 'system' ? 'system' : actor.email;
}

export function actorUserId(actor: Actor): string | null {
  return actor?.kind === 'user' ? actor.userId : null;
}

/** For version history: a person's name. */
export function actorName(actor: Actor): string {
  return actor === null ? 'Anonymous' : actor.kind === 'system' ? 'System (command line)' : actor.name;
}
