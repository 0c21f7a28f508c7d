// What `gcm-review db info` reports: how much is stored.
import { countCycles } from './cycles.ts';
import type { Executor } from './executor.ts';
import { countAuditEvents } from './audit.ts';
import { countOrganisations } from './organisations.ts';
import { countSubmissions } from './submissions.ts';
import { countCustomTemplates } from './templates.ts';
import { countUsers } from './users.ts';

export interface DatabaseCounts {
  states: number;
  secretariats: number;
  users: number;
  customTemplates: number;
  cycles: number;
  submissions: number;
  submissionVersions: number;
  auditEvents: number;
}

export async function databaseCounts(db: Executor): Promise<DatabaseCounts> {
  const [orgs, users, customTemplates, cycles, subs, auditEvents] = await Promise.all([
    countOrganisations(db),
    countUsers(db),
    countCustomTemplates(db),
    countCycles(db),
    countSubmissions(db),
    countAuditEvents(db),
  ]);
  return { ...orgs, users, customTemplates, cycles, submissions: subs.submissions, submissionVersions: subs.versions, auditEvents };
}
