// `gcm-review cycle list|show`: the review cycles in the database, and who has answered;
// `cycle edit|open|extend|close|archive` (cycle-lifecycle.ts): their life from draft to archive.
// Their ids are what `import --into` and `export --cycle` take. `cycle tracking` and `cycle remind`:
// the secretariat's tracking table (printed, or as CSV/XLSX) and reminders to those who have not handed in.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { trackingCsv } from '../../domain/tracking.ts';
import { trackingXlsx } from '../../export/tracking-xlsx.ts';
import { systemActor } from '../../services/actors.ts';
import { formatTable, printJson } from '../output.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { registerCycleLifecycleCommands } from './cycle-lifecycle.ts';
import { registerReminderCommands } from './reminders.ts';

type Options = DatabaseOptions & { json?: boolean };

export function registerCycleCommands(program: Command): void {
  const cycle = program.command('cycle').description('Review cycles: list them, show who has answered, edit, open, extend, close and archive them, track and remind them');

  withDatabaseOptions(cycle.command('list').description('List the review cycles with their ids').option('--json', 'print JSON')).action(
    async (options: Options) => {
      await withServices(configFrom(options), async (services) => {
        const cycles = await services.cycles.list(systemActor);
        if (options.json) return printJson(cycles);
        if (cycles.length === 0) return void process.stdout.write('No review cycles yet. Open one in the web app (secretariat).\n');
        process.stdout.write(
          formatTable([
            ['ID', 'TITLE', 'TEMPLATE', 'DEADLINE', 'STATUS', 'INVITED'],
            ...cycles.map((c) => [c.id, c.title, c.templateId, c.deadline, c.status, String(c.invitedCount)]),
          ]),
        );
      });
    },
  );

  withDatabaseOptions(
    cycle.command('show').description("A cycle's terms and each invited State's submission").argument('<id>', 'the cycle id').option('--json', 'print JSON'),
  ).action(async (id: string, options: Options) => {
    await withServices(configFrom(options), async (services) => {
      const summary = await services.cycles.get(systemActor, id);
      const submissions = await services.cycles.submissions(systemActor, id);
      if (options.json) return printJson({ ...summary, submissions });
      process.stdout.write(`${summary.title}\n  template ${summary.templateId}, deadline ${summary.deadline}, ${summary.status}\n\n`);
      process.stdout.write(
        formatTable([
          ['STATE', 'NAME', 'STATUS', 'VERSION', 'UPDATED'],
          ...submissions.map((s) => [s.state.iso3, s.state.name, s.status, String(s.version), s.updatedAt ?? '-']),
        ]),
      );
    });
  });

  registerCycleLifecycleCommands(cycle);
  registerReminderCommands(cycle);

  withDatabaseOptions(
    cycle
      .command('tracking')
      .description("Each invited State's progress: coordinators, status, last activity, completeness, consent, days to the deadline")
      .argument('<id>', 'the cycle id')
      .option('--csv <file>', 'write the table as CSV to this file')
      .option('--xlsx <file>', 'write the table as an XLSX workbook to this file')
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: Options & { csv?: string; xlsx?: string }) => {
    await withServices(configFrom(options), async (services) => {
      const table = await services.tracking.table(systemActor, id);
      if (options.csv) await writeFile(options.csv, trackingCsv(table.rows));
      if (options.xlsx) await writeFile(options.xlsx, await trackingXlsx(table.cycle.title, table.rows));
      if (options.csv || options.xlsx) return void process.stdout.write(`Wrote ${[options.csv, options.xlsx].filter(Boolean).join(' and ')} (${table.rows.length} States).\n`);
      if (options.json) return printJson(table);
      process.stdout.write(`${table.cycle.title}: deadline ${table.cycle.deadline}; ${Object.entries(table.counts).map(([k, n]) => `${n} ${k}`).join(', ')}\n\n`);
      process.stdout.write(
        formatTable([
          ['STATE', 'STATUS', 'COORDINATORS', 'LAST ACTIVITY', 'QUESTIONS', 'PRINCIPLES', 'WORDS', 'CONSENT', 'DAYS'],
          ...table.rows.map((r) => [
            r.iso3,
            r.status,
            r.coordinators.map((c) => c.email).join(', ') || '-',
            r.lastActivity ? `${r.lastActivity.at.slice(0, 16).replace('T', ' ')} ${r.lastActivity.by}` : '-',
            `${r.completeness.questionsAnswered}/${r.completeness.questionsTotal}`,
            `${r.completeness.principlesAnswered}/${r.completeness.principlesTotal}`,
            `${r.completeness.words}/${r.completeness.wordGuidance}`,
            r.consent,
            r.daysToDeadline === null ? '-' : String(r.daysToDeadline),
          ]),
        ]),
      );
    });
  });

  withDatabaseOptions(
    cycle
      .command('remind')
      .description("Send a reminder now to the coordinators of every State that has not handed in (or of those --state names); each mail goes to the outbox")
      .argument('<id>', 'the cycle id')
      .option('--state <iso3...>', 'only these States (ISO3 codes)')
      .option('--url <base>', 'the address of the web app, for the link in the mail', 'http://localhost:3000')
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: Options & { state?: string[]; url: string }) => {
    await withServices(configFrom(options), async (services) => {
      const result = await services.tracking.remind(systemActor, id, { states: options.state, linkBase: options.url });
      if (options.json) return printJson(result);
      for (const r of result.reminded) process.stdout.write(`Reminded ${r.iso3} (${r.stateName}): ${r.to.join(', ')}\n`);
      for (const r of result.noCoordinator) process.stdout.write(`No coordinator to remind for ${r.iso3} (${r.stateName})\n`);
      for (const r of result.skipped) process.stdout.write(`Skipped ${r.iso3} (${r.stateName}): ${r.status}\n`);
      if (result.reminded.length + result.noCoordinator.length + result.skipped.length === 0) process.stdout.write('No State to remind.\n');
    });
  });
}
