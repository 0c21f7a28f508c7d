// The work of `gcm-review import` (import.ts registers the command and starts the first worker):
// checks the options, finds the template, reads each file in the import pool and prints or stores
// what was read. A folder's files are read several at a time, one a core, and stored one after the
// other in the folder's order.
import { basename } from 'node:path';
import { stateByIso3 } from '../../domain/reference.ts';
import type { Response } from '../../domain/response.ts';
import { proseQuestions, type Template } from '../../domain/template.ts';
import { builtinQuestionnaire } from '../../domain/questionnaire/builtin/index.ts';
import { answeredItems, type Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../../domain/questionnaire/response.ts';
import { readFileWithinLimit } from '../../ingest/file-size.ts';
import type { ItemImportResult } from '../../ingest/items.ts';
import type { ImportPool } from '../../ingest/pool.ts';
import { ImportError } from '../../ingest/source.ts';
import type { ImportResult } from '../../ingest/types.ts';
import { actorFor, systemActor } from '../../services/actors.ts';
import { builtinTemplate } from '../../services/builtin-templates.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, Services } from '../../services/types.ts';
import { configFrom, databaseExists, withServices } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';
import { defaultTemplate, type ImportOptions as Options } from './import.ts';
import { itemSummary, reportLines } from './import-items.ts';
import { unknownTemplate } from './unknown-template.ts';

export async function runImport(pool: ImportPool, what: { file: string } | { folder: string[] }, options: Options): Promise<void> {
  if (options.state && !options.into) throw new CliError('--state says whose draft to store the response in: use it with --into CYCLE.');
  if (options.state && !stateByIso3(options.state)) throw new CliError(`--state ${options.state}: there is no State with this ISO 3166 alpha-3 code.`);
  if ('folder' in what && options.state) throw new CliError('--state applies to one file; in a folder each file names its State in its contact block.');
  if (options.as && !options.into) throw new CliError('--as says who stores the imports: use it with --into CYCLE.');
  const importer = 'folder' in what ? (s?: Store) => importFolder(pool, what.folder, options, s) : (s?: Store) => importFile(pool, what.file, options, s);
  if (options.into) await withServices(configFrom(options), async (services) => importer(await openStore(services, options.into!, options)));
  else await importer();
}

/**
 * Where --into stores: the cycle, and each State's version as it was when the command started.
 * Every save states the version it started from, so a save made meanwhile (in the web app) is
 * not overwritten: that file is refused with a conflict naming who saved what.
 */
interface Store {
  services: Services;
  /** Who imports: the user named by --as, else the operator. */
  actor: Actor;
  cycleId: string;
  /** The cycle's own questionnaire (the template as the cycle opened it, in its terms): what the files are read with. */
  template: Template | Questionnaire;
  versions: Map<string, number>;
}

async function openStore(services: Services, cycleId: string, options: Options): Promise<Store> {
  const actor = options.as ? await importingUser(services, options.as) : systemActor;
  const cycle = await services.cycles.get(actor, cycleId);
  const template = await services.cycles.template(actor, cycle.id);
  if (options.template && options.template !== template.id) {
    throw new CliError(`--template ${options.template}: the review cycle "${cycle.title}" asks the questionnaire "${template.id}"; its files are read with that one (leave --template out).`);
  }
  const submissions = await services.cycles.submissions(actor, cycleId);
  return { services, actor, cycleId, template, versions: new Map(submissions.map((s) => [s.state.iso3, s.version])) };
}

/** The user --as names, acting with their own rights. */
async function importingUser(services: Services, email: string): Promise<Actor> {
  const user = await services.users.findByEmail(email);
  if (!user) throw new CliError(`--as ${email}: there is no user with this e-mail address (\`gcm-review user add\` adds one).`);
  return actorFor(user);
}

async function importFile(pool: ImportPool, file: string, options: Options, store?: Store): Promise<void> {
  // The file is read from disk while the template is found; a template that cannot be found is
  // still the error reported, and a file that cannot be read is reported when it is awaited.
  const bytes = readFileWithinLimit(file);
  bytes.catch(() => {});
  const template = await templateFor(options, store);
  if ('items' in template) {
    // A questionnaire without fixed slots: read by the generic importer (src/ingest/items.ts).
    const result = await read(pool, file, template, bytes);
    const stored = store ? await save(store, template, result, basename(file), options.state) : undefined;
    if (options.json) printJson(result);
    else process.stdout.write(itemSummary(basename(file), template, result) + (stored ? `\n${stored}\n` : ''));
    return;
  }
  const result = await read(pool, file, template, bytes);
  const stored = store ? await save(store, template, result, basename(file), options.state) : undefined;
  if (options.json) printJson(result);
  else process.stdout.write(summary(basename(file), template, result) + (stored ? `\n${stored}\n` : ''));
}

interface BatchRow {
  file: string;
  state: string;
  paragraphs: number;
  footnotes: number;
  warnings: number;
  result: string;
  ok: boolean;
}

async function importFolder(pool: ImportPool, files: string[], options: Options, store?: Store): Promise<void> {
  const template = await templateFor(options, store);
  if ('items' in template) throw new CliError(`A folder is read with a fixed-slot template; import the files of "${template.id}" one at a time.`);
  // Files are read ahead, a few per worker, and taken in order: the progress and the stored
  // versions follow the folder's order whichever file finishes first.
  const ahead = 2 * pool.threads;
  const reading: Promise<ImportResult>[] = [];
  const readAhead = (upTo: number) => {
    for (let i = reading.length; i < Math.min(upTo, files.length); i++) {
      reading.push(read(pool, files[i]!, template));
      reading[i]!.catch(() => {}); // awaited in turn below
    }
  };
  const progress = await progressReporter(files.length);
  const rows: BatchRow[] = [];
  try {
    for (const [i, path] of files.entries()) {
      const file = basename(path);
      readAhead(i + ahead);
      const row: BatchRow = { file, state: '', paragraphs: 0, footnotes: 0, warnings: 0, result: '', ok: false };
      try {
        const result = await reading[i]!;
        row.state = result.state?.iso3 ?? '';
        row.paragraphs = result.answers.reduce((n, a) => n + a.paragraphs.length, 0);
        row.footnotes = result.footnotes.length;
        row.warnings = result.import.warnings.length;
        row.result = store ? await save(store, template, result, file) : 'read';
        row.ok = true;
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        row.result = `failed: ${err.message}`;
      }
      rows.push(row);
      progress.done(file, row.result);
    }
  } finally {
    progress.stop();
  }
  if (options.json) printJson(rows.map(({ ok: _ok, ...r }) => r));
  else process.stdout.write(batchTable(rows));
  const failed = rows.filter((r) => !r.ok).length;
  if (failed > 0) {
    process.stderr.write(`${failed} of ${rows.length} file(s) failed.\n`);
    process.exitCode = 1;
  }
}

/** Reads and maps one file in the pool; what cannot be read becomes a CliError naming the file (and the limit passed). */
async function read(pool: ImportPool, file: string, template: Template, reading?: Promise<Uint8Array>): Promise<ImportResult>;
async function read(pool: ImportPool, file: string, template: Questionnaire, reading?: Promise<Uint8Array>): Promise<ItemImportResult>;
async function read(pool: ImportPool, file: string, template: Template | Questionnaire, reading?: Promise<Uint8Array>): Promise<ImportResult | ItemImportResult> {
  try {
    // Refused by its size before it is read into memory (`reading`: already started by the caller).
    const bytes = await (reading ?? readFileWithinLimit(file));
    const fileName = basename(file);
    return 'items' in template ? (await pool.run({ bytes, fileName, template })).result : (await pool.run({ bytes, fileName, template })).result;
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${basename(file)}: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code) throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
    throw err;
  }
}

/** Stores the response as a new draft version, on top of the version the command started from; returns a line saying so. */
async function save(store: Store, template: Template | Questionnaire, result: ImportResult | ItemImportResult, fileName: string, iso3?: string): Promise<string> {
  const state = iso3?.toUpperCase() ?? result.state?.iso3;
  if (!state) {
    const country = countryWritten(template, result);
    throw new CliError(
      country
        ? `${fileName}: the country in the contact block ("${country}") is not a State we know; give the State with --state ISO3.`
        : `${fileName}: the contact block names no country; give the State with --state ISO3.`,
    );
  }
  const { import: _report, ...read } = result;
  // A State given on the command line wins over the contact block's country.
  const known = stateByIso3(state);
  const response: Response | ItemResponse = { ...read, state: known ? { iso3: known.iso3, name: known.name } : read.state };
  try {
    const saved = await store.services.submissions.acceptImport(store.actor, store.cycleId, state, response, {
      baseVersion: store.versions.get(state) ?? 0,
      fileName,
    });
    // A second file for the same State goes on top of this one.
    store.versions.set(state, saved.version);
    return `stored as version ${saved.version} of ${saved.state.name}`;
  } catch (err) {
    if (err instanceof AppError && err.status === 409) throw new CliError(`${fileName} was not stored: ${conflictLine(err)}`);
    if (err instanceof AppError) throw new CliError(`${fileName}: ${err.message}`);
    throw err;
  }
}

/** The country the contact block names, as written ('' when it has no country field or it is empty). */
function countryWritten(template: Template | Questionnaire, result: ImportResult | ItemImportResult): string {
  if (!('items' in template)) {
    const field = template.contactFields.find((f) => f.kind === 'country');
    return field ? ((result as ImportResult).contact[field.key] ?? '') : '';
  }
  for (const { item } of answeredItems(template)) {
    const field = item.kind === 'contact' ? item.fields.find((f) => f.type === 'country') : undefined;
    const answer = (result as ItemImportResult).answers[item.key];
    if (field && answer?.kind === 'contact') return answer.fields[field.key] ?? '';
  }
  return '';
}

/**
 * A save refused because the submission changed since the command started: who saved which
 * version when (the service's facts), and what to do from the command line.
 */
function conflictLine(err: AppError): string {
  const { currentVersion, savedBy, savedAt } = err.details as { currentVersion?: number; savedBy?: string | null; savedAt?: string | null };
  if (currentVersion === undefined) return err.message;
  const by = savedBy ? ` by ${savedBy}` : '';
  const at = savedAt ? ` at ${savedAt}` : '';
  return `version ${currentVersion} was saved${by}${at} while this import ran. Nothing of this file was stored; check that version, then import the file again to store it on top of it.`;
}

/**
 * The template: the cycle's with --into, else --template (built-in first, then the database), else
 * the default. A questionnaire that does not fit fixed slots (the national report, the stakeholder
 * questionnaire) comes as itself, for the generic importer.
 */
async function templateFor(options: Options, store: Store | undefined): Promise<Template | Questionnaire> {
  if (store) return store.template;
  const id = options.template ?? defaultTemplate;
  const builtIn = builtinTemplate(id) ?? builtinQuestionnaire(id);
  if (builtIn) return builtIn;
  const config = configFrom(options);
  const custom = databaseExists(config) ? await withServices(config, async (s) => (await s.templates.get(id)) ?? (await itemTemplate(s, id))) : undefined;
  if (!custom) {
    throw unknownTemplate(id);
  }
  return custom;
}

/** A stored questionnaire of the item model, where the template service gives them. */
async function itemTemplate(services: Services, id: string): Promise<Questionnaire | undefined> {
  const templates = services.templates as { questionnaire?: (id: string) => Promise<Questionnaire | undefined> };
  return templates.questionnaire ? await templates.questionnaire(id) : undefined;
}

/** A progress bar on a terminal; one line per file otherwise (logs, pipes). Both on stderr. */
async function progressReporter(total: number): Promise<{ done(file: string, result: string): void; stop(): void }> {
  if (process.stderr.isTTY) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'Importing [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    return { done: (file) => bar.increment(1, { file }), stop: () => bar.stop() };
  }
  let n = 0;
  return { done: (file, result) => process.stderr.write(`[${++n}/${total}] ${file}: ${result}\n`), stop: () => undefined };
}

function batchTable(rows: BatchRow[]): string {
  return formatTable([
    ['FILE', 'STATE', 'PARAGRAPHS', 'FOOTNOTES', 'WARNINGS', 'RESULT'],
    ...rows.map((r) => [r.file, r.state || '-', String(r.paragraphs), String(r.footnotes), String(r.warnings), r.result]),
  ]);
}

/** A readable account of what was read, for a person checking the import. */
export function summary(fileName: string, template: Template, r: ImportResult): string {
  const out: string[] = [`${fileName} read with template ${template.id}`];
  out.push(`State:       ${r.state ? `${r.state.name} (${r.state.iso3})` : 'not known'}`);
  for (const f of template.contactFields) out.push(`  ${f.label}: ${r.contact[f.key] || '(empty)'}`);
  out.push(`Consent:     ${r.consent}`);
  out.push('Answers:');
  for (const q of proseQuestions(template)) {
    const ps = r.answers.find((a) => a.question === q.key)?.paragraphs ?? [];
    const nums = ps.map((p) => p.number).filter((n): n is number => n !== null);
    const numbering = nums.length ? ` (numbered ${nums[0]}-${nums.at(-1)})` : '';
    const words = ps.reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);
    out.push(`  ${q.key.padEnd(4)} ${String(ps.length).padStart(3)} paragraph(s)${numbering}, ${words} words`);
  }
  if (r.principles.length) {
    const count = (v: string) => r.principles.filter((p) => p.integrated === v).length;
    out.push(`Principles:  ${count('yes')} yes, ${count('no')} no, ${count('unanswered')} unanswered`);
  }
  out.push(...reportLines(r.footnotes.length, r.import));
  return out.join('\n') + '\n';
}
