// A State's submission to a cycle: read it, save a draft (a new version each time), list versions.
import { isDeepStrictEqual } from 'node:util';
import { stateByIso3 } from '../domain/reference.ts';
import { emptyResponse, Response } from '../domain/response.ts';
import { proseQuestions, type Template } from '../domain/template.ts';
import { findCycleTemplate } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { appendVersion, findVersionResponse, listVersions, locateSubmission, type CycleOfSubmission, type SubmissionRecord } from '../store/submissions.ts';
import { actorName, actorUserId } from './actors.ts';
import { auditEvent } from './audit.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { authorize, visibleStates } from './policy.ts';
import type { Actor, SavedVersion, Services, SubmissionStatus } from './types.ts';
import { formatMoment, isNonEmptyString, Problems } from './validation.ts';

/** A submission may be edited while it is being drafted or after the secretariat returned it. */
const editable: readonly SubmissionStatus[] = ['not-started', 'draft', 'returned'];

/** Remembered, most recently used, per process: versions never change once saved, nor a cycle's template once opened. */
class Recent<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** A saved version's response: as stored (what later deltas apply to) and as served (in the schema's field order). */
interface VersionContent {
  stored: unknown;
  response: Response;
}

export function submissionsService(db: Database): Services['submissions'] {
  // Keyed by cycle id and template version: a cycle opened again on a newer template is read afresh.
  const templates = new Recent<Template>(100);
  // Keyed by submission id and version: a version, once saved, never changes.
  const contents = new Recent<VersionContent>(64);

  async function templateOf(cycle: CycleOfSubmission): Promise<Template> {
    const key = `${cycle.id}@${cycle.templateVersion}`;
    let template = templates.get(key);
    if (!template) {
      template = await findCycleTemplate(db.drizzle, cycle.id);
      if (!template) throw new Error(`The review cycle ${cycle.id} has no template snapshot.`);
      templates.set(key, deepFreeze(template));
    }
    return template;
  }

  async function contentOf(submission: SubmissionRecord): Promise<VersionContent> {
    const key = `${submission.id}@${submission.version}`;
    let content = contents.get(key);
    if (!content) {
      const stored = await findVersionResponse(db.drizzle, submission.id, submission.version);
      if (stored === undefined) throw new Error(`Version ${submission.version} of submission ${submission.id} is missing.`);
      // Read through the schema: it restores the field order (jsonb does not keep it).
      const response = Response.parse(stored);
      content = remember(key, isDeepStrictEqual(stored, response) ? response : stored, response);
    }
    return content;
  }

  function remember(key: string, stored: unknown, response: Response): VersionContent {
    const content = { stored: deepFreeze(stored), response: deepFreeze(response) };
    contents.set(key, content);
    return content;
  }

  /** The cycle and the State's submission, once `actor` is allowed to `action` it. */
  async function locate(actor: Actor, cycleId: string, iso3: string, action: 'submission.read' | 'submission.write') {
    const code = String(iso3).trim().toUpperCase();
    // The State first: a State's users learn nothing about cycles or other States' submissions.
    authorize(actor, { action, stateIso3: code });
    const found = await locateSubmission(db.drizzle, cycleId, code);
    if (!found) throw new NotFound(`The review cycle "${cycleId}"`);
    const { cycle, submission } = found;
    // A State's users may read only the cycles their State is invited to.
    if (!submission && visibleStates(actor) !== 'all') throw new Forbidden();
    if (!submission) throw notInvited(code, cycle.title);
    return { cycle, submission, iso3: code };
  }

  return {
    async get(actor, cycleId, iso3) {
      const { cycle, submission } = await locate(actor, cycleId, iso3, 'submission.read');
      const { id: _id, ...summary } = submission;
      if (submission.version === 0) {
        const template = await templateOf(cycle);
        return { ...summary, response: { ...emptyResponse(template), state: { iso3: submission.state.iso3, name: submission.state.name } } };
      }
      return { ...summary, response: (await contentOf(submission)).response };
    },

    async saveDraft(actor, cycleId, iso3, response, options) {
      const { cycle, submission: current, iso3: code } = await locate(actor, cycleId, iso3, 'submission.write');
      const valid = validateDraft(response, await templateOf(cycle), code, options);
      refuseUnsaveable(cycle, current, options.baseVersion);

      const previous = current.version === 0 ? undefined : (await contentOf(current)).stored;
      const source = options.source ?? 'edit';
      const savedBy = actorName(actor);
      let saved: { version: number; savedAt: string } | undefined;
      try {
        saved = await appendVersion(db.drizzle, {
          submissionId: current.id,
          baseVersion: current.version,
          response: valid,
          previous,
          authorId: actorUserId(actor),
          authorName: savedBy,
          source,
          note: options.note ?? null,
          editable,
          status: 'draft',
          audit: auditEvent(actor, 'submission.save-draft', `submission:${cycle.id}/${code}`, { version: current.version + 1, source }),
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      if (!saved) {
        // Something changed since we looked (someone saved, the cycle closed): say what.
        const now = await locate(actor, cycleId, code, 'submission.write');
        refuseUnsaveable(now.cycle, now.submission, options.baseVersion);
        throw new Conflict('The submission changed while it was being saved; reload it, then save again.');
      }
      remember(`${current.id}@${saved.version}`, valid, valid);
      return { cycleId: cycle.id, state: { iso3: code, name: current.state.name }, status: 'draft', version: saved.version, savedAt: saved.savedAt, savedBy } satisfies SavedVersion;
    },

    async versions(actor, cycleId, iso3) {
      const { submission } = await locate(actor, cycleId, iso3, 'submission.read');
      return listVersions(db.drizzle, submission.id);
    },

    async readVersion(actor, cycleId, iso3, version) {
      const { submission } = await locate(actor, cycleId, iso3, 'submission.read');
      if (!(Number.isInteger(version) && version >= 1 && version <= submission.version)) {
        throw new NotFound(`Version ${version} of ${submission.state.name}'s submission (${submission.version === 0 ? 'nothing is saved yet' : `versions run from 1 to ${submission.version}`})`);
      }
      return { version, response: (await contentOf({ ...submission, version })).response };
    },
  };
}

function notInvited(iso3: string, cycleTitle: string): InvalidInput {
  const state = stateByIso3(iso3);
  if (!state) return new InvalidInput('Unknown State', [{ path: 'state', message: `"${iso3}" is not the ISO3 code of a known State` }]);
  return new InvalidInput('State not invited', [
    { path: 'state', message: `${state.name} (${iso3}) is not invited to the review cycle "${cycleTitle}"` },
  ]);
}

/** Throws the Conflict that says why a save from `baseVersion` cannot be stored now, if it cannot. */
function refuseUnsaveable(cycle: CycleOfSubmission, current: SubmissionRecord, baseVersion: number): void {
  if (cycle.status === 'closed') throw new Conflict(`The review cycle "${cycle.title}" is closed; its submissions can no longer be changed.`);
  if (!editable.includes(current.status)) {
    throw new Conflict(`${current.state.name}'s submission is ${current.status}; the secretariat must return it before it can be edited.`);
  }
  if (baseVersion !== current.version) throw staleVersion(current, baseVersion);
}

/** The 409 of a save that did not start from the current version: who saved which version, and when. */
function staleVersion(current: SubmissionRecord, baseVersion: number): Conflict {
  const details = { baseVersion, currentVersion: current.version, savedBy: current.updatedBy, savedAt: current.updatedAt };
  if (baseVersion > current.version) {
    return new Conflict(
      `You started from version ${baseVersion}, but ${current.state.name}'s submission has only ${current.version === 0 ? 'no saved version yet' : `versions up to ${current.version}`}. ` +
        'Reload the submission, then save again.',
      details,
    );
  }
  const who = current.updatedBy ?? 'someone';
  const when = current.updatedAt ? ` at ${formatMoment(current.updatedAt)}` : '';
  return new Conflict(
    `Version ${current.version} was saved by ${who}${when} after you started from version ${baseVersion}. ` +
      'Nothing was saved: reload the submission to see their changes, then save again.',
    details,
  );
}

/** The response as it will be stored (plain JSON data); throws InvalidInput naming each bad field. */
function validateDraft(data: unknown, template: Template, iso3: string, options: { baseVersion: number; source?: string; note?: string }): Response {
  const problems = new Problems();
  const b = options.baseVersion as unknown;
  if (b === undefined || b === null) problems.add('baseVersion', 'is required: the version your changes started from (0 before the first save)');
  else if (!(Number.isInteger(b) && (b as number) >= 0)) problems.add('baseVersion', 'must be a whole number, 0 or more');
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
  // Plain JSON data, as the database will give it back: no undefined fields.
  return JSON.parse(JSON.stringify({ ...response, state: response.state ?? (state ? { iso3, name: state.name } : null) })) as Response;
}

/** Frozen all the way down: what the caches hand out is shared, so no caller may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
