// `gcm-review export`: a stored submission (--cycle, --state), or a response in a JSON file
// (--from, e.g. what `gcm-review import --json` prints), written as Word, text or JSON.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stateByIso3 } from '../../domain/reference.ts';
import { Response } from '../../domain/response.ts';
import { formatPath, type Template } from '../../domain/template.ts';
import { exportFileName, exportFormats, renderExport, type ExportFormat } from '../../export/formats.ts';
import { builtinTemplate } from '../../services/builtin-templates.ts';
import { systemActor } from '../../services/actors.ts';
import { AppError } from '../../services/errors.ts';
import { templateIn } from '../../services/template-language.ts';
import { pgliteDir } from '../../store/paths.ts';
import { CliError } from '../output.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

type Options = DatabaseOptions & { cycle?: string; state?: string; from?: string; template?: string; language?: string; format: ExportFormat; output?: string };

interface Export {
  template: Template;
  response: Response;
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
    const bytes = await renderExport(found.template, found.response, options.format);
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
      template,
      response: submission.response,
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
  const parsed = Response.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? formatPath(i.path) : '(the response as a whole)'}: ${i.message}`);
    throw new CliError(`${file} is not a valid response: ${problems.join('; ')}`);
  }
  const response = parsed.data;
  const template = inLanguage(await templateById(options.template ?? response.templateId, options), options.language);
  return {
    template,
    response,
    defaultName: exportFileName({ iso3: response.state?.iso3, title: template.id, format: options.format }),
    what: response.state ? `${response.state.name}, from ${file}` : `from ${file}`,
  };
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
  if (!added) throw new CliError(`There is no template "${id}"; \`gcm-review template list\` shows the templates there are, and --template chooses one.`);
  return added;
}
