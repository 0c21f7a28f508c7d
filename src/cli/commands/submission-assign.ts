// `gcm-review submission assign|assignments|messages|ask`: the questions of a State's submission
// given to contributors (one question or a whole section, with a due date; their status moved;
// taken back) and the progress of each question, words against the guidance; and the queries
// thread between the State and the secretariat. The same services as the web app's panels: as the
// operator, or as the user `--as` names (with that user's rights, and their side of the thread).
import type { Command } from 'commander';
import { assignmentStatuses, type AssignmentStatus } from '../../domain/progress.ts';
import { actorFor, systemActor } from '../../services/actors.ts';
import type { Actor, Services } from '../../services/types.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';

type Common = DatabaseOptions & { as?: string; json?: boolean };
type AssignOptions = Common & { to: string[]; question?: string; section?: string; due?: string; status?: string; remove?: boolean };
type AskOptions = Common & { message: string; url: string };

/** The user --as names, acting with their own rights; the operator otherwise. */
async function actorOf(services: Services, email: string | undefined): Promise<Actor> {
  if (email === undefined) return systemActor;
  const user = await services.users.findByEmail(email);
  if (!user) throw new CliError(`--as ${email}: there is no user with this e-mail address (\`gcm-review user add\` adds one).`);
  return actorFor(user);
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function withActing(command: Command): Command {
  return withDatabaseOptions(
    command
      .argument('<cycle-id>', 'the cycle id (gcm-review cycle list)')
      .argument('<state>', 'the ISO3 code of the State, e.g. XAA')
      .option('--as <email>', 'act as this user, with their rights (default: the operator)')
      .option('--json', 'print JSON'),
  );
}

/** Adds `assign`, `assignments`, `messages` and `ask` to the `submission` command. */
export function registerSubmissionAssign(submission: Command): void {
  withActing(
    submission
      .command('assign')
      .description("Give questions of a State's submission to contributors (one question or a whole section, with a due date), move their status, or take them back")
      .requiredOption('--to <email>', 'the person (their e-mail address or account id); repeat it, or separate with commas, for several', collect)
      .option('--question <key>', 'one question, e.g. 1a')
      .option('--section <number>', 'every written question of a section, e.g. 1')
      .option('--due <date>', 'the due date, YYYY-MM-DD')
      .option('--status <status>', `move the status of the assignment instead: ${assignmentStatuses.join(', ')}`)
      .option('--remove', 'take the assignment back instead'),
  ).action(async (cycleId: string, state: string, options: AssignOptions) => {
    if (options.status !== undefined && !assignmentStatuses.includes(options.status as AssignmentStatus)) {
      throw new CliError(`--status must be one of ${assignmentStatuses.join(', ')}`);
    }
    await withServices(configFrom(options), async (services) => {
      const actor = await actorOf(services, options.as);
      const assign = { users: options.to, itemKey: options.question, section: options.section, dueDate: options.due };
      if (options.status === undefined && !options.remove) {
        const given = await services.assignments.assign(actor, cycleId, state, assign);
        if (options.json) return printJson(given);
        for (const a of given) process.stdout.write(`${a.question}: ${a.user.name} <${a.user.email}>, ${a.status}${a.dueDate ? `, due ${a.dueDate}` : ''}\n`);
        return;
      }
      // Moving or taking back: the assignments of those people to the questions named.
      const progress = await services.assignments.list(actor, cycleId, state);
      const people = options.to.map((p) => p.toLowerCase());
      const chosen = progress.questions
        .filter((q) => options.question === undefined || q.key === options.question || q.question === options.question)
        .flatMap((q) => q.assignments)
        .filter((a) => people.includes(a.user.email) || people.includes(a.user.id.toLowerCase()));
      if (options.question === undefined && options.section === undefined) throw new CliError('Name the question (--question) whose assignment to change.');
      if (options.section !== undefined) throw new CliError('--status and --remove work on one question at a time: use --question.');
      if (chosen.length === 0) throw new CliError(`${options.to.join(', ')} has no assignment to ${options.question} in ${progress.state.name}'s submission.`);
      const done = [];
      for (const a of chosen) {
        done.push(
          options.remove
            ? await services.assignments.remove(actor, cycleId, state, a.id)
            : await services.assignments.update(actor, cycleId, state, a.id, { status: options.status as AssignmentStatus, ...(options.due !== undefined ? { dueDate: options.due } : {}) }),
        );
      }
      if (options.json) return printJson(done);
      for (const a of done) process.stdout.write(options.remove ? `${a.question}: taken back from ${a.user.name}\n` : `${a.question}: ${a.user.name}, ${a.status}${a.dueDate ? `, due ${a.dueDate}` : ''}\n`);
    });
  });

  withActing(submission.command('assignments').description("Each written question of a State's submission: words written against the guidance, and who has it (status, due date)")).action(
    async (cycleId: string, state: string, options: Common) => {
      await withServices(configFrom(options), async (services) => {
        const progress = await services.assignments.list(await actorOf(services, options.as), cycleId, state);
        if (options.json) return printJson(progress);
        const rows = progress.questions.map((q) => [
          q.question,
          q.wordGuidance ? `${q.words}/${q.wordGuidance}` : String(q.words),
          q.assignments.map((a) => `${a.user.name} (${a.status}${a.dueDate ? `, due ${a.dueDate}` : ''})`).join('; ') || '-',
        ]);
        process.stdout.write(`${progress.state.name} (${progress.state.iso3})\n${formatTable([['Question', 'Words', 'Assigned to'], ...rows])}`);
      });
    },
  );

  withActing(submission.command('messages').description("The queries thread of a State's submission: messages between the State and the secretariat")).action(
    async (cycleId: string, state: string, options: Common) => {
      await withServices(configFrom(options), async (services) => {
        const thread = await services.messages.list(await actorOf(services, options.as), cycleId, state);
        if (options.json) return printJson(thread);
        if (thread.messages.length === 0) return void process.stdout.write(`No messages about ${thread.state.name}'s submission yet.\n`);
        for (const m of thread.messages) {
          process.stdout.write(`${m.createdAt.slice(0, 16).replace('T', ' ')} UTC, ${m.author.name} (${m.side === 'state' ? thread.state.name : 'the secretariat'}):\n${m.body}\n\n`);
        }
      });
    },
  );

  withActing(
    submission
      .command('ask')
      .description("Write in the queries thread of a State's submission; the other side is mailed")
      .requiredOption('--message <text>', 'the message')
      .option('--url <base>', 'the address of the web app, for the link in the mail', 'http://localhost:3000'),
  ).action(async (cycleId: string, state: string, options: AskOptions) => {
    await withServices(configFrom(options), async (services) => {
      const posted = await services.messages.post(await actorOf(services, options.as), cycleId, state, { body: options.message }, { linkBase: options.url });
      if (options.json) return printJson(posted);
      process.stdout.write(`Written as ${posted.author.name} (${posted.side === 'state' ? 'the State' : 'the secretariat'})${posted.mailedTo.length ? `; mailed to ${posted.mailedTo.join(', ')}` : '; no one to mail yet'}.\n`);
    });
  });
}
