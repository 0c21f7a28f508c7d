// `gcm-review submission <action> <cycle-id> <state>`: moves a State's submission through the
// workflow (submit, withdraw, return, accept, publish, unpublish) as the operator, through the same
// service as the web app's buttons: the domain's state machine decides, the step is audited, and a
// refusal prints the machine's reason. Returning needs `--message` (what the State should change),
// unpublishing one saying why;
// submitting, returning and accepting mail the State's coordinators (the outbox without SMTP_URL).
// A save is `gcm-review import --into`.
import type { Command } from 'commander';
import { workflowActions } from '../../domain/workflow.ts';
import { systemActor } from '../../services/actors.ts';
import { printJson } from '../output.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { registerSubmissionAssign } from './submission-assign.ts';
import { registerSubmissionDiff } from './submission-diff.ts';

type Options = DatabaseOptions & { message?: string; note?: string; baseVersion?: string; json?: boolean };

const actions = workflowActions.filter((a) => a !== 'save');

export function registerSubmissionCommands(program: Command): void {
  const submission = program.command('submission').description(`Move a State's submission through the workflow (${actions.join(', ')}), compare two of its versions (diff), assign its questions (assign, assignments), or read and write its queries thread (messages, ask)`);
  for (const action of actions) {
    withDatabaseOptions(
      submission
        .command(action)
        .description(`${action[0]!.toUpperCase()}${action.slice(1)} a State's submission`)
        .argument('<cycle-id>', 'the cycle id (gcm-review cycle list)')
        .argument('<state>', 'the ISO3 code of the State, e.g. XAA')
        .option(
          '--message <text>',
          action === 'return'
            ? 'what the State should change (required; mailed to its coordinators)'
            : action === 'unpublish'
              ? 'why the report is no longer public (required; kept with the publication)'
              : 'a message kept with the step, shown to the State',
        )
        .option('--note <text>', 'the older name of --message')
        .option('--base-version <n>', 'the version acted on (default: the latest)')
        .option('--json', 'print JSON'),
    ).action(async (cycleId: string, state: string, options: Options) => {
      await withServices(configFrom(options), async (services) => {
        const baseVersion = options.baseVersion !== undefined ? Number(options.baseVersion) : (await services.submissions.get(systemActor, cycleId, state)).version;
        const moved = await services.submissions.transition(systemActor, cycleId, state, {
          action,
          baseVersion,
          ...((options.message ?? options.note) !== undefined ? { message: (options.message ?? options.note)! } : {}),
        });
        if (options.json) return printJson(moved);
        process.stdout.write(`${moved.state.name} (${moved.state.iso3}): ${moved.from} -> ${moved.status} (version ${moved.version})\n`);
      });
    });
  }
  registerSubmissionDiff(submission);
  registerSubmissionAssign(submission);
}
