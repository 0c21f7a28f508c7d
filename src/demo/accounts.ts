// The demonstration accounts that `gcm-review serve --demo` creates. The passwords are public,
// printed at start-up and written in the README: they are for trying the software on your own
// machine, never for a server others can reach.
import type { Role } from '../services/types.ts';

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  /** What the account shows, for the start-up message. */
  purpose: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    email: 'secretariat@demo.gcm-review.org',
    password: 'demo-secretariat',
    name: 'Demo Secretariat Administrator',
    role: 'secretariat-admin',
    stateIso3: null,
    purpose: 'secretariat administrator: opens cycles, reads every submission',
  },
  {
    email: 'analyst@demo.gcm-review.org',
    password: 'demo-analyst',
    name: 'Demo Secretariat Analyst',
    role: 'secretariat-analyst',
    stateIso3: null,
    purpose: 'secretariat analyst: reads everything, changes nothing',
  },
  {
    email: 'arvenia@demo.gcm-review.org',
    password: 'demo-arvenia',
    name: 'Demo Coordinator, Republic of Arvenia',
    role: 'state-coordinator',
    stateIso3: 'XAA',
    purpose: 'coordinator for the Republic of Arvenia (XAA, fictional)',
  },
  {
    email: 'belmora@demo.gcm-review.org',
    password: 'demo-belmora',
    name: 'Demo Coordinator, Kingdom of Belmora',
    role: 'state-coordinator',
    stateIso3: 'XAB',
    purpose: 'coordinator for the Kingdom of Belmora (XAB, fictional)',
  },
];

export function demoAccount(role: Role, stateIso3: string | null = null): DemoAccount {
  const found = demoAccounts.find((a) => a.role === role && a.stateIso3 === stateIso3);
  if (!found) throw new Error(`There is no demo account with role ${role}${stateIso3 ? ` for ${stateIso3}` : ''}.`);
  return found;
}
