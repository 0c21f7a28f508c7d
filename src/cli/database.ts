// The database options every command touching the database shares, and the one way a command
// opens it. Light on purpose: the drivers, the ORM and the services load only when a command
// really opens the database, so commands that may not need it (`template list`) start fast.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { AppError } from '../services/errors.ts';
import type { Services } from '../services/types.ts';
import type { Database } from '../store/database.ts';
import { StoreLocked } from '../store/lock.ts';
import { pgliteDir } from '../store/paths.ts';
import { CliError } from './output.ts';

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
  const [{ openDatabase, redactUrl }, { createServices }] = await Promise.all([import('../store/database.ts'), import('../services/index.ts')]);
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (err) {
    if (err instanceof StoreLocked) throw new CliError(err.message); // names the process holding the store, and what to do
    throw new CliError(`Cannot open the database at ${config.databaseUrl ? redactUrl(config.databaseUrl) : pgliteDir(config.dataDir)}: ${(err as Error).message}`);
  }
  try {
    return await fn(createServices(db, { mail: config }), db);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  } finally {
    await db.close();
  }
}
