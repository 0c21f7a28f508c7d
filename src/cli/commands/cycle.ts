// `gcm-review cycle list|show`: the review cycles in the database, and who has answered.
// Their ids are what `import --into` and `export --cycle` take.
import type { Command } from 'commander';
import { systemActor } from '../../services/actors.ts';
import { formatTable, printJson } from '../output.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

type Options = DatabaseOptions & { json?: boolean };

export function registerCycleCommands(program: Command): void {
  const cycle = program.command('cycle').description('Review cycles: list them, show who has answered');

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
}
