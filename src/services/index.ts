// The services the adapters (HTTP, CLI) call. Each write runs in one transaction and is audited.
import type { Database } from '../store/database.ts';
import { auditService } from './audit.ts';
import { cyclesService } from './cycles.ts';
import { statesService } from './states.ts';
import { submissionsService } from './submissions.ts';
import { templatesService } from './templates.ts';
import type { Services } from './types.ts';
import { usersService } from './users.ts';

export { actorFor, systemActor } from './actors.ts';
export { templateSummary } from './templates.ts';
export { generatePassword } from './passwords.ts';

export function createServices(db: Database): Services {
  return {
    templates: templatesService(db),
    states: statesService(db),
    cycles: cyclesService(db),
    submissions: submissionsService(db),
    users: usersService(db),
    audit: auditService(db),
  };
}
