// Assignments: a State's coordinator gives questions of the submission (one, or every question of a
// section at once) to contributors, with a due date; each contributor moves their question through
// not started, drafting, ready for review and done; the progress view sets the words written in
// each answer against the questionnaire's word guidance.
//
// One source of truth for who may edit what: an assignment IS the contributor's question
// membership (src/store/memberships.ts, scope 'question'), which the policy already reads; the
// `assignments` row beside it only adds the due date, the status and who assigned it
// (src/store/assignments.ts). Assigning gives the membership and writes the row in one
// transaction; removing takes both away. A contributor whose only memberships for a submission
// are questions may save changes to those questions and no others (refuseUnassignedChanges, asked
// by every save in src/services/submissions.ts).
import { changedItems, wholeResponse } from '../domain/item-changes.ts';
import { assignmentStatuses, itemWords, type AssignmentStatus } from '../domain/progress.ts';
import { fromLegacyResponse } from '../domain/questionnaire/legacy.ts';
import { answeredItems, itemName, walk, type Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { emptyResponse, type ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import { cycleVisibleToStates, type CycleStatus } from '../domain/workflow.ts';
import {
  deleteAssignmentDetails,
  findAssignment,
  listAssignments,
  listAssignmentsOfUser,
  saveAssignmentDetails,
  type AssignmentRow,
} from '../store/assignments.ts';
import type { Database } from '../store/database.ts';
import { isUuid } from '../store/ids.ts';
import { deleteMembership, findSameMembership, insertMemberships } from '../store/memberships.ts';
import { locateSubmission } from '../store/submissions.ts';
import { findUserByEmail, findUserById } from '../store/users.ts';
import { actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { cycleSnapshot } from './cycle-template.ts';
import { asQuestionnaire, type AnyTemplate } from './template-summary.ts';
import { Forbidden, InvalidInput, NotFound } from './errors.ts';
import { assignmentPolicy, requireSignedIn, subjectOf, submissionPolicy, type Subject, type SubmissionRecordRef } from './policy.ts';
import type { Actor, Services, Submission, User } from './types.ts';
import { isIsoDate, isNonEmptyString, Problems } from './validation.ts';

export { assignmentStatuses, type AssignmentStatus };

/** One question given to one person (`id` is their question membership's), and how the form names the question ("1a", "question 6"). */
export type Assignment = Omit<AssignmentRow, 'submissionId'> & { question: string };

/** One written question of the form: the words written against its guidance, and who has it. */
export interface QuestionProgress {
  key: string;
  question: string;
  words: number;
  /** The form's suggested length, when it gives one. */
  wordGuidance: number | null;
  assignments: Assignment[];
}

export interface SubmissionAssignments {
  cycleId: string;
  state: { iso3: string; name: string };
  /** Every written question, in the order of the form. */
  questions: QuestionProgress[];
  /** The reader may assign, unassign and set due dates. */
  canManage: boolean;
  /** What the reader may change in the answers: all of it, or the keys of the questions given to them. */
  editable: 'all' | string[];
}

/** An assignment of the signed-in person, with where it is. */
export interface OwnAssignment extends Assignment {
  cycle: { id: string; title: string; deadline: string; status: CycleStatus };
  state: { iso3: string; name: string };
  words: number;
  wordGuidance: number | null;
}

export interface AssignInput {
  /** The people: account ids or e-mail addresses. */
  users: string[];
  /** One question's key ("1a")... */
  itemKey?: string | null | undefined;
  /** ...or a section (its key, "cluster-1", or its number, "1"): every written question in it. */
  section?: string | null | undefined;
  dueDate?: string | null | undefined;
}

export interface AssignmentChange {
  status?: AssignmentStatus | undefined;
  /** A new due date; null takes it away. */
  dueDate?: string | null | undefined;
}

export interface AssignmentsService {
  /** The submission's written questions with their progress and assignees; for whoever reads the submission. */
  list(actor: Actor, cycleId: string, iso3: string): Promise<SubmissionAssignments>;
  /** The signed-in person's own assignments in every cycle they see, soonest due first. */
  mine(actor: Actor): Promise<OwnAssignment[]>;
  /** Gives each person each question named (their question membership), with the due date; audited. Answers the assignments made or updated. */
  assign(actor: Actor, cycleId: string, iso3: string, input: AssignInput): Promise<Assignment[]>;
  /** Moves the status (the assignee, or whoever assigns) or sets the due date (whoever assigns); audited. */
  update(actor: Actor, cycleId: string, iso3: string, id: string, change: AssignmentChange): Promise<Assignment>;
  /** Takes the question back (the membership and its due date and status); audited. Answers what it was. */
  remove(actor: Actor, cycleId: string, iso3: string, id: string): Promise<Assignment>;
}

const refused =
  "Only the State's coordinator (or a secretariat administrator) assigns questions of a State's submission, sets their due dates and takes them back.";

/** The written questions of a questionnaire, in the order of the form, with how it names each. */
function writtenQuestions(q: Questionnaire) {
  return answeredItems(q).flatMap((w) => (w.item.kind === 'prose' ? [{ key: w.item.key, question: itemName(w), wordGuidance: w.item.wordGuidance ?? null }] : []));
}

/** A stored response as answers by item key: a fixed-slot one converted (fromLegacyResponse), an item response as it is. */
function itemAnswers(q: Questionnaire, response: Response | ItemResponse): ItemResponse {
  return Array.isArray(response.answers) ? fromLegacyResponse(q, response as Response) : (response as ItemResponse);
}

/**
 * Refuses (403, naming them) a save that changes questions the person was not given, when question
 * memberships are all they hold for the submission; anyone else may change anything the workflow
 * lets them. `before` is the version the save starts from (none before the first).
 */
export function refuseUnassignedChanges(
  subject: Subject,
  submission: SubmissionRecordRef,
  template: AnyTemplate,
  before: Response | ItemResponse | undefined,
  after: Response | ItemResponse,
): void {
  const editable = submissionPolicy.editableItems(subject, submission);
  if (editable === 'all') return;
  const q = asQuestionnaire(template);
  const outside = changedItems(before ? itemAnswers(q, before) : emptyResponse(q), itemAnswers(q, after)).filter((key) => !editable.has(key));
  if (outside.length === 0) return;
  const names = new Map(walk(q).flatMap((w) => (w.item.key !== undefined ? [[w.item.key, itemName(w)] as const] : [])));
  const name = (key: string) => (key === wholeResponse ? 'the files attached to the response as a whole' : (names.get(key) ?? `"${key}"`));
  const mine = [...editable].map(name).sort();
  throw new Forbidden(
    `You may change only the ${mine.length === 1 ? 'question' : 'questions'} assigned to you (${mine.join(', ') || 'none'}), ` +
      `and this save also changes ${outside.map(name).join(', ')}. Nothing was saved: ask your State's coordinator to assign ${outside.length === 1 ? 'it' : 'them'} to you.`,
  );
}

/**
 * The submission as `actor` may read it (NotFound or Forbidden as every submission route says: read
 * through the submissions service), with its row for the policies and the reader's memberships.
 */
export async function readableSubmission(db: Database, submissions: Services['submissions'], actor: Actor, cycleId: string, iso3: string) {
  const submission = await submissions.get(actor, cycleId, iso3);
  const [subject, found] = await Promise.all([subjectOf(db.drizzle, actor), locateSubmission(db.drizzle, submission.cycleId, submission.state.iso3)]);
  if (!found?.submission) throw new NotFound(`The submission of ${submission.state.iso3} to the review cycle "${cycleId}"`);
  const ref: SubmissionRecordRef = { id: found.submission.id, stateIso3: submission.state.iso3, status: found.submission.status, cycle: { id: found.cycle.id, status: found.cycle.status } };
  return { submission, subject, ref, cycle: found.cycle };
}

export function assignmentsService(db: Database, submissions: Services['submissions']): AssignmentsService {
  const locate = async (actor: Actor, cycleId: string, iso3: string) => {
    const found = await readableSubmission(db, submissions, actor, cycleId, iso3);
    return { ...found, questionnaire: asQuestionnaire(await cycleSnapshot(db, found.ref.cycle.id)) };
  };

  function present(row: AssignmentRow, names: ReadonlyMap<string, string>): Assignment {
    const { submissionId: _s, ...rest } = row;
    return { ...rest, question: names.get(row.itemKey) ?? row.itemKey };
  }

  function namesOf(q: Questionnaire): Map<string, string> {
    return new Map(writtenQuestions(q).map((w) => [w.key, w.question]));
  }

  async function userOf(ref: string): Promise<User> {
    const value = ref.trim();
    const found = isUuid(value) ? await findUserById(db.drizzle, value) : await findUserByEmail(db.drizzle, value.toLowerCase());
    if (!found) throw new NotFound(`The user "${value}"`);
    return found;
  }

  async function one(ref: SubmissionRecordRef, id: string, q: Questionnaire): Promise<Assignment> {
    const row = isUuid(id) ? await findAssignment(db.drizzle, ref.id, id) : undefined;
    if (!row) throw new NotFound(`The assignment "${id}"`);
    return present(row, namesOf(q));
  }

  return {
    async list(actor, cycleId, iso3) {
      const { submission, subject, ref, questionnaire } = await locate(actor, cycleId, iso3);
      const answers = itemAnswers(questionnaire, submission.response);
      const names = namesOf(questionnaire);
      const rows = (await listAssignments(db.drizzle, ref.id)).map((r) => present(r, names));
      const editable = submissionPolicy.editableItems(subject, ref);
      return {
        cycleId: submission.cycleId,
        state: { iso3: submission.state.iso3, name: submission.state.name },
        questions: writtenQuestions(questionnaire).map((w) => ({ ...w, words: itemWords(answers, w.key), assignments: rows.filter((r) => r.itemKey === w.key) })),
        canManage: assignmentPolicy.manage(subject, ref),
        editable: editable === 'all' ? 'all' : [...editable].sort(),
      };
    },

    async mine(actor) {
      requireSignedIn(actor);
      const userId = actorUserId(actor);
      if (userId === null) return [];
      const rows = (await listAssignmentsOfUser(db.drizzle, userId)).filter((r) => cycleVisibleToStates(r.cycle.status));
      // Each submission read once, as its reader: the words written so far, the State's name.
      const read = new Map<string, Promise<{ submission: Submission; q: Questionnaire; answers: ItemResponse }>>();
      const readOnce = (cycleId: string, iso3: string) => {
        const key = `${cycleId}/${iso3}`;
        let found = read.get(key);
        if (!found) {
          found = (async () => {
            const submission = await submissions.get(actor, cycleId, iso3);
            const q = asQuestionnaire(await cycleSnapshot(db, cycleId));
            return { submission, q, answers: itemAnswers(q, submission.response) };
          })();
          read.set(key, found);
        }
        return found;
      };
      return Promise.all(
        rows.map(async (row) => {
          const { submission, q, answers } = await readOnce(row.cycle.id, row.stateIso3);
          const written = writtenQuestions(q).find((w) => w.key === row.itemKey);
          const { stateIso3: _iso3, ...rest } = row;
          return {
            ...present(rest, namesOf(q)),
            cycle: row.cycle,
            state: { iso3: submission.state.iso3, name: submission.state.name },
            words: itemWords(answers, row.itemKey),
            wordGuidance: written?.wordGuidance ?? null,
          };
        }),
      );
    },

    async assign(actor, cycleId, iso3, input) {
      const raw = (input ?? {}) as Partial<Record<keyof AssignInput, unknown>>;
      const problems = new Problems();
      const refs = Array.isArray(raw.users) ? raw.users : [];
      if (refs.length === 0 || refs.length > 50 || !refs.every(isNonEmptyString)) problems.add('users', 'must list 1 to 50 people: their account ids or e-mail addresses');
      const itemKey = isNonEmptyString(raw.itemKey) ? raw.itemKey.trim() : null;
      const section = isNonEmptyString(raw.section) ? raw.section.trim() : null;
      if ((itemKey === null) === (section === null)) problems.add(itemKey === null ? 'itemKey' : 'section', 'name one question (itemKey, e.g. "1a") or one section (section, e.g. "1"), not both');
      const dueDate = raw.dueDate === undefined || raw.dueDate === null || raw.dueDate === '' ? null : String(raw.dueDate);
      if (dueDate !== null && !isIsoDate(raw.dueDate)) problems.add('dueDate', 'must be a date written YYYY-MM-DD');
      problems.throwIfAny('The questions cannot be assigned');

      const { subject, ref, questionnaire } = await locate(actor, cycleId, iso3);
      if (!assignmentPolicy.manage(subject, ref)) throw new Forbidden(refused);
      const keys = questionsNamed(questionnaire, itemKey, section);
      const people = await Promise.all((refs as string[]).map(userOf));
      const by = actorUserId(actor);
      const subjectName = `submission:${ref.cycle.id}/${ref.stateIso3}`;
      const given = await db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const person of people) {
          for (const key of keys) {
            const membership = { role: 'state-contributor' as const, scope: 'question' as const, submissionId: ref.id, questionKey: key };
            let id = await findSameMembership(tx, person.id, membership);
            const isNew = id === undefined;
            if (id === undefined) {
              [id] = await insertMemberships(tx, person.id, [membership]);
              await recordEvent(tx, actor, 'membership.grant', `user:${person.id}`, {
                membership: id,
                role: membership.role,
                scope: 'question',
                stateIso3: ref.stateIso3,
                cycleId: ref.cycle.id,
                questionKey: key,
                via: 'assignment',
              });
            }
            // A new grant starts afresh (an old row left by a membership taken back elsewhere is reset).
            await saveAssignmentDetails(tx, { submissionId: ref.id, itemKey: key, userId: person.id }, { reset: isNew, assignedBy: by, ...(dueDate !== null || isNew ? { dueDate } : {}) });
            await recordEvent(tx, actor, 'assignment.add', subjectName, { user: person.email, questionKey: key, dueDate, membership: id });
            ids.push(id!);
          }
        }
        return ids;
      });
      const names = namesOf(questionnaire);
      const rows = await listAssignments(db.drizzle, ref.id);
      return given.map((id) => present(rows.find((r) => r.id === id)!, names));
    },

    async update(actor, cycleId, iso3, id, change) {
      const raw = (change ?? {}) as Partial<Record<keyof AssignmentChange, unknown>>;
      const problems = new Problems();
      const status = raw.status === undefined ? undefined : assignmentStatuses.find((s) => s === raw.status);
      if (raw.status !== undefined && status === undefined) problems.add('status', `must be one of ${assignmentStatuses.join(', ')}`);
      const dueDate = raw.dueDate === '' ? null : raw.dueDate;
      if (dueDate !== undefined && dueDate !== null && !isIsoDate(dueDate)) problems.add('dueDate', 'must be a date written YYYY-MM-DD, or null to take it away');
      if (raw.status === undefined && raw.dueDate === undefined) problems.add('status', 'give a status or a due date (dueDate) to change');
      problems.throwIfAny('The assignment cannot be changed');

      const { subject, ref, questionnaire } = await locate(actor, cycleId, iso3);
      const current = await one(ref, id, questionnaire);
      if (dueDate !== undefined && !assignmentPolicy.manage(subject, ref)) throw new Forbidden("Only whoever assigns the question sets its due date: the State's coordinator, or a secretariat administrator.");
      if (status !== undefined && !assignmentPolicy.moveStatus(subject, ref, current.user.id)) {
        throw new Forbidden(`Only ${current.user.name}, who has ${current.question}, or whoever assigns it moves its status.`);
      }
      await db.transaction(async (tx) => {
        await saveAssignmentDetails(tx, { submissionId: ref.id, itemKey: current.itemKey, userId: current.user.id }, { status, dueDate: dueDate as string | null | undefined });
        await recordEvent(tx, actor, 'assignment.update', `submission:${ref.cycle.id}/${ref.stateIso3}`, {
          user: current.user.email,
          questionKey: current.itemKey,
          ...(status !== undefined ? { from: current.status, to: status } : {}),
          ...(dueDate !== undefined ? { dueDate } : {}),
        });
      });
      return one(ref, id, questionnaire);
    },

    async remove(actor, cycleId, iso3, id) {
      const { subject, ref, questionnaire } = await locate(actor, cycleId, iso3);
      const current = await one(ref, id, questionnaire);
      if (!assignmentPolicy.manage(subject, ref)) throw new Forbidden(refused);
      await db.transaction(async (tx) => {
        if (!(await deleteMembership(tx, current.id))) throw new NotFound(`The assignment "${id}"`);
        await deleteAssignmentDetails(tx, { submissionId: ref.id, itemKey: current.itemKey, userId: current.user.id });
        await recordEvent(tx, actor, 'membership.revoke', `user:${current.user.id}`, {
          membership: current.id,
          role: 'state-contributor',
          scope: 'question',
          stateIso3: ref.stateIso3,
          cycleId: ref.cycle.id,
          questionKey: current.itemKey,
          via: 'assignment',
        });
        await recordEvent(tx, actor, 'assignment.remove', `submission:${ref.cycle.id}/${ref.stateIso3}`, { user: current.user.email, questionKey: current.itemKey });
      });
      return current;
    },
  };
}

/** The written questions a request names: one by key or number, or those of one section (by key or number); InvalidInput naming what is there otherwise. */
function questionsNamed(q: Questionnaire, itemKey: string | null, section: string | null): string[] {
  const written = writtenQuestions(q);
  if (itemKey !== null) {
    const found = written.find((w) => w.key === itemKey || w.question === itemKey);
    if (!found) throw new InvalidInput('The questions cannot be assigned', [{ path: 'itemKey', message: `the cycle's questionnaire has no written question "${itemKey}" (it has ${written.map((w) => w.key).join(', ')})` }]);
    return [found.key];
  }
  const sections = walk(q).filter((w) => w.item.kind === 'section');
  const chosen = sections.find((w) => w.item.key === section || (w.number !== undefined && w.number === section));
  const inside = chosen ? new Set(walk(q).filter((w) => w.sections.includes(chosen.item as never)).map((w) => w.item.key)) : new Set<string | undefined>();
  const keys = written.filter((w) => inside.has(w.key)).map((w) => w.key);
  if (keys.length === 0) {
    const named = sections.filter((w) => walk(q).some((x) => x.sections.includes(w.item as never) && x.item.kind === 'prose')).map((w) => w.number ?? w.item.key);
    throw new InvalidInput('The questions cannot be assigned', [
      { path: 'section', message: `the cycle's questionnaire has no section "${section}" with written questions (it has ${named.join(', ')})` },
    ]);
  }
  return keys;
}
