// The services the adapters (HTTP, CLI) call. Each write runs in one transaction and is audited.
import type { Database } from '../store/database.ts';
import { auditService } from './audit.ts';
import { accessService } from './policy.ts';
import { cyclesService } from './cycles.ts';
import { membershipsService } from './memberships.ts';
import { statesService } from './states.ts';
import { submissionsService } from './submissions.ts';
import { templatesService } from './templates.ts';
import type { Services } from './types.ts';
import { usersService } from './users.ts';
import { defaultSessionIdleMs, sessionsService, type SessionSettings } from './sessions.ts';
import { mailService, type MailSettings } from './mail.ts';
import { invitationsService } from './invitations.ts';
import { trackingService } from './tracking.ts';
import { remindersService } from './reminders.ts';
import { assignmentsService } from './assignments.ts';
import { messagesService } from './messages.ts';
import { publicationsService } from './publications.ts';
import { analysisService } from './analysis.ts';
import { synthesisService } from './synthesis.ts';

export { actorFor, systemActor } from './actors.ts';
export { templateSummary } from './templates.ts';
export { generatePassword } from './passwords.ts';
import { defaultMailFrom } from '../config.ts';

export interface ServiceOptions {
  /** A session unused this long ends (the server passes config.sessionIdleMs); 30 minutes by default. */
  sessionIdleMs?: number;
  /** The time sessions are judged by; tests move it forward instead of waiting. */
  clock?: () => Date;
  /** Mail: SMTP_URL and MAIL_FROM (the server and the CLI pass their Config); none: every message stays in the outbox. */
  mail?: MailSettings;
}

export function createServices(db: Database, options: ServiceOptions = {}): Services {
  const sessions: SessionSettings = { idleMs: options.sessionIdleMs ?? defaultSessionIdleMs, clock: options.clock ?? (() => new Date()) };
  const mail = mailService(db, options.mail ?? { smtpUrl: undefined, mailFrom: defaultMailFrom });
  const invitations = invitationsService(db, mail, sessions.clock);
  const submissions = submissionsService(db, mail);
  const analysis = analysisService(db, submissions);
  return {
    access: accessService(db),
    memberships: membershipsService(db),
    templates: templatesService(db),
    states: statesService(db),
    cycles: cyclesService(db, mail, invitations, sessions.clock),
    submissions,
    users: usersService(db, sessions),
    sessions: sessionsService(db, sessions),
    audit: auditService(db),
    mail,
    invitations,
    tracking: trackingService(db, mail, sessions.clock),
    reminders: remindersService(db, mail, sessions.clock),
    publications: publicationsService(db),
    assignments: assignmentsService(db, submissions),
    messages: messagesService(db, submissions, mail),
    analysis,
    synthesis: synthesisService(db, analysis),
  };
}
