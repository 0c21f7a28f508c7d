// Background work, one entry per kind: what the job queue (queue.ts) runs, when on a schedule.
// The server runs these itself on the embedded store, and on PostgreSQL unless told not to
// (`serve --no-jobs`), when `gcm-review worker` processes run them instead. To add work (an
// analysis, a large export), add a line here and send it with `queue.send(name, data)`.
import type { Services } from '../services/types.ts';
import type { Database } from '../store/database.ts';
import { startJobQueue, type JobDefinition, type JobQueue, type JobQueueOptions } from './queue.ts';

export type { JobDefinition, JobQueue, JobQueueOptions } from './queue.ts';

/** Where links in mail sent by jobs point: PUBLIC_URL, or the server's own address. */
export interface JobLinks {
  baseUrl: string;
}

export function backgroundJobs(services: Services, links: JobLinks): JobDefinition[] {
  return [
    // Every ten minutes, and when a server or worker starts: the reminder rules whose day has come (src/services/reminders.ts).
    { name: 'reminders', schedule: '*/10 * * * *', runAtStart: true, run: async () => failOnFailures(await services.reminders.sendDue({ linkBase: links.baseUrl })) },
  ];
}

/** The queue with every job of `backgroundJobs`. */
export function startJobs(db: Database, services: Services, links: JobLinks, options: JobQueueOptions): Promise<JobQueue> {
  return startJobQueue(db, backgroundJobs(services, links), options);
}

/** A run where some rules could not be sent fails, so that the queue tries again (the rules that went are not sent twice). */
function failOnFailures<T extends { failures: { cycleId: string; ruleId: string; error: string }[] }>(run: T): T {
  if (run.failures.length > 0) throw new Error(run.failures.map((f) => `cycle ${f.cycleId}, rule ${f.ruleId}: ${f.error}`).join('; '));
  return run;
}
