// Who may do what: the one place where permissions are decided. Services ask `authorize` before
// they read or change anything; adapters (HTTP, CLI) never decide permissions themselves.
import { Forbidden, Unauthenticated } from './errors.ts';
import type { Actor } from './types.ts';

export type Permission =
  | { action: 'template.add' }
  | { action: 'cycle.create' }
  | { action: 'cycle.list' }
  | { action: 'cycle.read'; invitedStates: readonly string[] }
  | { action: 'submission.read'; stateIso3: string }
  | { action: 'submission.write'; stateIso3: string }
  | { action: 'user.create' }
  | { action: 'user.sessions'; userId: string }
  | { action: 'audit.read' };

const readActions = new Set<Permission['action']>(['cycle.list', 'cycle.read', 'submission.read', 'audit.read']);

/**
 * secretariat-admin and system: everything. secretariat-analyst: read everything.
 * state-coordinator and state-contributor: the cycles their State is invited to, and read/write their
 * State's draft (contributors draft the answers; submitting, later, is the coordinator's).
 * Anonymous visitors: nothing here (templates and States are public).
 */
export function can(actor: Actor, p: Permission): boolean {
  if (actor === null) return false;
  if (actor.kind === 'system') return true;
  // Everyone may see and end their own sessions; an administrator anyone's (below).
  if (p.action === 'user.sessions' && p.userId === actor.userId) return true;
  switch (actor.role) {
    case 'secretariat-admin':
      return true;
    case 'secretariat-analyst':
      return readActions.has(p.action);
    case 'state-coordinator':
    case 'state-contributor': {
      const own = actor.stateIso3;
      if (own === null) return false;
      if (p.action === 'cycle.list') return true;
      if (p.action === 'cycle.read') return p.invitedStates.includes(own);
      if (p.action === 'submission.read') return p.stateIso3 === own;
      if (p.action === 'submission.write') return p.stateIso3 === own;
      return false;
    }
  }
}

/** Throws Unauthenticated for anonymous visitors and Forbidden for users without the permission. */
export function authorize(actor: Actor, p: Permission, message?: string): asserts actor is Exclude<Actor, null> {
  requireSignedIn(actor);
  if (!can(actor, p)) throw new Forbidden(message);
}

export function requireSignedIn(actor: Actor): asserts actor is Exclude<Actor, null> {
  if (actor === null) throw new Unauthenticated();
}

/** The States whose cycles and submissions an actor sees: all of them, or their own. */
export function visibleStates(actor: Exclude<Actor, null>): 'all' | string[] {
  if (actor.kind === 'system' || actor.role === 'secretariat-admin' || actor.role === 'secretariat-analyst') return 'all';
  return actor.stateIso3 ? [actor.stateIso3] : [];
}
