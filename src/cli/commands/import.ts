// `gcm-review import FILE|DIR`: reads filled-in questionnaires (txt, docx, pdf) into responses.
// Without --into it only shows what was read (a summary, or the response as JSON); with
// --into CYCLE it stores each as a new draft version of its State's submission (source "import").
//
// Documents are read in the import pool's worker threads, within the same limits as the server's
// uploads (src/ingest/limits.ts: time, memory, parsed size). This module is light on purpose: the
// first worker starts, and loads the reader the first file needs, before the rest of the command
// (templates, reference data, the database: import-run.ts) loads, so that both happen at once.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ImportPool } from '../../ingest/pool.ts';
import type { DatabaseOptions } from '../database.ts';
import { CliError } from '../output.ts';

export type ImportOptions = DatabaseOptions & { template?: string; json?: boolean; into?: string; state?: string; as?: string };

export const defaultTemplate = 'apac-2020';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Read a filled-in questionnaire (.txt, .docx, .pdf), or every file of a folder, into a response')
    .argument('<path>', 'a file, or a folder whose files are all imported')
    .option('--template <id>', `the questionnaire template (default: the cycle's template with --into, else ${defaultTemplate})`)
    .option('--json', 'print the response and the import report as JSON')
    .option('--into <cycle>', 'store each response as a new draft version in this review cycle')
    .option('--state <iso3>', "with --into and one file: the State (otherwise read from the contact block's country)")
    .option('--as <email>', 'with --into: the user who imports (the versions name them; their rights apply); default: the operator, as "System (command line)"')
    // As withDatabaseOptions (../database.ts) adds them: that module loads the configuration's
    // schema library, which the worker must not wait for.
    .option('--data-dir <dir>', 'folder of the embedded database (default ./data, or DATA_DIR)')
    .option('--database-url <url>', 'use a PostgreSQL server instead of the embedded database (or DATABASE_URL)')
    .action(async (path: string, options: ImportOptions) => {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new CliError(`Cannot read ${path}: no such file or folder.`);
      const files = stat.isDirectory() ? folderFiles(path) : [path];
      // Nothing else runs here meanwhile: the workers keep the command's priority (yieldToCaller).
      const pool = new ImportPool({ threads: Math.min(files.length, availableParallelism()), yieldToCaller: false });
      pool.warm(files[0]!);
      try {
        await (await import('./import-run.ts')).runImport(pool, stat.isDirectory() ? { folder: files } : { file: path }, options);
      } finally {
        await pool.close();
      }
    });
}

/** The files of a folder to import, by name, with their paths. */
function folderFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
    .sort();
  if (files.length === 0) throw new CliError(`The folder ${dir} holds no files to import.`);
  return files.map((f) => join(dir, f));
}
