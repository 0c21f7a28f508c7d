// `gcm-review synthesize CYCLE --out FILE.json|.xlsx|.docx`: the synthesis of a cycle's submissions
// (src/services/synthesis.ts) written to a file whose extension picks the format: JSON (the
// synthesis as the service gives it), XLSX (the matrices, figures and excerpts) or Word (headings
// per round table and objective with excerpts, the States × objectives table). A progress bar on
// stderr while the submissions are read and analysed.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { synthesisDocx } from '../../export/synthesis-docx.ts';
import { synthesisXlsx } from '../../export/synthesis-xlsx.ts';
import { systemActor } from '../../services/actors.ts';
import { synthesisScopes, type CycleSynthesis, type SynthesisScope } from '../../services/synthesis.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError } from '../output.ts';

type Options = DatabaseOptions & { out: string; all?: boolean };

const writers: Record<string, (s: CycleSynthesis) => Promise<string | Uint8Array>> = {
  '.json': async (s) => `${JSON.stringify(s, null, 2)}\n`,
  '.xlsx': synthesisXlsx,
  '.docx': synthesisDocx,
};

export function registerSynthesizeCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('synthesize')
      .description("Synthesise a cycle's submissions to JSON, XLSX or Word: per round table and objective, excerpts, matrices, figures")
      .argument('<cycle>', 'the cycle id (gcm-review cycle list gives them)')
      .requiredOption('--out <file>', 'where to write it: .json, .xlsx or .docx')
      .option('--all', 'every submission with a saved version, not only those handed in (submitted, accepted, published)'),
  ).action(async (cycleId: string, options: Options) => {
    const ext = extname(options.out).toLowerCase();
    const write = writers[ext];
    if (!write) throw new CliError(`--out ${options.out}: the file's extension says the format; use ${Object.keys(writers).join(', ')}.`);
    const scope: SynthesisScope = options.all ? 'all' : synthesisScopes[0]!;
    const progress = await progressBar();
    const synthesis = await withServices(configFrom(options), (services) =>
      services.synthesis.cycle(systemActor, cycleId, { scope, onProgress: progress.update }).finally(progress.stop),
    );
    await writeFile(options.out, await write(synthesis));
    process.stderr.write(`Synthesis of ${synthesis.submissions.length} submission(s) of "${synthesis.cycle.title}" written to ${options.out}\n`);
  });
}

/** A bar on a terminal (cli-progress, as import has), a line per submission otherwise; on stderr. */
async function progressBar(): Promise<{ update: (done: number, total: number, iso3: string) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { update: (done, total, iso3) => process.stderr.write(`[${done}/${total}] ${iso3} analysed\n`), stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'Synthesising [{bar}] {value}/{total} {state}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total, iso3) {
      if (!started) bar.start(total, 0, { state: '' });
      started = true;
      bar.update(done, { state: iso3 });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
