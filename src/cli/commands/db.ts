// `gcm-review db migrate|info` and `gcm-review user add` (`user revoke-sessions` is in user-sessions.ts, `user grant|revoke|memberships` in user-memberships.ts). The database options and helpers that
// every command touching the database shares live in ../database.ts (re-exported here).
import type { Command } from 'commander';
import { stateByIso3 } from '../../domain/reference.ts';
import { generatePassword, systemActor } from '../../services/index.ts';
import { roles, type Role } from '../../services/types.ts';
import { pgliteDir } from '../../store/paths.ts';
import { databaseCounts } from '../../store/info.ts';
import { knownMigrations } from '../../store/migrate.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { printJson } from '../output.ts';
import { registerUserMembershipCommands } from './user-memberships.ts';
import { registerUserSessionCommands } from './user-sessions.ts';

export { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Create, upgrade and inspect the database');

  withDatabaseOptions(db.command('migrate').description('Apply the migrations this version needs (also done on every start)')).action(
    async (options: DatabaseOptions) => {
      await withServices(configFrom(options), async (_services, database) => {
        // A new store made from the pre-built image has every migration: the build applied them.
        const ran = database.created === 'image' ? knownMigrations().map((m) => m.tag) : database.appliedMigrations;
        process.stdout.write(`Database: ${database.kind} (${database.location})${database.created === 'image' ? ', new, made from the pre-built image' : ''}\n`);
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
  registerUserSessionCommands(user);
  registerUserMembershipCommands(user);
}
