// `gcm-review db migrate|info` and `gcm-review user add`, plus the database options and helpers
// that every command touching the database shares (template add/list/show use them too).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { stateByIso3 } from '../../domain/reference.ts';
import { AppError } from '../../services/errors.ts';
import { createServices, generatePassword, systemActor } from '../../services/index.ts';
import { roles, type Role, type Services } from '../../services/types.ts';
import { openDatabase, pgliteDir, redactUrl, type Database } from '../../store/database.ts';
import { databaseCounts } from '../../store/info.ts';
import { knownMigrations } from '../../store/migrate.ts';
import { CliError, printJson } from '../output.ts';

export interface DatabaseOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** Adds --data-dir and --database-url, which override DATA_DIR and DATABASE_URL. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'folder of the embedded database (default ./data, or DATA_DIR)')
    .option('--database-url <url>', 'use a PostgreSQL server instead of the embedded database (or DATABASE_URL)');
}

/** The configuration with the command line's overrides; a bad environment is a CliError. */
export function configFrom(options: DatabaseOptions): Config {
  const overrides: Partial<Config> = {};
  if (options.dataDir !== undefined) overrides.dataDir = resolve(options.dataDir);
  if (options.databaseUrl !== undefined) overrides.databaseUrl = options.databaseUrl;
  try {
    return loadConfig(undefined, overrides);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** True when there is a database to read: a server URL, or an embedded database already in the data folder. */
export function databaseExists(config: Config): boolean {
  return config.databaseUrl !== undefined || existsSync(pgliteDir(config.dataDir));
}

/**
 * Opens the database (migrating it), runs `fn`, and closes it. Service errors (invalid input,
 * conflicts) become CliErrors: one clear line, exit code 1.
 */
export async function withServices<T>(config: Config, fn: (services: Services, db: Database) => Promise<T>): Promise<T> {
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (err) {
    throw new CliError(`Cannot open the database at ${config.databaseUrl ? redactUrl(config.databaseUrl) : pgliteDir(config.dataDir)}: ${(err as Error).message}`);
  }
  try {
    return await fn(createServices(db), db);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  } finally {
    await db.close();
  }
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Create, upgrade and inspect the database');

  withDatabaseOptions(db.command('migrate').description('Apply the migrations this version needs (also done on every start)')).action(
    async (options: DatabaseOptions) => {
      await withServices(configFrom(options), async (_services, database) => {
        const ran = database.appliedMigrations;
        process.stdout.write(`Database: ${database.kind} (${database.location})\n`);
        process.stdout.write(
          ran.length > 0 ? `Applied ${ran.length} migration(s):\n${ran.map((m) => `  ${m}\n`).join('')}` : `Up to date (${knownMigrations().length} migration(s) applied before).\n`,
        );
      });
    },
  );

  withDatabaseOptions(db.command('info').description('Show which database is used and what it holds'))
    .option('--json', 'print JSON')
    .action(async (options: DatabaseOptions & { json?: boolean }) => {
      const config = configFrom(options);
      if (!databaseExists(config)) {
        const info = { backend: 'pglite', location: pgliteDir(config.dataDir), exists: false };
        if (options.json) printJson(info);
        else process.stdout.write(`Database: pglite (${info.location}) does not exist yet; it is created on first use, or by \`gcm-review db migrate\`.\n`);
        return;
      }
      await withServices(config, async (_services, database) => {
        const counts = await databaseCounts(database.drizzle);
        const info = { backend: database.kind, location: database.location, exists: true, migrations: knownMigrations().length, counts };
        if (options.json) return printJson(info);
        const rows: [string, number][] = [
          ['States', counts.states],
          ['Secretariats', counts.secretariats],
          ['Users', counts.users],
          ['Custom templates', counts.customTemplates],
          ['Review cycles', counts.cycles],
          ['Submissions', counts.submissions],
          ['Submission versions', counts.submissionVersions],
          ['Audit events', counts.auditEvents],
        ];
        process.stdout.write(`Database: ${info.backend} (${info.location}), ${info.migrations} migration(s)\n`);
        for (const [label, n] of rows) process.stdout.write(`  ${label.padEnd(20)} ${n}\n`);
      });
    });

  const user = program.command('user').description('Manage accounts');
  withDatabaseOptions(
    user
      .command('add')
      .description('Create an account; without --password a random one is generated and shown once')
      .requiredOption('--email <email>', 'e-mail address, used to sign in')
      .requiredOption('--name <name>', 'full name, shown in version history')
      .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
      .option('--state <iso3>', 'for state-coordinator and state-contributor: the State, e.g. XAA')
      .option('--password <password>', 'the password (at least 10 characters); visible in the process list, so prefer the generated one'),
  ).action(async (options: DatabaseOptions & { email: string; name: string; role: string; state?: string; password?: string }) => {
    const password = options.password ?? generatePassword();
    await withServices(configFrom(options), async (services) => {
      const created = await services.users.create(systemActor, {
        email: options.email,
        name: options.name,
        role: options.role as Role, // checked by the service, which names the field if it is wrong
        password,
        stateIso3: options.state ?? null,
      });
      const state = created.stateIso3 ? `, ${stateByIso3(created.stateIso3)?.name ?? created.stateIso3}` : '';
      process.stdout.write(`Created ${created.email} (${created.role}${state}), id ${created.id}\n`);
      if (!options.password) process.stdout.write(`Password (shown only now, keep it safe): ${password}\n`);
    });
  });
}
