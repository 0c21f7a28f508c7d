// `gcm-review user revoke-sessions --email …`: ends every session of an account at once (a lost
// laptop, someone leaving, a password that leaked); the account must sign in again everywhere.
import type { Command } from 'commander';
import { systemActor } from '../../services/actors.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError } from '../output.ts';

export function registerUserSessionCommands(user: Command): void {
  withDatabaseOptions(
    user
      .command('revoke-sessions')
      .description('End every session of an account: it must sign in again everywhere')
      .requiredOption('--email <email>', "the account's e-mail address"),
  ).action(async (options: DatabaseOptions & { email: string }) => {
    await withServices(configFrom(options), async (services) => {
      const found = await services.users.findByEmail(options.email);
      if (!found) throw new CliError(`There is no account with the e-mail address ${options.email}.`);
      const ended = await services.sessions.revoke(systemActor, found.id);
      process.stdout.write(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${found.email}.\n`);
    });
  });
}
