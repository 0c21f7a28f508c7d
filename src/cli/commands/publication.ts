// `gcm-review publication list|show`: the published reports, as the public reads them (only those
// public now; a draft or an unpublished report never appears). Publishing and unpublishing are
// workflow steps: `gcm-review submission publish|unpublish`.
import type { Command } from 'commander';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { formatTable, printJson } from '../output.ts';

type Options = DatabaseOptions & { json?: boolean };

export function registerPublicationCommands(program: Command): void {
  const publication = program.command('publication').description('Published reports: list those public now, show one');

  withDatabaseOptions(publication.command('list').description('List the reports public now, newest first').option('--json', 'print JSON')).action(async (options: Options) => {
    await withServices(configFrom(options), async (services) => {
      const list = await services.publications.list();
      if (options.json) return printJson(list);
      if (list.length === 0) return void process.stdout.write('No report is published.\n');
      process.stdout.write(
        formatTable([
          ['PUBLISHED', 'STATE', 'CYCLE', 'VERSION', 'ID'],
          ...list.map((p) => [p.publishedAt, `${p.state.name} (${p.state.iso3})`, p.cycle.title, String(p.version), p.id]),
        ]),
      );
    });
  });

  withDatabaseOptions(
    publication
      .command('show')
      .description('Show a published report: whose, which cycle, when and by whom (--json: the whole snapshot, answers and questionnaire)')
      .argument('<id>', 'the publication id (gcm-review publication list)')
      .option('--json', 'print the snapshot as JSON'),
  ).action(async (id: string, options: Options) => {
    await withServices(configFrom(options), async (services) => {
      const p = await services.publications.get(id);
      if (options.json) return printJson(p);
      const meeting = p.cycle.meeting ? [p.cycle.meeting.name, p.cycle.meeting.place, p.cycle.meeting.dates].filter(Boolean).join(', ') : '';
      const lines = [
        `State:      ${p.state.name} (${p.state.iso3})`,
        `Cycle:      ${p.cycle.title}`,
        ...(meeting ? [`Meeting:    ${meeting}`] : []),
        `Version:    ${p.version}`,
        `Published:  ${p.publishedAt} by ${p.publishedBy}`,
        `Questions:  ${p.template.title}`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
  });
}
