// A State's submission to a cycle: read it, save a draft (a new version each time), list versions.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { carryIds, duplicateIds, idsFrom } from '../domain/paragraph-ids.ts';
import { stateByIso3 } from '../domain/reference.ts';
import { currentSchemaVersion, emptyResponse, Response } from '../domain/response.ts';
import { itemSchemaVersion } from '../domain/response-migrations.ts';
import { carryItemIds, consentIn, duplicateItemIds, emptyResponse as emptyItemResponse, ItemResponse } from '../domain/questionnaire/response.ts';
import { toLegacyResponse } from '../domain/questionnaire/legacy.ts';
import { errorsOf, validate } from '../domain/questionnaire/validate.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { diffResponses } from '../domain/response-diff.ts';
import { checkResponse, type ResponseIssue } from '../domain/validation.ts';
import type { Database } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { renderMessage } from '../domain/mail.ts';
import { cycleVisibleToStates, decide, maxWorkflowMessageLength, transitions, workflowActions, type Decision, type WorkflowAction, type WorkflowRole } from '../domain/workflow.ts';
import { findCycle } from '../store/cycles.ts';
import { listWorkflowSteps, submissionCoordinators } from '../store/workflow-history.ts';
import { appendVersion, changeStatus, findVersionContent, listVersions, locateSubmission, type CycleOfSubmission, type SubmissionRecord } from '../store/submissions.ts';
import { actorName, actorUserId } from './actors.ts';
import { refuseUnassignedChanges } from './assignments.ts';
import { auditEvent } from './audit.ts';
import { publicationStep } from './publications.ts';
import { cycleSnapshot, deepFreeze } from './cycle-template.ts';
import { isQuestionnaire, type AnyTemplate } from './template-summary.ts';
import { Conflict, Forbidden, InvalidInput, NotFound } from './errors.ts';
import { cyclePolicy, requireSignedIn, subjectOf, submissionPolicy, type Subject } from './policy.ts';
import type { Actor, AnyResponse, SavedVersion, Services, TransitionResult } from './types.ts';
import { formatMoment, isNonEmptyString, Problems } from './validation.ts';

/** Remembered, most recently used, per process: versions never change once saved. */
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

/**
 * A saved version's response: as stored (what later deltas apply to), in the current schema
 * version (what the next save carries ids from: the stored one when it is in it), and as served,
 * in the schema's field order (read through the schema when first asked for: a version saved and
 * saved over before anyone reads it never is).
 */
interface VersionContent {
  stored: unknown;
  current: AnyResponse;
  readonly response: AnyResponse;
}

export function submissionsService(db: Database, mail?: Services['mail']): Services['submissions'] {
  // Keyed by submission id and version: a version, once saved, never changes.
  const contents = new Recent<VersionContent>(64);

  /**
   * The template the cycle was opened with (its snapshot, kept in memory), never the template's
   * latest version: fixed slots, whose responses are Responses, or a questionnaire of the item
   * model, whose responses are ItemResponses.
   */
  function templateOf(cycle: Pick<CycleOfSubmission, 'id'>): Promise<AnyTemplate> {
    return cycleSnapshot(db, cycle.id);
  }

  async function contentOf(submission: SubmissionRecord, template: AnyTemplate): Promise<VersionContent> {
    const key = `${submission.id}@${submission.version}`;
    let content = contents.get(key);
    if (!content) {
      // Upgraded to the current schema version when it was stored in an older one (paragraph ids).
      const found = await findVersionContent(db.drizzle, submission.id, submission.version);
      if (found === undefined) throw new Error(`Version ${submission.version} of submission ${submission.id} is missing.`);
      // Read through the schema: it restores the field order (jsonb does not keep it).
      const response = responseSchemaOf(template).parse(found.current) as AnyResponse;
      content = remember(key, template, isDeepStrictEqual(found.stored, response) ? response : found.stored, response, response);
    }
    return content;
  }

  /** Keeps a version's content; `response` (the served form) is made from `current` when first asked for, unless given. */
  function remember(key: string, template: AnyTemplate, stored: unknown, current: AnyResponse, response?: AnyResponse): VersionContent {
    let served = response && deepFreeze(response);
    const frozen = deepFreeze(stored);
    const content: VersionContent = {
      stored: frozen,
      current: (current as unknown) === stored ? (frozen as AnyResponse) : deepFreeze(current),
      get response() {
        return (served ??= deepFreeze(responseSchemaOf(template).parse(content.current) as AnyResponse));
      },
    };
    contents.set(key, content);
    return content;
  }

  /**
   * The cycle, the State's submission and the part `actor` plays for it, once they may read it:
   * NotFound when there is no such cycle or it is a draft they may not see (States do not see
   * drafts), Forbidden when the submission is none of theirs.
   */
  async function locate(actor: Actor, cycleId: string, iso3: string) {
    requireSignedIn(actor);
    const code = String(iso3).trim().toUpperCase();
    // Who is asking and where the submission is, at once (two connections on PostgreSQL).
    const [subject, found] = await Promise.all([subjectOf(db.drizzle, actor), locateSubmission(db.drizzle, cycleId, code)]);
    if (!found) throw new NotFound(`The review cycle "${cycleId}"`);
    const { cycle, submission } = found;
    const role = submission ? submissionPolicy.role(subject, refOf(cycle, submission)) : null;
    if (!submission || !role) {
      const reach = cyclePolicy.reach(subject);
      const secretariat = reach.all || reach.cycles.has(cycle.id);
      if (!secretariat && !cycleVisibleToStates(cycle.status)) throw new NotFound(`The review cycle "${cycleId}"`);
      if (!secretariat) throw new Forbidden();
      throw notInvited(code, cycle.title);
    }
    return { cycle, submission, iso3: code, subject, role };
  }

  /** What the subject may do to the submission now: the machine's actions for their part. */
  async function actionsOf(subject: Subject, cycle: CycleOfSubmission, submission: SubmissionRecord): Promise<WorkflowAction[]> {
    return submissionPolicy.actions(subject, refOf(cycle, submission), await consentOfVersion(cycle, submission));
  }

  /** The State's consent to publish, as the version says it; undefined before the first save. */
  async function consentOfVersion(cycle: CycleOfSubmission, submission: SubmissionRecord) {
    if (submission.version === 0) return undefined;
    const template = await templateOf(cycle);
    const { current } = await contentOf(submission, template);
    return isQuestionnaire(template) ? consentIn(template, current as ItemResponse) : (current as Response).consent;
  }

  /**
   * The mail a step sends, once it is taken: submitting acknowledges receipt to whoever submitted and
   * the State's coordinators, with a copy to the cycle's return addresses; returning (with its
   * message) and accepting tell the coordinators. Written in the language of the cycle's form
   * (English when the catalogue has not got it). A message that cannot be sent is the outbox's to
   * record (failed, retried later): it never undoes the step, and nothing here throws.
   */
  async function mailAbout(actor: Actor, cycle: CycleOfSubmission, submission: SubmissionRecord, request: { action: WorkflowAction; message?: string }) {
    const { action } = request;
    if (!mail || !(action === 'submit' || action === 'return' || action === 'accept')) return;
    try {
      const [coordinators, terms, template] = await Promise.all([
        submissionCoordinators(db.drizzle, cycle.id, submission.state.iso3),
        findCycle(db.drizzle, cycle.id, { states: 'all' }),
        templateOf(cycle),
      ]);
      const people = new Map(coordinators.map((c) => [c.email, c.name]));
      if (action === 'submit' && actor?.kind === 'user') people.set(actor.email, actor.name);
      if (people.size === 0) return;
      const common = {
        to: [...people.keys()],
        language: template.language,
        related: { type: 'submission', id: `${cycle.id}/${submission.state.iso3}` },
      };
      const values = {
        recipientName: [...people.values()].join(', '),
        cycleTitle: cycle.title,
        stateName: submission.state.name,
        version: String(submission.version),
        link: `/cycles/${cycle.id}/states/${submission.state.iso3}`,
      };
      const message =
        action === 'submit'
          ? renderMessage({ ...common, kind: 'acknowledgement', cc: (terms?.returnAddresses ?? []).filter((a) => !people.has(a)), values })
          : action === 'return'
            ? renderMessage({ ...common, kind: 'returned', values: { ...values, returnedBy: actorName(actor), message: request.message ?? '' } })
            : renderMessage({ ...common, kind: 'accepted', values });
      await mail.send(message);
    } catch (err) {
      console.error(`The ${action} mail about ${submission.state.name}'s submission could not be stored: ${(err as Error).message}`);
    }
  }

  return {
    async get(actor, cycleId, iso3) {
      const { cycle, submission, subject } = await locate(actor, cycleId, iso3);
      const { id: _id, ...summary } = submission;
      const allowedActions = await actionsOf(subject, cycle, submission);
      const template = await templateOf(cycle);
      if (submission.version === 0) {
        const empty = isQuestionnaire(template) ? emptyItemResponse(template) : emptyResponse(template);
        return { ...summary, allowedActions, response: { ...empty, state: { iso3: submission.state.iso3, name: submission.state.name } } };
      }
      return { ...summary, allowedActions, response: (await contentOf(submission, template)).response };
    },

    async saveDraft(actor, cycleId, iso3, response, options) {
      const { cycle, submission: current, iso3: code, role, subject } = await locate(actor, cycleId, iso3);
      const template = await templateOf(cycle);
      const valid = validateDraft(response, template, code, options);
      // Who may save, and when, is the workflow's (the `save` action).
      const decision = refuseUnsaveable(role, cycle, current, options.baseVersion);

      const base = current.version === 0 ? undefined : await contentOf(current, template);
      const previous = base?.stored;
      // Ids sent are kept; a paragraph or footnote sent without one (new, imported, from a client
      // that knows no ids) takes the id of the same one in the version before, or a new one.
      const toStore: Response | (ItemResponse & { schemaVersion: number }) = isQuestionnaire(template)
        ? { ...carryItemIds(valid as ItemResponse, base?.current as ItemResponse | undefined, newIds), schemaVersion: itemSchemaVersion }
        : { ...carryIds(valid as Response, base?.current as Response | undefined, newIds), schemaVersion: currentSchemaVersion };
      // A contributor given some questions only (assignments) changes those and no others.
      refuseUnassignedChanges(subject, refOf(cycle, current), await templateOf(cycle), base?.current, toStore);
      const source = options.source ?? 'edit';
      const savedBy = actorName(actor);
      let saved: { version: number; savedAt: string } | undefined;
      try {
        saved = await appendVersion(db.drizzle, {
          submissionId: current.id,
          baseVersion: current.version,
          response: toStore,
          previous,
          authorId: actorUserId(actor),
          authorName: savedBy,
          source,
          note: options.note ?? null,
          editable: transitions.save.from,
          cycleStatuses: transitions.save.cycle,
          status: decision.to,
          audit: auditEvent(actor, 'submission.save-draft', `submission:${cycle.id}/${code}`, { version: current.version + 1, source, from: current.status, to: decision.to }),
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      if (!saved) {
        // Something changed since we looked (someone saved, the cycle closed): say what.
        const now = await locate(actor, cycleId, code);
        refuseUnsaveable(now.role, now.cycle, now.submission, options.baseVersion);
        throw new Conflict('The submission changed while it was being saved; reload it, then save again.');
      }
      remember(`${current.id}@${saved.version}`, template, toStore, toStore);
      return { cycleId: cycle.id, state: { iso3: code, name: current.state.name }, status: decision.to, version: saved.version, savedAt: saved.savedAt, savedBy } satisfies SavedVersion;
    },

    async transition(actor, cycleId, iso3, input) {
      const request = validateTransition(input);
      const { cycle, submission: current, iso3: code, subject, role } = await locate(actor, cycleId, iso3);
      const consent = await consentOfVersion(cycle, current);
      const decision = refuseUnless(decide(request.action, { status: current.status, cycleStatus: cycle.status, role, ...(consent ? { consent } : {}) }), request.action, role);
      if (request.baseVersion !== current.version) throw staleVersion(current, request.baseVersion);
      // Publishing and unpublishing write the publication in the same transaction (publications.ts).
      const step = { actor, action: request.action, cycle, submission: current, message: request.message, response: async () => (await contentOf(current, await templateOf(cycle))).response };
      const moved = await publicationStep(db, step, (tx) => changeStatus(tx, {
        submissionId: current.id,
        from: current.status,
        version: current.version,
        cycleStatus: cycle.status,
        to: decision.to,
        audit: auditEvent(actor, `submission.${request.action}`, `submission:${cycle.id}/${code}`, {
          from: current.status,
          to: decision.to,
          version: current.version,
          ...(request.message !== undefined ? { message: request.message } : {}),
        }),
      }));
      if (!moved) throw new Conflict(`${current.state.name}'s submission changed while it was being moved; reload it, then try again.`);
      await mailAbout(actor, cycle, current, request);
      return {
        cycleId: cycle.id,
        state: { iso3: code, name: current.state.name },
        action: request.action,
        from: current.status,
        status: decision.to,
        version: current.version,
        at: moved.at,
        by: actorName(actor),
        allowedActions: await actionsOf(subject, cycle, { ...current, status: decision.to }),
      } satisfies TransitionResult;
    },

    async acceptImport(actor, cycleId, iso3, response, options) {
      const fileName = importedFileName(options.fileName);
      // The file is always named: the note alone when it names it already ("Imported from arvenia.docx").
      const extra = typeof options.note === 'string' ? options.note.trim() : '';
      const note = extra === '' ? fileName : extra.includes(fileName) ? extra : `${fileName}: ${extra}`;
      // A draft like any other, saved in the importer's name, marked as an import of that file.
      return this.saveDraft(actor, cycleId, iso3, response, { baseVersion: options.baseVersion, source: 'import', note });
    },

    async history(actor, cycleId, iso3) {
      const { cycle, iso3: code } = await locate(actor, cycleId, iso3);
      return listWorkflowSteps(db.drizzle, `submission:${cycle.id}/${code}`);
    },

    async versions(actor, cycleId, iso3) {
      const { submission } = await locate(actor, cycleId, iso3);
      return listVersions(db.drizzle, submission.id);
    },

    async readVersion(actor, cycleId, iso3, version) {
      const { cycle, submission } = await locate(actor, cycleId, iso3);
      if (!(Number.isInteger(version) && version >= 1 && version <= submission.version)) {
        throw new NotFound(`Version ${version} of ${submission.state.name}'s submission (${submission.version === 0 ? 'nothing is saved yet' : `versions run from 1 to ${submission.version}`})`);
      }
      return { version, response: (await contentOf({ ...submission, version }, await templateOf(cycle))).response };
    },

    async diff(actor, cycleId, iso3, from, to) {
      const [older, newer, template] = await Promise.all([this.readVersion(actor, cycleId, iso3, from), this.readVersion(actor, cycleId, iso3, to), templateOf({ id: cycleId })]);
      // An item response is compared as its prose answers, contact, consent and principles (the differences the view shows).
      const comparable = (r: AnyResponse) => (isQuestionnaire(template) ? toLegacyResponse(template, r as ItemResponse) : (r as Response));
      return { from, to, diff: diffResponses(comparable(older.response), comparable(newer.response)) };
    },

    async restore(actor, cycleId, iso3, version, options) {
      const { response } = await this.readVersion(actor, cycleId, iso3, version);
      // A save like any other (same rules, audited), of version n's content, marked as a restore.
      return this.saveDraft(actor, cycleId, iso3, response, { baseVersion: options.baseVersion, source: 'restore', note: `Restored version ${version}` });
    },
  };
}

/** The name of an imported file, without the folders of whoever sent it; InvalidInput when there is none. */
function importedFileName(value: unknown): string {
  const name = typeof value === 'string' ? (value.split(/[\\/]/).pop() ?? '').trim() : '';
  if (name === '' || name.length > 255) {
    throw new InvalidInput('The import is not valid', [{ path: 'fileName', message: 'must name the imported file (at most 255 characters)' }]);
  }
  return name;
}

function notInvited(iso3: string, cycleTitle: string): InvalidInput {
  const state = stateByIso3(iso3);
  if (!state) return new InvalidInput('Unknown State', [{ path: 'state', message: `"${iso3}" is not the ISO3 code of a known State` }]);
  return new InvalidInput('State not invited', [
    { path: 'state', message: `${state.name} (${iso3}) is not invited to the review cycle "${cycleTitle}"` },
  ]);
}

function refOf(cycle: CycleOfSubmission, submission: SubmissionRecord) {
  return { id: submission.id, stateIso3: submission.state.iso3, status: submission.status, cycle: { id: cycle.id, status: cycle.status } };
}

/**
 * The workflow's decision when it allows the action; otherwise its reason, as Forbidden when the
 * part the person plays may never take the action, as Conflict when the submission or the cycle is
 * not in a state that allows it now.
 */
function refuseUnless(decision: Decision, action: WorkflowAction, role: WorkflowRole): Extract<Decision, { allowed: true }> {
  if (decision.allowed) return decision;
  if (!transitions[action].by.includes(role)) throw new Forbidden(decision.reason);
  throw new Conflict(decision.reason);
}

/** The save's decision, or the refusal that says why a save from `baseVersion` cannot be stored now. */
function refuseUnsaveable(role: WorkflowRole, cycle: CycleOfSubmission, current: SubmissionRecord, baseVersion: number) {
  const decision = refuseUnless(decide('save', { status: current.status, cycleStatus: cycle.status, role }), 'save', role);
  if (baseVersion !== current.version) throw staleVersion(current, baseVersion);
  return decision;
}

/**
 * The action (not `save`, which sends a response), the version it starts from, and its message for
 * the State (required to return; `note` is the older name of the same field).
 */
function validateTransition(input: unknown): { action: Exclude<WorkflowAction, 'save'>; baseVersion: number; message?: string } {
  const raw = (input ?? {}) as Record<string, unknown>;
  const problems = new Problems();
  const action = workflowActions.find((a) => a === raw.action);
  if (!action) problems.add('action', `must be one of ${workflowActions.filter((a) => a !== 'save').join(', ')}`);
  else if (action === 'save') problems.add('action', 'a save sends the response: PUT the submission (or `gcm-review import`) instead');
  const b = raw.baseVersion;
  if (b === undefined || b === null) problems.add('baseVersion', "is required: the version you are acting on (the submission's `version` as you read it)");
  else if (!(Number.isInteger(b) && (b as number) >= 0)) problems.add('baseVersion', 'must be a whole number, 0 or more');
  const given = raw.message ?? raw.note;
  const message = typeof given === 'string' ? given.trim() : undefined;
  if (given !== undefined && (typeof given !== 'string' || given.length > maxWorkflowMessageLength)) {
    problems.add('message', `must be text of at most ${maxWorkflowMessageLength.toLocaleString('en')} characters`);
  } else if (action && transitions[action].needsMessage && !message) {
    problems.add('message', `is required to ${transitions[action].label}: say what the State should change`);
  }
  problems.throwIfAny(`The submission cannot be moved${action ? ` (${action})` : ''}`);
  return { action: action as Exclude<WorkflowAction, 'save'>, baseVersion: b as number, ...(message ? { message } : {}) };
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

/** The schema a cycle's responses are read and checked with: the item model's for a questionnaire, else fixed slots. */
export function responseSchemaOf(template: AnyTemplate) {
  return isQuestionnaire(template) ? ItemResponse : Response;
}

/** The field of the response a refusing issue is about ("answers[3].question"). */
function issuePath(issue: ResponseIssue, response: Response): string {
  if (issue.principle !== undefined) {
    const i = response.principles.findIndex((p) => p.principle === issue.principle);
    if (i >= 0) return `principles[${i}].principle`;
  }
  if (issue.question !== undefined) {
    // The last answer to the question: for an answer given twice, the second.
    const i = response.answers.findLastIndex((a) => a.question === issue.question);
    if (i >= 0) return `answers[${i}].question`;
  }
  return issue.code === 'other-template' ? 'templateId' : '(the response as a whole)';
}

/** New paragraph and footnote ids: random, so that ids made anywhere (server, CLI, several processes) need no coordination. */
const newIds = idsFrom((n) => randomBytes(n));

/** The response as it will be stored (plain JSON data); throws InvalidInput naming each bad field. */
function validateDraft(data: unknown, template: AnyTemplate, iso3: string, options: { baseVersion: number; source?: string; note?: string }): AnyResponse {
  const problems = new Problems();
  const b = options.baseVersion as unknown;
  if (b === undefined || b === null) problems.add('baseVersion', 'is required: the version your changes started from (0 before the first save)');
  else if (!(Number.isInteger(b) && (b as number) >= 0)) problems.add('baseVersion', 'must be a whole number, 0 or more');
  if (options.source !== undefined && !(isNonEmptyString(options.source) && options.source.length <= 40)) {
    problems.add('source', 'must be a short word such as "edit" or "import"');
  }
  if (options.note !== undefined && (typeof options.note !== 'string' || options.note.length > 2000)) problems.add('note', 'must be text of at most 2,000 characters');

  if (isQuestionnaire(template)) return validItemDraft(data, template, iso3, problems);
  const parsed = Response.safeParse(data);
  if (!parsed.success) {
    problems.addIssues(parsed.error.issues, '(the response as a whole)');
    problems.throwIfAny('The response is not valid');
  }
  const response = parsed.data as Response;
  for (const d of duplicateIds(response)) {
    problems.add(d.path, `"${d.id}" is also the id of ${d.firstPath}: each paragraph and footnote needs an id of its own (leave it out for a new one)`);
  }
  if (response.state && response.state.iso3 !== iso3) {
    problems.add('state.iso3', `is ${response.state.iso3} but this is the submission of ${iso3}`);
  }
  // The domain's checks judge the response: their errors refuse it, their warnings do not.
  for (const issue of checkResponse(template, response).errors) problems.add(issuePath(issue, response), issue.message);
  problems.throwIfAny('The response is not valid');
  const state = stateByIso3(iso3);
  // Plain JSON data, as the database will give it back: no undefined fields.
  return JSON.parse(JSON.stringify({ ...response, state: response.state ?? (state ? { iso3, name: state.name } : null) })) as Response;
}

/**
 * An item response to the cycle's questionnaire as it will be stored (plain JSON data), with the
 * State filled in; throws InvalidInput naming each bad field, with the problems found before.
 */
function validItemDraft(data: unknown, template: Questionnaire, iso3: string, problems: Problems): ItemResponse {
  if (typeof data === 'object' && data !== null && Array.isArray((data as { answers?: unknown }).answers)) {
    problems.add('answers', `is a list, but this cycle's questionnaire ("${template.id}") is answered by item key: an object such as { "preparation": { "kind": "prose", "paragraphs": [...] } }`);
    problems.throwIfAny('The response is not valid');
  }
  const parsed = ItemResponse.safeParse(data);
  if (!parsed.success) {
    problems.addIssues(parsed.error.issues, '(the response as a whole)');
    problems.throwIfAny('The response is not valid');
  }
  const response = parsed.data as ItemResponse;
  if (response.templateId !== template.id) problems.add('templateId', `is "${response.templateId}" but this cycle asks "${template.id}"`);
  for (const d of duplicateItemIds(response)) {
    problems.add(d.path, `"${d.id}" is also the id of ${d.firstPath}: each paragraph and footnote needs an id of its own (leave it out for a new one)`);
  }
  if (response.state && response.state.iso3 !== iso3) problems.add('state.iso3', `is ${response.state.iso3} but this is the submission of ${iso3}`);
  // The domain's one validation: its errors refuse the response, its warnings do not.
  for (const f of errorsOf(validate(template, response))) {
    problems.add(f.item !== undefined ? `answers.${f.item}` : f.footnote !== undefined ? 'footnotes' : '(the response as a whole)', f.message);
  }
  problems.throwIfAny('The response is not valid');
  const state = stateByIso3(iso3);
  return JSON.parse(JSON.stringify({ ...response, templateVersion: template.version, state: response.state ?? (state ? { iso3, name: state.name } : null) })) as ItemResponse;
}
