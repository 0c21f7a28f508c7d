// `gcm-review audit list`: the audit log (who changed what, when), newest first, filtered by subject,
// actor, action and dates, a page at a time, or all of it as CSV (--csv).
import type { Command } from 'commander';
import { systemActor } from '../../services/actors.ts';
import type { AuditQuery } from '../../services/audit.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';

type Options = DatabaseOptions & { subject?: string; actor?: string; action?: string; from?: string; to?: string; limit: string; offset: string; csv?: boolean; json?: boolean };

/** A whole number option, or a CliError naming it. */
function whole(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new CliError(`--${name} must be a whole number, not "${value}".`);
  return n;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit log: who changed what, when');

  withDatabaseOptions(
    audit
      .command('list')
      .description('List the recorded changes, newest first; the filters narrow together')
      .option('--subject <subject>', 'a subject, e.g. cycle:<id>, submission:<cycle>/<ISO3>, user:<id>, publication:<id>; ending in *, those starting so (submission:<cycle>/*)')
      .option('--actor <text>', 'part of who acted: an e-mail address, system')
      .option('--action <action>', 'an action (submission.publish) or a kind of action (submission, cycle, membership, publication)')
      .option('--from <date>', 'from this day (YYYY-MM-DD, UTC) or moment (ISO 8601) on')
      .option('--to <date>', 'up to this day (included) or moment')
      .option('--limit <n>', 'how many events (1-1000)', '50')
      .option('--offset <n>', 'how many to skip', '0')
      .option('--csv', 'print every event the filters select as CSV (no paging)')
      .option('--json', 'print JSON'),
  ).action(async (options: Options) => {
    const query: AuditQuery = { subject: options.subject, actor: options.actor, action: options.action, from: options.from, to: options.to };
    const page = { limit: whole('limit', options.limit), offset: whole('offset', options.offset) };
    await withServices(configFrom(options), async (services) => {
      if (options.csv) return void process.stdout.write(await services.audit.csv(systemActor, query));
      const found = await services.audit.page(systemActor, { ...query, ...page });
      if (options.json) return printJson(found);
      if (found.events.length === 0) return void process.stdout.write(found.total === 0 ? 'No event matches.\n' : `No events past ${found.offset} (${found.total} match).\n`);
      process.stdout.write(formatTable([['TIME', 'ACTOR', 'ACTION', 'SUBJECT'], ...found.events.map((e) => [e.at, e.actor, e.action, e.subject])]));
      if (found.total > found.events.length) process.stdout.write(`(${found.offset + 1}-${found.offset + found.events.length} of ${found.total})\n`);
    });
  });
}
