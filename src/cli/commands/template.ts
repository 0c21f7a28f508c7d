// `gcm-review template list|show|add`. Built-in templates need no database: list and show read
// the database only when one exists (for templates a secretariat added), and never create one.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { fillPlaceholders, unknownPlaceholders } from '../../domain/placeholders.ts';
import type { Question, Template } from '../../domain/template.ts';
import { builtinTemplate, builtinTemplates, parseTemplateFile } from '../../services/builtin-templates.ts';
import { systemActor } from '../../services/actors.ts';
import { templateSummary } from '../../services/template-summary.ts';
import type { TemplateSummary } from '../../services/types.ts';
import { CliError, formatTable, printJson } from '../output.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

type Options = DatabaseOptions & { json?: boolean };

export function registerTemplateCommands(program: Command): void {
  const template = program.command('template').description('Questionnaire templates: list, show, add');

  withDatabaseOptions(template.command('list').description('List the templates: built-in ones and those added'))
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      const summaries = await listTemplates(options);
      if (options.json) printJson(summaries);
      else process.stdout.write(templateTable(summaries));
    });

  withDatabaseOptions(template.command('show').description('Show a template: an outline, or the full template as JSON').argument('<id>', 'template id, e.g. apac-2020'))
    .option('--json', 'print the full template as JSON')
    .action(async (id: string, options: Options) => {
      const found = await findTemplate(id, options);
      if (options.json) printJson(found.template);
      // The outline reads as the blank form prints; --json is the definition, placeholders and all.
      else process.stdout.write(templateOutline(fillPlaceholders(found.template), found.builtIn));
    });

  withDatabaseOptions(
    template
      .command('add')
      .description('Add a template from a JSON or YAML file; refused, naming each bad field, if it is not valid')
      .argument('<file>', 'template file (.json, .yaml or .yml)'),
  ).action(async (file: string, options: DatabaseOptions) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
    }
    const parsed = parseTemplateFile(text, basename(file));
    const problems = parsed.ok ? unknownPlaceholders(parsed.value) : parsed.problems;
    if (!parsed.ok || problems.length > 0) {
      throw new CliError(`${file} is not a valid template; nothing was added:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    }
    await withServices(configFrom(options), async (services) => {
      const added = await services.templates.add(systemActor, parsed.value);
      process.stdout.write(`Added template ${added.id}, version ${added.version}: ${added.title}\n`);
    });
  });
}

async function listTemplates(options: DatabaseOptions): Promise<TemplateSummary[]> {
  const config = configFrom(options);
  if (!databaseExists(config)) return builtinTemplates().map((t) => templateSummary(t, true));
  return withServices(config, (services) => services.templates.list());
}

async function findTemplate(id: string, options: DatabaseOptions): Promise<{ template: Template; builtIn: boolean }> {
  const builtIn = builtinTemplate(id);
  if (builtIn) return { template: builtIn, builtIn: true };
  const config = configFrom(options);
  const custom = databaseExists(config) ? await withServices(config, (services) => services.templates.get(id)) : undefined;
  if (!custom) {
    const known = builtinTemplates().map((t) => t.id).join(', ');
    throw new CliError(`There is no template "${id}". Built-in templates: ${known}; \`gcm-review template list\` shows all.`);
  }
  return { template: custom, builtIn: false };
}

/** A plain-text table, one template a line. */
export function templateTable(summaries: TemplateSummary[]): string {
  return formatTable([
    ['ID', 'NAME', 'VERSION', 'BUILT-IN', 'QUESTIONS'],
    ...summaries.map((s) => [s.id, s.name, String(s.version), s.builtIn ? 'yes' : 'no', String(s.questionCount)]),
  ]);
}

/** A readable outline of a template: what is asked, in the order of the form. */
export function templateOutline(t: Template, builtIn: boolean): string {
  const lines: string[] = [`${t.title}`, `  id ${t.id}, version ${t.version}, ${builtIn ? 'built-in' : 'added'}, answered by a ${t.respondentType}, language ${t.language}`];
  if (t.subtitle) lines.push(`  ${t.subtitle}`);
  if (t.meeting) lines.push(`  Meeting: ${[t.meeting.name, t.meeting.place, t.meeting.dates].filter(Boolean).join(', ')}`);
  lines.push('', `Contact block: ${t.contactFields.map((f) => f.label).join('; ')}`);
  if (t.consent) lines.push(`Consent: ${t.consent.prompt} (${t.consent.yesLabel} / ${t.consent.noLabel})`);
  for (const c of t.clusters) {
    lines.push('', `Cluster ${c.number}. ${c.title} (objectives ${c.objectives.join(', ')})`);
    for (const q of c.questions) lines.push(question(q));
  }
  if (t.principlesQuestion) {
    lines.push('', `${t.principlesQuestion.key}. ${t.principlesQuestion.prompt}`);
    for (const p of t.principles) lines.push(`    - ${p.title}`);
  }
  if (t.openQuestions.length > 0) {
    lines.push('', t.openQuestionsHeading ?? 'Other questions');
    for (const q of t.openQuestions) lines.push(question(q));
  }
  return lines.join('\n') + '\n';
}

function question(q: Question): string {
  return `  ${q.key.padEnd(4)} ${q.prompt}${q.wordGuidance ? ` (about ${q.wordGuidance} words)` : ''}`;
}
