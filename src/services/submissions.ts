// A State's submission to a cycle: read it, save a draft (a new version each time), list versions.
import { stateByIso3 } from '../domain/reference.ts';
import { emptyResponse, Response } from '../domain/response.ts';
import { proseQuestions, type Template } from '../domain/template.ts';
import type { Database, Executor } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { findSubmission, findVersionResponse, insertVersion, listVersions, type SubmissionRecord } from '../store/submissions.ts';
import { actorName, actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { readableCycle } from './cycles.ts';
import { Conflict, InvalidInput } from './errors.ts';
import { authorize } from './policy.ts';
import type { Actor, Services, Submission, SubmissionStatus } from './types.ts';
import { formatMoment, isNonEmptyString, Problems } from './validation.ts';

/** A submission may be edited while it is being drafted or after the secretariat returned it. */
const editable: readonly SubmissionStatus[] = ['not-started', 'draft', 'returned'];

export function submissionsService(db: Database): Services['submissions'] {
  /** The cycle and the State's submission, once `actor` is allowed to `action` it. */
  async function locate(actor: Actor, cycleId: string, iso3: string, action: 'submission.read' | 'submission.write') {
    const code = String(iso3).trim().toUpperCase();
    // The State first: a State's users learn nothing about cycles or other States' submissions.
    authorize(actor, { action, stateIso3: code });
    const cycle = await readableCycle(db, actor, cycleId);
    const submission = await findSubmission(db.drizzle, cycle.summary.id, code);
    if (!submission) throw notInvited(code, cycle.summary.title);
    return { cycle, submission, iso3: code };
  }

  return {
    async get(actor, cycleId, iso3) {
      const { cycle, submission } = await locate(actor, cycleId, iso3, 'submission.read');
      return withResponse(db.drizzle, submission, cycle.template);
    },

    async saveDraft(actor, cycleId, iso3, response, options = {}) {
      const { cycle, iso3: code } = await locate(actor, cycleId, iso3, 'submission.write');
      const valid = validateDraft(response, cycle.template, code, options);
      try {
        return await db.transaction(async (tx) => {
          // Locked until commit: a concurrent save waits, then sees this version.
          const current = await findSubmission(tx, cycle.summary.id, code, true);
          if (!current) throw notInvited(code, cycle.summary.title);
          if (cycle.summary.status === 'closed') throw new Conflict(`The review cycle "${cycle.summary.title}" is closed; its submissions can no longer be changed.`);
          if (!editable.includes(current.status)) {
            throw new Conflict(`${current.state.name}'s submission is ${current.status}; the secretariat must return it before it can be edited.`);
          }
          if (options.baseVersion !== undefined && options.baseVersion !== current.version) throw staleVersion(current, options.baseVersion);
          const version = current.version + 1;
          await insertVersion(tx, {
            submissionId: current.id,
            version,
            response: valid,
            authorId: actorUserId(actor),
            authorName: actorName(actor),
            source: options.source ?? 'edit',
            note: options.note ?? null,
            status: 'draft',
          });
          await recordEvent(tx, actor, 'submission.save-draft', `submission:${cycle.summary.id}/${code}`, { version, source: options.source ?? 'edit' });
          const saved = await findSubmission(tx, cycle.summary.id, code);
          if (!saved) throw new Error('A submission vanished while it was being saved.');
          return { ...publicSummary(saved), response: valid };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Conflict('Someone else saved this submission at the same moment; reload it to see their changes, then save again.');
        throw err;
      }
    },

    async versions(actor, cycleId, iso3) {
      const { submission } = await locate(actor, cycleId, iso3, 'submission.read');
      return listVersions(db.drizzle, submission.id);
    },
  };
}

function publicSummary({ id: _id, ...summary }: SubmissionRecord) {
  return summary;
}

async function withResponse(db: Executor, submission: SubmissionRecord, template: Template): Promise<Submission> {
  if (submission.version === 0) {
    return { ...publicSummary(submission), response: { ...emptyResponse(template), state: { iso3: submission.state.iso3, name: submission.state.name } } };
  }
  const stored = await findVersionResponse(db, submission.id, submission.version);
  // Read through the schema: it restores the field order (jsonb does not keep it).
  return { ...publicSummary(submission), response: Response.parse(stored) };
}

function notInvited(iso3: string, cycleTitle: string): InvalidInput {
  const state = stateByIso3(iso3);
  if (!state) return new InvalidInput('Unknown State', [{ path: 'state', message: `"${iso3}" is not the ISO3 code of a known State` }]);
  return new InvalidInput('State not invited', [
    { path: 'state', message: `${state.name} (${iso3}) is not invited to the review cycle "${cycleTitle}"` },
  ]);
}

function staleVersion(current: SubmissionRecord, baseVersion: number): Conflict {
  const who = current.updatedBy ?? 'someone';
  const when = current.updatedAt ? ` on ${formatMoment(current.updatedAt)}` : '';
  return new Conflict(
    `${who} saved version ${current.version}${when}, after the version ${baseVersion} you started from. ` +
      'Reload the submission to see their changes, then save again.',
  );
}

/** The response as it will be stored; throws InvalidInput naming each bad field. */
function validateDraft(
  data: unknown,
  template: Template,
  iso3: string,
  options: { baseVersion?: number; source?: string; note?: string },
): Response {
  const problems = new Problems();
  const b = options.baseVersion;
  if (b !== undefined && !(Number.isInteger(b) && b >= 0)) problems.add('baseVersion', 'must be a whole number, 0 or more');
  if (options.source !== undefined && !(isNonEmptyString(options.source) && options.source.length <= 40)) {
    problems.add('source', 'must be a short word such as "edit" or "import"');
  }
  if (options.note !== undefined && (typeof options.note !== 'string' || options.note.length > 2000)) problems.add('note', 'must be text of at most 2,000 characters');

  const parsed = Response.safeParse(data);
  if (!parsed.success) {
    problems.addIssues(parsed.error.issues, '(the response as a whole)');
    problems.throwIfAny('The response is not valid');
  }
  const response = parsed.data as Response;
  if (response.templateId !== template.id) {
    problems.add('templateId', `is "${response.templateId}" but this review cycle uses the template "${template.id}"`);
  }
  if (response.state && response.state.iso3 !== iso3) {
    problems.add('state.iso3', `is ${response.state.iso3} but this is the submission of ${iso3}`);
  }
  const questions = new Set(proseQuestions(template).map((q) => q.key));
  response.answers.forEach((a, i) => {
    if (!questions.has(a.question)) problems.add(`answers[${i}].question`, `"${a.question}" is not a question of the template "${template.id}"`);
  });
  const principles = new Set(template.principles.map((p) => p.key));
  response.principles.forEach((p, i) => {
    if (!principles.has(p.principle)) problems.add(`principles[${i}].principle`, `"${p.principle}" is not a principle asked about in the template "${template.id}"`);
  });
  problems.throwIfAny('The response is not valid');
  const state = stateByIso3(iso3);
  return { ...response, state: response.state ?? (state ? { iso3, name: state.name } : null) };
}
