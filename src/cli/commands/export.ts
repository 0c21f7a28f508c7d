// `gcm-review export`: a stored submission (--cycle, --state), or a response in a JSON file
// (--from, e.g. what `gcm-review import --json` prints), written as Word, text or JSON. With
// --from, a template whose items fit fixed slots (apac-2020) takes a response of today's model; a
// built-in questionnaire that does not (the national report, the stakeholder questionnaire) takes
// an ItemResponse, its answers by item key.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stateByIso3 } from '../../domain/reference.ts';
import { builtinQuestionnaire } from '../../domain/questionnaire/builtin/index.ts';
import { NotFixedSlots, toFixedSlots } from '../../domain/questionnaire/fixed-slots.ts';
import { localize } from '../../domain/questionnaire/localize.ts';
import { languagesOf, type Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import { ItemResponse } from '../../domain/questionnaire/response.ts';
import { Response } from '../../domain/response.ts';
import { formatPath, type Template } from '../../domain/template.ts';
import { exportFileName, exportForm, exportFormats, renderExport, type ExportForm, type ExportFormat } from '../../export/formats.ts';
import { builtinTemplate } from '../../services/builtin-templates.ts';
import { systemActor } from '../../services/actors.ts';
import { AppError } from '../../services/errors.ts';
import { templateIn } from '../../services/template-language.ts';
import { pgliteDir } from '../../store/paths.ts';
import { CliError } from '../output.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { unknownTemplate } from './unknown-template.ts';

type Options = DatabaseOptions & { cycle?: string; state?: string; from?: string; template?: string; language?: string; format: ExportFormat; output?: string };

interface Export {
  form: ExportForm;
  /** The response as given, which the json format writes. */
  stored: unknown;
  /** The file name used when -o is not given. */
  defaultName: string;
  /** What was exported, for the closing line ("Republic of Arvenia, version 3"). */
  what: string;
}

export function registerExportCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('export')
      .description('Write a stored submission, or a response in a JSON file, as a Word document, plain text or JSON')
      .option('--cycle <id>', 'the review cycle of the submission')
      .option('--state <iso3>', 'the State whose submission to export, e.g. XAA')
      .option('--from <file>', 'a response in JSON instead (such as `gcm-review import --json` prints)')
      .option('--template <id>', "with --from: the questionnaire template (default: the response's templateId)")
      .addOption(new Option('--format <format>', 'the file format').choices(exportFormats).default('docx'))
      .option('--language <code>', "the language of the form's text, e.g. fr (apac-2020: en, fr, ru); the answers stay as written")
      .option('-o, --output <file>', 'where to write (default: a name like XAA-asia-pacific-regional-review-2020-v3.docx in the current folder)'),
  ).action(async (options: Options) => {
    const found = options.from ? await fromFile(options.from, options) : await fromStore(options);
    const path = resolve(options.output ?? found.defaultName);
    const bytes = await renderExport(found.form, options.format, found.stored);
    try {
      await writeFile(path, bytes);
    } catch (err) {
      throw new CliError(`Cannot write ${path}: ${(err as Error).message}`);
    }
    process.stdout.write(`Wrote ${path} (${found.what}, ${options.format}, ${bytes.byteLength.toLocaleString('en')} bytes)\n`);
  });
}

async function fromStore(options: Options): Promise<Export> {
  if (!options.cycle || !options.state) throw new CliError('Say what to export: --cycle ID --state ISO3 for a stored submission, or --from FILE for a response in JSON.');
  if (options.template) throw new CliError("--template applies to --from; a stored submission is exported with its cycle's template.");
  const state = stateByIso3(options.state);
  if (!state) throw new CliError(`--state ${options.state}: there is no State with this ISO 3166 alpha-3 code.`);
  const config = configFrom(options);
  if (!databaseExists(config)) {
    throw new CliError(`There is no database at ${pgliteDir(config.dataDir)}; give --data-dir or --database-url (or DATA_DIR, DATABASE_URL) of the one that holds the cycle.`);
  }
  return withServices(config, async (services) => {
    const submission = await services.submissions.get(systemActor, options.cycle!, state.iso3);
    const cycle = await services.cycles.get(systemActor, options.cycle!);
    // The cycle's own questionnaire: the template as the cycle opened it, in the cycle's terms.
    const template = await services.cycles.template(systemActor, cycle.id, options.language);
    return {
      form: exportForm(template, submission.response),
      stored: submission.response,
      defaultName: exportFileName({ iso3: state.iso3, title: cycle.title, version: submission.version, format: options.format }),
      what: submission.version > 0 ? `${state.name}, version ${submission.version}` : `${state.name}, nothing saved yet: a blank form`,
    };
  });
}

async function fromFile(file: string, options: Options): Promise<Export> {
  if (options.cycle || options.state) throw new CliError('Use either --from FILE or --cycle ID --state ISO3, not both.');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    // What `import --json` prints carries the import report beside the response: not part of it.
    const { import: _report, ...response } = data as Record<string, unknown>;
    data = response;
  }
  const givenId = typeof data === 'object' && data !== null ? (data as { templateId?: unknown }).templateId : undefined;
  const items = await itemQuestionnaire(options.template ?? (typeof givenId === 'string' ? givenId : undefined), options);
  if (items) return fromItemFile(file, data, items, options);
  const response = parseResponse(file, Response, data);
  const template = inLanguage(await templateById(options.template ?? response.templateId, options), options.language);
  return {
    form: exportForm(template, response),
    stored: response,
    defaultName: exportFileName({ iso3: response.state?.iso3, title: template.id, format: options.format }),
    what: response.state ? `${response.state.name}, from ${file}` : `from ${file}`,
  };
}

/** A questionnaire (built in, or added to the database) whose items do not fit fixed slots: its responses are ItemResponses. */
async function itemQuestionnaire(id: string | undefined, options: Options): Promise<Questionnaire | undefined> {
  if (id === undefined) return undefined;
  const config = configFrom(options);
  const q = builtinQuestionnaire(id) ?? (databaseExists(config) ? await withServices(config, (s) => s.templates.questionnaire(id)) : undefined);
  if (!q) return undefined;
  try {
    toFixedSlots(localize(q, q.language));
    return undefined;
  } catch (err) {
    if (err instanceof NotFixedSlots) return q;
    throw err;
  }
}

function fromItemFile(file: string, data: unknown, q: Questionnaire, options: Options): Export {
  const response = parseResponse(file, ItemResponse, data);
  if (response.templateId !== q.id) throw new CliError(`${file} answers the template "${response.templateId}", not "${q.id}".`);
  if (options.language !== undefined && !languagesOf(q).includes(options.language)) {
    throw new CliError(`The template "${q.id}" is not available in "${options.language}"; available: ${languagesOf(q).join(', ')}`);
  }
  return {
    form: { questionnaire: q, response, language: options.language },
    stored: response,
    defaultName: exportFileName({ iso3: response.state?.iso3, title: q.id, format: options.format }),
    what: response.state ? `${response.state.name}, from ${file}` : `from ${file}`,
  };
}

/** The file's data read by `schema`, or a one-line error naming every bad field. */
function parseResponse<T>(file: string, schema: { safeParse: (data: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? formatPath(i.path as (string | number)[]) : '(the response as a whole)'}: ${i.message}`);
    throw new CliError(`${file} is not a valid response: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The template's text in `language` (template-language.ts); a language it has not is a one-line error. */
function inLanguage(template: Template, language: string | undefined): Template {
  try {
    return templateIn(template, language);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  }
}

/** A built-in template, or one added to the database (if there is a database). */
async function templateById(id: string, options: Options): Promise<Template> {
  const builtIn = builtinTemplate(id);
  if (builtIn) return builtIn;
  const config = configFrom(options);
  const added = databaseExists(config) ? await withServices(config, (s) => s.templates.get(id)) : undefined;
  if (!added) throw unknownTemplate(id);
  return added;
}
