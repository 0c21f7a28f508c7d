// `gcm-review user grant|revoke|memberships`: who holds which role where, from the command line.
// The operator acts as the system (an administrator of everything); the service checks the rest
// (a role that fits the place, a known cycle, State, submission and question) and audits it.
import type { Command } from 'commander';
import { stateByIso3 } from '../../domain/reference.ts';
import { systemActor } from '../../services/actors.ts';
import { roles, type GrantInput, type MembershipInfo, type Role, type Services } from '../../services/types.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';

interface PlaceOptions {
  role: string;
  cycle?: string;
  submission?: string;
  question?: string;
  organisation?: string;
}

/** The options naming a role and where it applies, shared by grant and revoke. */
function withPlaceOptions(command: Command): Command {
  return withDatabaseOptions(
    command
      .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
      .option('--cycle <id>', 'in one review cycle (secretariat roles)')
      .option('--submission <cycle/iso3>', "in one State's submission to a cycle, e.g. CYCLE_ID/XAA (State roles)")
      .option('--question <key>', 'with --submission: in one question of it, e.g. 1a (state-contributor)')
      .option('--organisation <iso3|secretariat>', "in a State's office (its ISO3 code), or the whole secretariat"),
  );
}

/** The membership the options name, as the service takes it. */
export function placeOf(email: string, o: PlaceOptions): GrantInput {
  const given = [o.cycle, o.submission, o.organisation].filter((v) => v !== undefined);
  if (given.length !== 1) throw new CliError('Say where the role applies: one of --cycle <id>, --submission <cycle>/<iso3> or --organisation <iso3|secretariat>.');
  if (o.question !== undefined && o.submission === undefined) throw new CliError('--question names a question of a submission: give --submission <cycle>/<iso3> too.');
  const role = o.role as Role; // checked by the service, which names the field if it is wrong
  if (o.cycle !== undefined) return { user: email, role, scope: 'cycle', cycleId: o.cycle };
  if (o.submission !== undefined) {
    const [cycleId, iso3, ...rest] = o.submission.split('/');
    if (!cycleId || !iso3 || rest.length > 0) throw new CliError(`--submission takes <cycle>/<iso3>, e.g. 0d6c…/XAA; got "${o.submission}".`);
    return o.question !== undefined
      ? { user: email, role, scope: 'question', cycleId, stateIso3: iso3, questionKey: o.question }
      : { user: email, role, scope: 'submission', cycleId, stateIso3: iso3 };
  }
  const organisation = o.organisation!;
  return organisation.toLowerCase() === 'secretariat' ? { user: email, role, scope: 'secretariat' } : { user: email, role, scope: 'state', stateIso3: organisation };
}

/** Where a membership applies, as a sentence part: "the office of Republic of Arvenia (XAA)". */
export function placeLabel(m: Pick<MembershipInfo, 'scope' | 'stateIso3' | 'cycleId' | 'questionKey'>): string {
  const state = m.stateIso3 ? `${stateByIso3(m.stateIso3)?.name ?? m.stateIso3} (${m.stateIso3})` : '';
  switch (m.scope) {
    case 'secretariat':
      return 'the secretariat';
    case 'state':
      return `the office of ${state}`;
    case 'cycle':
      return `cycle ${m.cycleId}`;
    case 'submission':
      return `the submission of ${state} to cycle ${m.cycleId}`;
    case 'question':
      return `question ${m.questionKey} of the submission of ${state} to cycle ${m.cycleId}`;
  }
}

async function userId(services: Services, email: string): Promise<string> {
  const found = await services.users.findByEmail(email);
  if (!found) throw new CliError(`There is no account with the e-mail address ${email}.`);
  return found.id;
}

export function registerUserMembershipCommands(user: Command): void {
  withPlaceOptions(user.command('grant <email>').description('Give an account a role somewhere: a cycle, a submission (or one question of it), a State’s office or the secretariat')).action(
    async (email: string, options: DatabaseOptions & PlaceOptions) => {
      const input = placeOf(email, options);
      await withServices(configFrom(options), async (services) => {
        const { membership, created } = await services.memberships.grant(systemActor, input);
        const what = `${membership.user.email} is ${membership.role} in ${placeLabel(membership)}`;
        process.stdout.write(created ? `Granted: ${what} (membership ${membership.id}).\n` : `Unchanged: ${what} already (membership ${membership.id}).\n`);
      });
    },
  );

  withPlaceOptions(user.command('revoke <email>').description('Take back a role an account holds somewhere (the options of `user grant`)')).action(
    async (email: string, options: DatabaseOptions & PlaceOptions) => {
      const wanted = placeOf(email, options);
      await withServices(configFrom(options), async (services) => {
        const held = await services.memberships.list(systemActor, { userId: await userId(services, email) });
        const same = held.find(
          (m) =>
            m.role === wanted.role &&
            m.scope === wanted.scope &&
            (wanted.cycleId ?? null) === m.cycleId &&
            (wanted.stateIso3?.toUpperCase() ?? null) === m.stateIso3 &&
            (wanted.questionKey ?? null) === m.questionKey,
        );
        if (!same) throw new CliError(`${email} holds no such membership; \`gcm-review user memberships ${email}\` lists those they hold.`);
        const gone = await services.memberships.revoke(systemActor, same.id);
        process.stdout.write(`Revoked: ${gone.user.email} is no longer ${gone.role} in ${placeLabel(gone)}.\n`);
      });
    },
  );

  withDatabaseOptions(user.command('memberships <email>').description('List the roles an account holds, and where'))
    .option('--json', 'print JSON')
    .action(async (email: string, options: DatabaseOptions & { json?: boolean }) => {
      await withServices(configFrom(options), async (services) => {
        const held = await services.memberships.list(systemActor, { userId: await userId(services, email) });
        if (options.json) return printJson(held);
        if (held.length === 0) return void process.stdout.write(`${email} holds no role anywhere.\n`);
        process.stdout.write(formatTable([['ROLE', 'WHERE', 'MEMBERSHIP'], ...held.map((m) => [m.role, placeLabel(m), m.id])]));
      });
    });
}
