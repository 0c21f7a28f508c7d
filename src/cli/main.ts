// The `gcm-review` command line. Each command lives in its own module under commands/;
// this file only wires them together.
import { Command } from 'commander';
import { registerTemplateCommands } from './commands/template.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerCycleCommands } from './commands/cycle.ts';
import { registerSchemaCommand } from './commands/schema.ts';
import { CliError } from './output.ts';

const program = new Command()
  .name('gcm-review')
  .description('Run State-led voluntary reviews of the Global Compact for Migration.')
  .showHelpAfterError();

registerTemplateCommands(program);
registerImportCommand(program);
registerExportCommand(program);
registerServeCommand(program);
registerCycleCommands(program);
registerDbCommands(program);
registerSchemaCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`gcm-review: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else throw err;
}
