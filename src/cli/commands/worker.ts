// `gcm-review worker`: runs the background jobs (src/jobs: scheduled reminders, and whatever is
// added there) in a process of its own, on PostgreSQL, until SIGINT or SIGTERM. Several workers and
// servers may run side by side: each job is taken by one of them, and a reminder is never mailed
// twice. On the embedded store the server runs the jobs itself (only one process may open it).
import type { Command } from 'commander';
import { AppError } from '../../services/errors.ts';
import { configFrom, withDatabaseOptions, type DatabaseOptions } from '../database.ts';
import { CliError } from '../output.ts';

interface WorkerOptions extends DatabaseOptions {
  pollingSeconds?: string;
}

export function registerWorkerCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('worker')
      .description('Run the background jobs (scheduled reminders) in a process of its own, on PostgreSQL, until stopped')
      .option('--polling-seconds <n>', 'seconds between looks for new jobs (default 5, at least 0.5)'),
  ).action(async (options: WorkerOptions) => runWorker(options));
}

async function runWorker(options: WorkerOptions): Promise<void> {
  const config = configFrom(options);
  if (!config.databaseUrl) {
    throw new CliError(
      'gcm-review worker runs jobs on PostgreSQL (--database-url or DATABASE_URL). On the embedded store the server runs them itself: start `gcm-review serve`.',
    );
  }
  const pollingSeconds = options.pollingSeconds === undefined ? undefined : Number(options.pollingSeconds);
  if (pollingSeconds !== undefined && !(pollingSeconds >= 0.5 && pollingSeconds <= 3600)) {
    throw new CliError(`--polling-seconds must be a number from 0.5 to 3600, not "${options.pollingSeconds}".`);
  }
  const [{ openDatabase, redactUrl }, { createServices }, { startJobs }] = await Promise.all([
    import('../../store/database.ts'),
    import('../../services/index.ts'),
    import('../../jobs/index.ts'),
  ]);
  const db = await openDatabase(config).catch((err: Error) => {
    throw new CliError(`Cannot open the database at ${redactUrl(config.databaseUrl!)}: ${err.message}`);
  });
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  let queue;
  try {
    queue = await startJobs(db, createServices(db, { mail: config }), { baseUrl }, { work: true, pollingSeconds, onError: (err) => log(`job error: ${err.message}`) });
  } catch (err) {
    await db.close();
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  }
  const lines = [`GCM Review worker is running jobs (${queue.names.join(', ')}) on ${db.location}.`];
  if (!config.publicUrl) lines.push(`Links in mail point at ${baseUrl}: set PUBLIC_URL to the address people reach the web app at.`);
  lines.push('Press Ctrl+C to stop.');
  process.stderr.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing the jobs running, then stopping`);
      // If stopping hangs (a stuck job), do not keep the terminal hostage.
      setTimeout(() => process.exit(1), 40_000).unref();
      void queue
        .stop()
        .then(() => db.close())
        .finally(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
