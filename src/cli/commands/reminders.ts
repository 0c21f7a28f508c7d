// `gcm-review cycle reminders <id>`: a cycle's scheduled reminders, listed, added (--add DAYS,
// negative before the deadline) or removed (--remove DAYS). The reminder job (`gcm-review worker`,
// or the server itself) mails them on their day; "remind now" is `cycle remind`.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../services/actors.ts';
import { describeOffset } from '../../services/reminders.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';

interface Options extends DatabaseOptions {
  add?: string;
  remove?: string;
  subject?: string;
  body?: string;
  bodyFile?: string;
  json?: boolean;
}

/** "-7" → -7; anything but a whole number is refused naming the option. */
function days(value: string, option: string): number {
  if (!/^[+-]?\d+$/.test(value.trim())) throw new CliError(`${option} takes a whole number of days from the deadline (negative before it), e.g. ${option} -7, not "${value}".`);
  return Number(value);
}

export function registerReminderCommands(cycle: Command): void {
  withDatabaseOptions(
    cycle
      .command('reminders')
      .description("A cycle's scheduled reminders: list them, add one (--add DAYS from the deadline, negative before it) or remove one (--remove DAYS)")
      .argument('<id>', 'the cycle id')
      .option('--add <days>', 'add a reminder this many days from the deadline (-7: a week before; 3: three days after)')
      .option('--subject <text>', "with --add: the subject line instead of the built-in one (placeholders such as {stateName}, {deadline})")
      .option('--body <text>', 'with --add: the text instead of the built-in one (paragraphs between blank lines)')
      .option('--body-file <path>', 'with --add: the text, read from a file')
      .option('--remove <days>', 'remove the reminder on this day from the deadline')
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: Options) => {
    if (options.add !== undefined && options.remove !== undefined) throw new CliError('Give --add or --remove, not both.');
    if (options.add === undefined && (options.subject !== undefined || options.body !== undefined || options.bodyFile !== undefined)) {
      throw new CliError('--subject, --body and --body-file go with --add.');
    }
    if (options.body !== undefined && options.bodyFile !== undefined) throw new CliError('Give --body or --body-file, not both.');
    const body = options.bodyFile !== undefined ? await readFile(options.bodyFile, 'utf8').catch((err: Error) => Promise.reject(new CliError(`Cannot read ${options.bodyFile}: ${err.message}`))) : options.body;
    await withServices(configFrom(options), async (services) => {
      if (options.add !== undefined) {
        const rule = await services.reminders.add(systemActor, id, { offsetDays: days(options.add, '--add'), subject: options.subject, body });
        if (options.json) return printJson(rule);
        return void process.stdout.write(`Added a reminder ${describeOffset(rule.offsetDays)}: it goes out on ${rule.sendOn}.\n`);
      }
      if (options.remove !== undefined) {
        const offset = days(options.remove, '--remove');
        const { rules } = await services.reminders.list(systemActor, id);
        const rule = rules.find((r) => r.offsetDays === offset);
        if (!rule) throw new CliError(`This cycle has no reminder ${describeOffset(offset)}; its reminders are on ${rules.map((r) => r.offsetDays).join(', ') || 'no day yet'}.`);
        const removed = await services.reminders.remove(systemActor, id, rule.id);
        if (options.json) return printJson(removed);
        return void process.stdout.write(`Removed the reminder ${describeOffset(removed.offsetDays)} (it had reminded ${removed.delivered} State${removed.delivered === 1 ? '' : 's'}).\n`);
      }
      const list = await services.reminders.list(systemActor, id);
      if (options.json) return printJson(list);
      process.stdout.write(`${list.cycle.title}: deadline ${list.cycle.deadline}, ${list.cycle.status}\n\n`);
      if (list.rules.length === 0) return void process.stdout.write('No scheduled reminders yet. Add one with --add DAYS (e.g. --add -7 for a week before the deadline).\n');
      process.stdout.write(
        formatTable([
          ['DAYS', 'WHEN', 'SENDS ON', 'REMINDED', 'SUBJECT'],
          ...list.rules.map((r) => [String(r.offsetDays), describeOffset(r.offsetDays), r.sendOn, String(r.delivered), r.subject ?? `(built-in) ${list.builtIn.subject}`]),
        ]),
      );
    });
  });
}
