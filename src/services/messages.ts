// A submission's queries thread: messages between the State and the secretariat (the seed's "any
// queries can be forwarded to these same addresses"). Whoever reads the submission reads the
// thread; the State's people and the secretariat's administrators write in it (messagePolicy).
// Each message is mailed to the other side: a State's message to the cycle's return addresses and
// the secretariat's administrators; the secretariat's to the State's coordinators and to whoever
// wrote for the State in the thread. The message is stored whatever becomes of the mail (the
// outbox records that).
import { renderMessage } from '../domain/mail.ts';
import { maxWorkflowMessageLength } from '../domain/workflow.ts';
import { findCycle } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import { insertMessage, listMessages, secretariatAdmins, type MessageRow } from '../store/messages.ts';
import { submissionCoordinators } from '../store/workflow-history.ts';
import { actorName, actorUserId } from './actors.ts';
import { readableSubmission } from './assignments.ts';
import { recordEvent } from './audit.ts';
import { cycleSnapshot } from './cycle-template.ts';
import { Forbidden } from './errors.ts';
import { messagePolicy, type SubmissionRecordRef } from './policy.ts';
import type { Actor, Services } from './types.ts';
import { Problems } from './validation.ts';

export interface QueryMessage {
  id: string;
  /** Which side wrote it: the State, or the secretariat. */
  side: 'state' | 'secretariat';
  author: { name: string };
  body: string;
  createdAt: string;
  /** Written by the reader. */
  mine: boolean;
}

export interface QueriesThread {
  cycleId: string;
  state: { iso3: string; name: string };
  /** Oldest first. */
  messages: QueryMessage[];
  /** The reader may write in the thread. */
  canWrite: boolean;
}

export interface PostedMessage extends QueryMessage {
  /** Whom the message was mailed to (none when the other side has no address yet). */
  mailedTo: string[];
}

export interface MessagesService {
  list(actor: Actor, cycleId: string, iso3: string): Promise<QueriesThread>;
  /** Adds a message to the thread and mails it to the other side, with a link to `linkBase`/cycles/{id}/states/{iso3}; audited. */
  post(actor: Actor, cycleId: string, iso3: string, input: { body: string }, options: { linkBase: string }): Promise<PostedMessage>;
}

export function messagesService(db: Database, submissions: Services['submissions'], mail: Services['mail']): MessagesService {
  async function locate(actor: Actor, cycleId: string, iso3: string) {
    const { submission, ...found } = await readableSubmission(db, submissions, actor, cycleId, iso3);
    return { ...found, state: { iso3: submission.state.iso3, name: submission.state.name } };
  }

  const present = (m: MessageRow, userId: string | null): QueryMessage => ({
    id: m.id,
    side: m.side,
    author: { name: m.author.name },
    body: m.body,
    createdAt: m.createdAt,
    mine: userId !== null && m.author.id === userId,
  });

  /** The other side's addresses and names: never the author's own. */
  async function recipientsOf(side: 'state' | 'secretariat', ref: SubmissionRecordRef, thread: MessageRow[], authorEmail: string | null) {
    const people = new Map<string, string>();
    if (side === 'state') {
      const cycle = await findCycle(db.drizzle, ref.cycle.id, { states: 'all' });
      for (const address of cycle?.returnAddresses ?? []) people.set(address.toLowerCase(), address);
      for (const admin of await secretariatAdmins(db.drizzle, ref.cycle.id)) people.set(admin.email, admin.name);
    } else {
      for (const c of await submissionCoordinators(db.drizzle, ref.cycle.id, ref.stateIso3)) people.set(c.email, c.name);
      for (const m of thread) if (m.side === 'state' && m.author.email) people.set(m.author.email, m.author.name);
    }
    if (authorEmail) people.delete(authorEmail.toLowerCase());
    return people;
  }

  return {
    async list(actor, cycleId, iso3) {
      const { subject, ref, state } = await locate(actor, cycleId, iso3);
      if (!messagePolicy.read(subject, ref)) throw new Forbidden();
      const userId = actorUserId(actor);
      return { cycleId: ref.cycle.id, state, messages: (await listMessages(db.drizzle, ref.id)).map((m) => present(m, userId)), canWrite: messagePolicy.write(subject, ref) };
    },

    async post(actor, cycleId, iso3, input, options) {
      const raw = (input ?? {}) as { body?: unknown };
      const problems = new Problems();
      const body = typeof raw.body === 'string' ? raw.body.trim() : '';
      if (body === '' || body.length > maxWorkflowMessageLength) problems.add('body', `must be the message: some text, at most ${maxWorkflowMessageLength.toLocaleString('en')} characters`);
      problems.throwIfAny('The message cannot be sent');
      const { subject, ref, cycle, state } = await locate(actor, cycleId, iso3);
      if (!messagePolicy.write(subject, ref)) {
        throw new Forbidden("Only the State's coordinators and contributors, and the secretariat's administrators, write in a submission's queries thread; analysts read it.");
      }
      const side = messagePolicy.side(subject, ref);
      const userId = actorUserId(actor);
      const authorName = actorName(actor);
      const saved = await db.transaction(async (tx) => {
        const row = await insertMessage(tx, { submissionId: ref.id, authorId: userId, authorName, side, body });
        await recordEvent(tx, actor, 'submission.message', `submission:${ref.cycle.id}/${ref.stateIso3}`, { message: row.id, side });
        return row;
      });
      const message: QueryMessage = { id: saved.id, side, author: { name: authorName }, body, createdAt: saved.createdAt, mine: true };
      const people = await recipientsOf(side, ref, await listMessages(db.drizzle, ref.id), actor?.kind === 'user' ? actor.email : null);
      if (people.size === 0) return { ...message, mailedTo: [] };
      try {
        const template = await cycleSnapshot(db, ref.cycle.id);
        await mail.send(
          renderMessage({
            kind: 'query',
            to: [...people.keys()],
            language: template.language,
            related: { type: 'submission', id: `${ref.cycle.id}/${ref.stateIso3}` },
            values: {
              recipientName: [...people.values()].join(', '),
              authorName,
              stateName: state.name,
              cycleTitle: cycle.title,
              message: body,
              link: `${options.linkBase.replace(/\/+$/, '')}/cycles/${ref.cycle.id}/states/${ref.stateIso3}#queries-heading`,
            },
          }),
        );
      } catch (err) {
        // The message is in the thread; a mail that could not be stored is logged, as the workflow's are.
        console.error(`The mail about a message on ${state.name}'s submission could not be stored: ${(err as Error).message}`);
      }
      return { ...message, mailedTo: [...people.keys()] };
    },
  };
}
