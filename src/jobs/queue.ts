// The durable job queue: pg-boss, in the application's own database (its schema `pgboss`, which
// pg-boss creates and upgrades itself), so jobs need no other server and survive restarts.
//
// On PGlite pg-boss runs through its own adapter (`fromPglite`, with `backend: 'pglite'`): plain
// statements go through the instance's `query`, multi-statement SQL without values through `exec`,
// which answers the rows of every statement. On PostgreSQL it shares the application's pool: a
// query with values goes through the extended protocol, multi-statement SQL through the simple one
// (node-postgres answers one result per statement, which pg-boss reads as it reads its own pool's).
//
// The queue knows nothing of what jobs do: src/jobs/index.ts lists them, one line each.
import { fromPglite, PgBoss, type Db, type JobWithMetadata } from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { Database } from '../store/database.ts';

/** A kind of background work. */
export interface JobDefinition {
  /** The queue's name, e.g. "reminders". */
  name: string;
  /** Does the work; its answer (an object) is kept with the job. A throw fails the attempt (retried twice). */
  run(data: object): Promise<object | undefined>;
  /** A cron expression (UTC) when the job also runs by itself, e.g. every ten minutes. */
  schedule?: string | undefined;
  /** Longest an attempt may take, in seconds (pg-boss's default: 15 minutes). */
  expireInSeconds?: number | undefined;
  /** Also queued when a process starts working, so that a restart catches up at once rather than at the next scheduled time. */
  runAtStart?: boolean | undefined;
}

export interface JobQueueOptions {
  /** Whether this process runs jobs (false: it only sends them, for processes that leave the work to `gcm-review worker`). */
  work: boolean;
  /** Seconds between looks for new jobs (at least 0.5; default 5). */
  pollingSeconds?: number | undefined;
  /** What went wrong in the background (pg-boss's errors, a failed attempt): the server logs it. */
  onError?: ((err: Error) => void) | undefined;
}

export interface JobQueue {
  /** The jobs this queue knows. */
  readonly names: readonly string[];
  /** Queues a job; answers its id. */
  send(name: string, data?: object): Promise<string>;
  /** Queues a job and waits for it to be done (by this process or another): its answer, or its error thrown. */
  run(name: string, data?: object, timeoutMs?: number): Promise<object | null>;
  /** Stops taking jobs, waits for those running, and lets go of the database (which stays open). */
  stop(): Promise<void>;
}

/** pg-boss's connection: PGlite's own adapter, or the application's PostgreSQL pool. */
function bossDatabase(db: Database): { db: Db; backend: 'pglite' | 'postgres' } {
  // The driver's client under drizzle: the one connection of PGlite, or node-postgres's pool.
  const client = (db.drizzle as unknown as { $client: unknown }).$client;
  if (db.kind === 'pglite') return { db: fromPglite(client as PGlite), backend: 'pglite' };
  const pool = client as Pool;
  return { db: { executeSql: async (text, values) => pool.query(text, values) as unknown as Promise<{ rows: unknown[] }> }, backend: 'postgres' };
}

/** Starts pg-boss on the database (creating or upgrading its schema), its queues and schedules, and, with `work`, the workers. */
export async function startJobQueue(database: Database, jobs: readonly JobDefinition[], options: JobQueueOptions): Promise<JobQueue> {
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`Background job: ${err.message}\n`));
  const { db, backend } = bossDatabase(database);
  const boss = new PgBoss({ db, backend, schedule: true, supervise: true, instanceName: options.work ? 'gcm-review worker' : 'gcm-review' });
  boss.on('error', onError);
  await boss.start();
  try {
    for (const job of jobs) {
      await boss.createQueue(job.name, job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {});
      if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC', missed: 'once' });
      else await boss.unschedule(job.name);
      if (options.work) {
        await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: options.pollingSeconds ?? 5 }, async ([attempt]) => {
          try {
            return (await job.run((attempt!.data ?? {}) as object)) ?? {};
          } catch (err) {
            onError(new Error(`${job.name}: ${(err as Error).message}`, { cause: err }));
            throw err;
          }
        });
        if (job.runAtStart) await boss.send(job.name, {});
      }
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    throw err;
  }

  const known = (name: string) => {
    if (!jobs.some((j) => j.name === name)) throw new Error(`There is no job "${name}"; the jobs are ${jobs.map((j) => j.name).join(', ')}.`);
  };
  const send = async (name: string, data: object = {}) => {
    known(name);
    const id = await boss.send(name, data);
    if (!id) throw new Error(`The job "${name}" was not queued.`);
    return id;
  };
  return {
    names: jobs.map((j) => j.name),
    send,
    async run(name, data = {}, timeoutMs = 60_000) {
      const id = await send(name, data);
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [job] = (await boss.findJobs(name, { id })) as JobWithMetadata[];
        if (job?.state === 'completed') return job.output ?? null;
        if (job?.state === 'failed' || job?.state === 'cancelled') {
          const output = job.output as { message?: string } | null;
          throw new Error(`The job "${name}" ${job.state}: ${output?.message ?? 'no reason given'}`);
        }
        if (Date.now() > until) throw new Error(`The job "${name}" (${id}) was not done within ${timeoutMs} ms (still ${job?.state ?? 'unknown'}); is a worker running?`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () => boss.stop({ graceful: true, close: true, timeout: 30_000 }),
  };
}
