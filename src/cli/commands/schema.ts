// `gcm-review schema [name]` prints a published JSON Schema; `--write` regenerates schemas/ from
// the Zod models, so the files in the repository never drift from the code.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { jsonSchemas } from '../../domain/schemas.ts';
import { CliError } from '../output.ts';
import { packagePath } from '../../package-root.ts';

export const schemasDir = packagePath('schemas/');

/** The text of each file in schemas/, keyed by file name, exactly as it is committed. */
export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([file, schema]) => [file, JSON.stringify(schema, null, 2) + '\n']));
}

/** Writes the chosen schema files (all by default) into `dir`; returns the paths written. */
export function writeSchemaFiles(dir: string, names?: string[]): string[] {
  const files = schemaFiles();
  return (names ?? Object.keys(files)).map((name) => {
    const file = fileFor(name, files);
    const path = join(dir, file);
    writeFileSync(path, files[file]!);
    return path;
  });
}

/** "template", "template.schema.json" → "template.schema.json". */
function fileFor(name: string, files: Record<string, string>): string {
  const file = name.endsWith('.schema.json') ? name : `${name}.schema.json`;
  if (!(file in files)) {
    const names = Object.keys(files).map((f) => f.replace('.schema.json', ''));
    throw new CliError(`There is no schema called "${name}". Choose one of: ${names.join(', ')}.`);
  }
  return file;
}

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of a template or a response, or rewrite the files in schemas/')
    .argument('[name]', 'template or response; without a name, lists the schemas')
    .option('--write', 'rewrite schemas/ from the models (all schemas, or only the one named)')
    .action((name: string | undefined, options: { write?: boolean }) => {
      const files = schemaFiles();
      if (options.write) {
        for (const path of writeSchemaFiles(schemasDir, name ? [name] : undefined)) process.stdout.write(`Wrote ${relative(process.cwd(), path)}\n`);
      } else if (name) {
        process.stdout.write(files[fileFor(name, files)]!);
      } else {
        for (const file of Object.keys(files)) process.stdout.write(`${file.replace('.schema.json', '').padEnd(10)} schemas/${file}\n`);
      }
    });
}
