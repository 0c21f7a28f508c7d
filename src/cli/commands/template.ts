// `gcm-review template list|show|add`. Built-in templates need no database: list and show read
// the database only when one exists (for templates a secretariat added), and never create one.
// A template is written in fixed slots (apac-2020, and templates added that way) or in the item
// model (the national report, the stakeholder questionnaire, templates added with `items`); show
// prints each as it is written.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { fillPlaceholders, unknownPlaceholders } from '../../domain/placeholders.ts';
import { fillQuestionnairePlaceholders } from '../../domain/questionnaire/placeholders.ts';
import { kindOf } from '../../domain/questionnaire/registry.ts';
import { localize } from '../../domain/questionnaire/localize.ts';
import { languagesOf, walk, type Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import type { Question, Template } from '../../domain/template.ts';
import { builtinQuestionnaire, builtinQuestionnaires, builtinTemplate, parseAnyTemplateFile } from '../../services/builtin-templates.ts';
import { systemActor } from '../../services/actors.ts';
import { isQuestionnaire, templateSummary, type AnyTemplate } from '../../services/template-summary.ts';
import type { TemplateSummary } from '../../services/types.ts';
import { CliError, formatTable, printJson } from '../output.ts';
import { unknownTemplate } from './unknown-template.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

type Options = DatabaseOptions & { json?: boolean; language?: string };

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
    .option('--json', 'print the full template as JSON, as it is written (fixed slots, or the item model)')
    .option('--language <code>', 'the outline in one of the languages the template is offered in, e.g. fr')
    .action(async (id: string, options: Options) => {
      const found = await findTemplate(id, options);
      if (options.json) printJson(found.template);
      // The outline reads as the blank form prints; --json is the definition, placeholders and all.
      else if (isQuestionnaire(found.template)) process.stdout.write(questionnaireOutline(found.template, found.builtIn, options.language));
      else if (options.language && options.language !== found.template.language) {
        throw new CliError(`The template "${id}" is only in "${found.template.language}".`);
      } else process.stdout.write(templateOutline(fillPlaceholders(found.template), found.builtIn));
    });

  withDatabaseOptions(
    template
      .command('add')
      .description('Add a template from a JSON or YAML file, in fixed slots or in the item model (with `items`); refused, naming each bad field, if it is not valid')
      .argument('<file>', 'template file (.json, .yaml or .yml)'),
  ).action(async (file: string, options: DatabaseOptions) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
    }
    const parsed = parseAnyTemplateFile(text, basename(file));
    const problems = parsed.ok ? unknownPlaceholders(parsed.value) : parsed.problems;
    if (!parsed.ok || problems.length > 0) {
      throw new CliError(`${file} is not a valid template; nothing was added:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    }
    await withServices(configFrom(options), async (services) => {
      const added = templateSummary(await services.templates.add(systemActor, parsed.value), false);
      process.stdout.write(`Added template ${added.id}, version ${added.version}: ${added.title}\n`);
    });
  });
}

/** The built-in templates' lines: no database needed. */
function builtinSummaries(): TemplateSummary[] {
  return builtinQuestionnaires.map((q) => templateSummary(q, true));
}

async function listTemplates(options: DatabaseOptions): Promise<TemplateSummary[]> {
  const config = configFrom(options);
  if (!databaseExists(config)) return builtinSummaries();
  return withServices(config, (services) => services.templates.list());
}

/** The template as written: a built-in's fixed slots when it has them (apac-2020), else its questionnaire; a custom one as it was added. */
async function findTemplate(id: string, options: DatabaseOptions): Promise<{ template: AnyTemplate; builtIn: boolean }> {
  const builtIn = builtinTemplate(id) ?? builtinQuestionnaire(id);
  if (builtIn) return { template: builtIn, builtIn: true };
  const config = configFrom(options);
  const custom = databaseExists(config)
    ? await withServices(config, async (_services, db) => (await import('../../services/templates.ts')).findAnyTemplate(db.drizzle, id))
    : undefined;
  if (!custom) throw unknownTemplate(id);
  return custom;
}

/** A plain-text table, one template a line. */
export function templateTable(summaries: TemplateSummary[]): string {
  return formatTable([
    ['ID', 'NAME', 'VERSION', 'BUILT-IN', 'ANSWERED BY', 'LANGUAGES', 'QUESTIONS'],
    ...summaries.map((s) => [
      s.id,
      s.name,
      String(s.version),
      s.builtIn ? 'yes' : 'no',
      s.respondentType,
      s.languages.join(', '),
      String(s.questionCount),
    ]),
  ]);
}

/**
 * A readable outline of an item-model template in one language (its default one when none is
 * asked): each item in form order, indented under its section, with its printed number and kind.
 */
export function questionnaireOutline(template: Questionnaire, builtIn: boolean, language?: string): string {
  const languages = languagesOf(template);
  if (language !== undefined && !languages.includes(language)) {
    throw new CliError(`The template "${template.id}" is not available in "${language}"; available: ${languages.join(', ')}.`);
  }
  const q = fillQuestionnairePlaceholders(localize(template, language ?? template.language));
  const plain = (text: unknown) => String(text ?? '');
  const lines = [
    plain(q.title),
    `  id ${q.id}, version ${q.version}, ${builtIn ? 'built-in' : 'added'}, answered by a ${q.respondentType}, languages ${languages.join(', ')}`,
  ];
  if (q.subtitle) lines.push(`  ${plain(q.subtitle)}`);
  if (q.meeting) lines.push(`  Meeting: ${[q.meeting.name, q.meeting.place, q.meeting.dates].filter(Boolean).map(plain).join(', ')}`);
  for (const { item, sections, number, concerns } of walk(q)) {
    const indent = '  '.repeat(sections.length);
    // What marks the item in the form (its prompt or heading), else what it is.
    const words = kindOf(item).texts(item).find((t) => t.role === 'marker')?.text;
    if (item.kind === 'section') {
      const objectives = concerns.objectives.length && !sections.some((s) => s.concerns?.objectives) ? ` (objective${concerns.objectives.length > 1 ? 's' : ''} ${concerns.objectives.join(', ')})` : '';
      lines.push('', `${indent}${number ? `${number}. ` : ''}${plain(item.heading ?? words ?? item.key ?? 'Section')}${objectives}`);
    } else {
      const detail = item.kind === 'contact' ? item.fields.map((f) => plain(f.label)).join('; ') : plain(words ?? item.key);
      lines.push(`${indent}  ${(number ?? '').padEnd(4)} ${item.kind.padEnd(10)} ${detail}`);
    }
  }
  return lines.join('\n') + '\n';
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
