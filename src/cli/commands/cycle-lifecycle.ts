// `gcm-review cycle edit|open|extend|close|archive`: a cycle's life at the command line, through
// the same services as the web app and the API (src/services/cycles.ts): a draft's terms are
// edited, opening it mails its States' coordinators (and invites the people named for States that
// have none), an open cycle's deadline is extended (the coordinators are told), then it is closed
// and archived. Links in the mail point to --url, PUBLIC_URL, or http://localhost:3000.
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { systemActor } from '../../services/actors.ts';
import type { CoordinatorAddress, CycleChanges, CycleNotice, OpenedCycle } from '../../services/cycles.ts';
import type { LinkSettings } from '../../services/invitations.ts';
import type { CycleStatus } from '../../services/types.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, printJson } from '../output.ts';

type Options = DatabaseOptions & { json?: boolean; url?: string };

const urlOption = ['--url <base>', 'the address of the web app, for the links in the mail (default PUBLIC_URL, else http://localhost:3000)'] as const;

function linkOf(config: Config, options: Options): LinkSettings {
  return { baseUrl: options.url ?? config.publicUrl ?? 'http://localhost:3000', invitationDays: config.invitationDays };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** "XAA=ana@example.org" or "XAA=ana@example.org=Ana Ruiz": a coordinator to invite for a State. */
function coordinatorAddress(value: string, previous: CoordinatorAddress[] = []): CoordinatorAddress[] {
  const [stateIso3 = '', email = '', ...name] = value.split('=');
  if (!stateIso3 || !email) throw new CliError(`--coordinator takes ISO3=address (e.g. XAA=ana@example.org), not "${value}"`);
  return [...previous, { stateIso3, email, name: name.join('=') || null }];
}

function printNotice(result: CycleNotice | OpenedCycle, heard: string): void {
  for (const r of result.notified) process.stdout.write(`${heard} ${r.iso3} (${r.stateName}): ${r.to.join(', ')}\n`);
  if ('invited' in result) for (const r of result.invited) process.stdout.write(`Invited ${r.email} as the coordinator of ${r.iso3} (${r.stateName})\n`);
  for (const r of result.unreachable) process.stdout.write(`No one to tell in ${r.iso3} (${r.stateName}): no coordinator${'invited' in result ? ' and no address given' : ''}\n`);
}

export function registerCycleLifecycleCommands(cycle: Command): void {
  withDatabaseOptions(
    cycle
      .command('edit')
      .description("Change a draft cycle's terms or invited States (once open, only `extend`)")
      .argument('<id>', 'the cycle id')
      .option('--title <text>', 'the title')
      .option('--region <key>', 'the regional commission, e.g. escap')
      .option('--meeting-name <text>', 'the name of the meeting the cycle informs')
      .option('--meeting-place <text>', 'where the meeting is held')
      .option('--meeting-dates <text>', 'when the meeting is held, as written, e.g. "2-3 October 2031"')
      .option('--no-meeting', 'take the meeting off')
      .option('--deadline <date>', 'the deadline, YYYY-MM-DD')
      .option('--return-address <address>', 'an address the answers go to (repeat; replaces the list)', collect)
      .option('--invite <iso3>', 'invite this State too (repeat)', collect)
      .option('--uninvite <iso3>', 'take this State off (repeat; not once it has saved answers)', collect)
      .option('--json', 'print JSON'),
  ).action(
    async (
      id: string,
      options: Options & {
        title?: string;
        region?: string;
        meeting: boolean;
        meetingName?: string;
        meetingPlace?: string;
        meetingDates?: string;
        deadline?: string;
        returnAddress?: string[];
        invite?: string[];
        uninvite?: string[];
      },
    ) => {
      const config = configFrom(options);
      await withServices(config, async (services) => {
        const before = await services.cycles.get(systemActor, id);
        const changes: CycleChanges = { title: options.title, region: options.region, deadline: options.deadline, returnAddresses: options.returnAddress };
        if (!options.meeting) changes.meeting = null;
        else if (options.meetingName !== undefined || options.meetingPlace !== undefined || options.meetingDates !== undefined) {
          const meeting = { ...before.meeting, name: options.meetingName ?? before.meeting?.name ?? '' };
          if (options.meetingPlace !== undefined) meeting.place = options.meetingPlace;
          if (options.meetingDates !== undefined) meeting.dates = options.meetingDates;
          changes.meeting = meeting;
        }
        if (options.invite || options.uninvite) {
          const off = new Set((options.uninvite ?? []).map((c) => c.trim().toUpperCase()));
          changes.invitedStates = [...before.invitedStates, ...(options.invite ?? [])].filter((c) => !off.has(c.trim().toUpperCase()));
        }
        const result = await services.cycles.edit(systemActor, id, changes, linkOf(config, options));
        if (options.json) return printJson(result);
        const c = result.cycle;
        process.stdout.write(
          `${c.title}: ${c.status}, deadline ${c.deadline}, ${c.invitedCount} States invited (${c.invitedStates.join(', ')})` +
            `${c.meeting ? `; informs ${c.meeting.name}` : ''}${c.returnAddresses.length ? `; answers to ${c.returnAddresses.join(', ')}` : ''}\n`,
        );
        printNotice(result, 'Told');
      });
    },
  );

  withDatabaseOptions(
    cycle
      .command('open')
      .description("Open a draft cycle: mail each invited State's coordinators their link, invite coordinators for States that have none")
      .argument('<id>', 'the cycle id')
      .option('--coordinator <ISO3=address[=name]>', 'invite this person as the coordinator of a State (repeat)', coordinatorAddress)
      .option(...urlOption)
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: Options & { coordinator?: CoordinatorAddress[] }) => {
    const config = configFrom(options);
    await withServices(config, async (services) => {
      const result = await services.cycles.open(systemActor, id, { coordinators: options.coordinator }, linkOf(config, options));
      if (options.json) return printJson(result);
      process.stdout.write(`Opened ${result.cycle.title} (deadline ${result.cycle.deadline}).\n`);
      printNotice(result, 'Told');
    });
  });

  withDatabaseOptions(
    cycle
      .command('extend')
      .description("Move an open cycle's deadline later; the coordinators of States that have not handed in are told")
      .argument('<id>', 'the cycle id')
      .requiredOption('--deadline <date>', 'the new deadline, YYYY-MM-DD')
      .option(...urlOption)
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: Options & { deadline: string }) => {
    const config = configFrom(options);
    await withServices(config, async (services) => {
      const result = await services.cycles.edit(systemActor, id, { deadline: options.deadline }, linkOf(config, options));
      if (options.json) return printJson(result);
      process.stdout.write(`${result.cycle.title}: the deadline is ${result.cycle.deadline}.\n`);
      printNotice(result, 'Told');
    });
  });

  const statusCommand = (name: string, status: CycleStatus, description: string, done: string) =>
    withDatabaseOptions(cycle.command(name).description(description).argument('<id>', 'the cycle id').option('--json', 'print JSON')).action(
      async (id: string, options: Options) => {
        await withServices(configFrom(options), async (services) => {
          const result = await services.cycles.setStatus(systemActor, id, status);
          if (options.json) return printJson(result);
          process.stdout.write(`${result.title} ${done}.\n`);
        });
      },
    );
  statusCommand('close', 'closed', 'Close an open cycle: drafts can no longer be saved (a State may still submit)', 'is closed: drafts can no longer be saved');
  statusCommand('archive', 'archived', 'Archive a closed cycle', 'is archived');
}
