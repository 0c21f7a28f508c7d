// `gcm-review analyze FILE` / `gcm-review analyze --submission CYCLE:ISO3`: the analysis of one
// response (src/domain/analysis): the GCM objectives each paragraph speaks to with their evidence,
// the figures reported, the checks that look inconsistent, the laws, policies, agreements,
// institutions and practices named. A file (Word, PDF, text) is read with the importer, in the
// import pool's workers and limits, then analysed; with a database at hand the analyst's vocabulary
// applies, else the built-in one. --json prints the analysis as the API gives it.
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Analysis, Figure, FigureValue } from '../../domain/analysis/types.ts';
import { builtinQuestionnaire } from '../../domain/questionnaire/builtin/index.ts';
import { readFileWithinLimit } from '../../ingest/file-size.ts';
import { ImportPool } from '../../ingest/pool.ts';
import { ImportError } from '../../ingest/source.ts';
import { systemActor } from '../../services/actors.ts';
import { analyseWithBuiltinVocabulary } from '../../services/analysis.ts';
import { builtinTemplate } from '../../services/builtin-templates.ts';
import type { AnyTemplate } from '../../services/template-summary.ts';
import { configFrom, databaseExists, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';
import { unknownTemplate } from './unknown-template.ts';

type Options = DatabaseOptions & { submission?: string; template?: string; deadline?: string; json?: boolean };

export function registerAnalyzeCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('analyze')
      .description('Analyse a response (a filled-in questionnaire, or a stored submission): GCM objectives per paragraph, figures, checks, mentions')
      .argument('[file]', 'a filled-in questionnaire (.txt, .docx, .pdf)')
      .option('--submission <cycle:iso3>', "a stored submission's current version instead of a file, e.g. 3f2a…:XAA")
      .option('--template <id>', 'with a file: the questionnaire template it answers (default apac-2020)')
      .option('--deadline <yyyy-mm-dd>', "with a file: the cycle's deadline, to point out years after it (a submission has its cycle's)")
      .option('--json', 'print the analysis as JSON'),
  ).action(async (file: string | undefined, options: Options) => {
    const analysis = await analyse(file, options);
    if (options.json) printJson(analysis);
    else process.stdout.write(analysisText(analysis));
  });
}

async function analyse(file: string | undefined, options: Options): Promise<Analysis> {
  if (file && options.submission) throw new CliError('Give a file or --submission CYCLE:ISO3, not both.');
  if (options.submission) {
    if (options.template || options.deadline) throw new CliError('--template and --deadline apply to a file: a submission is read with its cycle’s template and deadline.');
    const m = /^([^:]+):([A-Za-z]{3})$/.exec(options.submission);
    if (!m) throw new CliError(`--submission ${options.submission}: write the cycle id and the State's ISO3 code as CYCLE:ISO3 (gcm-review cycle list gives the ids).`);
    return withServices(configFrom(options), (services) => services.analysis.submission(systemActor, m[1]!, m[2]!.toUpperCase()));
  }
  if (!file) throw new CliError('Name a file to analyse, or give --submission CYCLE:ISO3.');
  if (options.deadline !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.deadline)) throw new CliError(`--deadline ${options.deadline}: write the date as YYYY-MM-DD.`);
  const id = options.template ?? 'apac-2020';
  const config = configFrom(options);
  const stored = databaseExists(config);
  const template: AnyTemplate | undefined = builtinTemplate(id) ?? builtinQuestionnaire(id) ?? (stored ? await withServices(config, async (s) => (await s.templates.get(id)) ?? (await s.templates.questionnaire(id))) : undefined);
  if (!template) throw unknownTemplate(id);
  const response = await read(file, template);
  const deadline = options.deadline;
  // The analyst's vocabulary lives in the database; without one, the built-in terms.
  return stored ? withServices(config, (s) => s.analysis.response(template, response, { deadline })) : analyseWithBuiltinVocabulary(template, response, { deadline });
}

/** The response a file holds, read by the importer in a worker of the import pool (its limits apply). */
async function read(file: string, template: AnyTemplate) {
  const pool = new ImportPool({ threads: 1, yieldToCaller: false });
  try {
    const bytes = await readFileWithinLimit(file);
    const fileName = basename(file);
    const { import: _report, ...response } = 'items' in template ? (await pool.run({ bytes, fileName, template })).result : (await pool.run({ bytes, fileName, template })).result;
    return response;
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(`${basename(file)}: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code) throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
    throw err;
  } finally {
    await pool.close();
  }
}

const where = (p: { number: number | null; question: string }) => (p.number !== null ? `¶${p.number}` : `q${p.question}`);

function valueText(v: FigureValue): string {
  if (typeof v === 'object') return `${valueText(v.from)}–${valueText(v.to)}`;
  return typeof v === 'number' ? v.toLocaleString('en') : v;
}

/** The analysis for a person: the tagged paragraphs, the figures as a table, the checks, the mentions. */
export function analysisText(a: Analysis): string {
  const out: string[] = [];
  const tagged = a.paragraphs.filter((p) => p.objectives.length > 0);
  out.push(`Paragraphs: ${a.paragraphs.length}, ${tagged.length} speaking to GCM objectives`);
  for (const p of tagged) {
    const tags = p.objectives.map((o) => {
      const why = o.evidence.mentions.length ? o.evidence.mentions.map((m) => `"${m}"`).join(', ') : o.evidence.terms.join(', ');
      return `${o.number} (${o.confidence.toFixed(2)}: ${why})`;
    });
    out.push(`  ${p.question.padEnd(3)} ${where(p).padEnd(5)} ${tags.join('; ')}`);
  }
  out.push('', `Figures: ${a.figures.length}`);
  if (a.figures.length) {
    const row = (f: Figure) => [f.paragraph === null ? '-' : `¶${f.paragraph}`, f.raw, valueText(f.value), f.unit, f.what ?? '', f.year === null ? '' : String(f.year)];
    out.push(formatTable([['PARA', 'AS WRITTEN', 'VALUE', 'UNIT', 'WHAT', 'YEAR'], ...a.figures.map(row)]).trimEnd().replace(/^/gm, '  '));
  }
  out.push('', `Checks: ${a.checks.length}`);
  for (const c of a.checks) out.push(`  ${c.code.padEnd(21)} ${c.message}`);
  out.push('', `Mentions: ${a.mentions.length}`);
  for (const m of a.mentions) {
    const paragraphs = m.paragraphs.length ? ` (¶${m.paragraphs.join(', ¶')})` : ` (q${m.question})`;
    out.push(`  ${m.kind.padEnd(11)} ${m.text}${m.countries.length ? ` [${m.countries.join(', ')}]` : ''}${paragraphs}`);
  }
  return `${out.join('\n')}\n`;
}
