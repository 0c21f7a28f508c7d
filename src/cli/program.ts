// The `gcm-review` command line (main.ts runs it). Each command lives in its own module under commands/, and only
// the module of the command being run is loaded: the server, the database drivers and the
// document libraries cost a second or more to load, which `--help` or `template list` must not pay.
// The other commands appear in the help from the list below (a test checks that it matches them).
import { Command, Help } from 'commander';
import { CliError } from './output.ts';

type Register = (program: Command) => void;

export interface CommandEntry {
  name: string;
  /** The command as the help lists it, e.g. "import [options] <path>". */
  term: string;
  description: string;
  /** Loads the module that registers the command (db and user share one). */
  load: () => Promise<Register>;
}

const db = async () => (await import('./commands/db.ts')).registerDbCommands;

/** Every command, in the order the help lists them. */
export const commands: CommandEntry[] = [
  {
    name: 'template',
    term: 'template',
    description: 'Questionnaire templates: list, show, add',
    load: async () => (await import('./commands/template.ts')).registerTemplateCommands,
  },
  {
    name: 'import',
    term: 'import [options] <path>',
    description: 'Read a filled-in questionnaire (.txt, .docx, .pdf), or every file of a folder, into a response',
    load: async () => (await import('./commands/import.ts')).registerImportCommand,
  },
  {
    name: 'export',
    term: 'export [options]',
    description: 'Write a stored submission, or a response in a JSON file, as a Word document, plain text or JSON',
    load: async () => (await import('./commands/export.ts')).registerExportCommand,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'Start the web server: the API at /api (reference at /api/docs) and the browser app.',
    load: async () => (await import('./commands/serve.ts')).registerServeCommand,
  },
  {
    name: 'worker',
    term: 'worker [options]',
    description: 'Run the background jobs (scheduled reminders) in a process of its own, on PostgreSQL, until stopped',
    load: async () => (await import('./commands/worker.ts')).registerWorkerCommand,
  },
  {
    name: 'cycle',
    term: 'cycle',
    description: 'Review cycles: list them, show who has answered, edit, open, extend, close and archive them, track and remind them',
    load: async () => (await import('./commands/cycle.ts')).registerCycleCommands,
  },
  {
    name: 'submission',
    term: 'submission',
    description:
      "Move a State's submission through the workflow (submit, withdraw, return, accept, publish, unpublish), compare two of its versions (diff), assign its questions (assign, assignments), or read and write its queries thread (messages, ask)",
    load: async () => (await import('./commands/submission.ts')).registerSubmissionCommands,
  },
  {
    name: 'mail',
    term: 'mail',
    description: 'E-mail: send a test message, read the outbox',
    load: async () => (await import('./commands/mail.ts')).registerMailCommands,
  },
  {
    name: 'publication',
    term: 'publication',
    description: 'Published reports: list those public now, show one',
    load: async () => (await import('./commands/publication.ts')).registerPublicationCommands,
  },
  {
    name: 'audit',
    term: 'audit',
    description: 'The audit log: who changed what, when',
    load: async () => (await import('./commands/audit.ts')).registerAuditCommands,
  },
  { name: 'db', term: 'db', description: 'Create, upgrade and inspect the database', load: db },
  { name: 'user', term: 'user', description: 'Manage accounts', load: db },
  {
    name: 'schema',
    term: 'schema [options] [name]',
    description: 'Print the JSON Schema of a template or a response, or rewrite the files in schemas/',
    load: async () => (await import('./commands/schema.ts')).registerSchemaCommand,
  },
  {
    name: 'analyze',
    term: 'analyze [options] [file]',
    description: 'Analyse a response (a filled-in questionnaire, or a stored submission): GCM objectives per paragraph, figures, checks, mentions',
    load: async () => (await import('./commands/analyze.ts')).registerAnalyzeCommand,
  },
  {
    name: 'synthesize',
    term: 'synthesize [options] <cycle>',
    description: "Synthesise a cycle's submissions to JSON, XLSX or Word: per round table and objective, excerpts, matrices, figures",
    load: async () => (await import('./commands/synthesize.ts')).registerSynthesizeCommand,
  },
];

/** The command `args` run: the first word, or the one after `help`. */
export function invokedCommand(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** The program with the invoked command registered in full and the others listed by name only. */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command().name('gcm-review').description('Run State-led voluntary reviews of the Global Compact for Migration.').showHelpAfterError();
  const invoked = commands.find((c) => c.name === invokedCommand(args));
  const listedOnly = new Map<Command, string>();
  program.configureHelp({ subcommandTerm: (cmd) => listedOnly.get(cmd) ?? new Help().subcommandTerm(cmd) });
  for (const entry of commands) {
    if (program.commands.some((c) => c.name() === entry.name)) continue; // registered with a sibling (db, user)
    if (invoked?.load === entry.load) (await entry.load())(program);
    else listedOnly.set(program.command(entry.name).description(entry.description), entry.term);
  }
  return program;
}

/** Runs the command line `argv` (as process.argv: node, script, arguments...). */
export async function run(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`gcm-review: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else throw err;
  }
}
