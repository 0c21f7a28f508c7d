// Publication: a State's report, once the secretariat publishes it (the workflow's `publish`, which
// needs the State's consent), is kept as a frozen public snapshot: the submitted version's response,
// the cycle's template as the State answered it (its terms filled in), the State, the cycle's title
// and meeting, who published it and when. Later changes to the submission or the cycle do not reach
// it. Unpublishing (with a reason) marks it so, and it stops being public; the row is kept.
// The workflow step and the publication are written in one transaction (`publicationStep`, which
// the submissions service's `transition` calls); the public reads are `publicationsService`.
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import type { WorkflowAction } from '../domain/workflow.ts';
import { findCycle } from '../store/cycles.ts';
import type { Database, Executor } from '../store/database.ts';
import { findPublished, insertPublication, listPublished, markUnpublished } from '../store/publications.ts';
import { actorName, actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { cycleQuestionnaire } from './cycle-template.ts';
import { InvalidInput, NotFound } from './errors.ts';
import type { Actor } from './types.ts';

/** What a publication shows of its cycle. */
export interface PublishedCycle {
  id: string;
  title: string;
  region: string;
  meeting: { name: string; place?: string; dates?: string } | null;
}

/** The frozen content of a publication, as stored. */
export interface PublicationSnapshot {
  state: { iso3: string; name: string };
  cycle: PublishedCycle;
  /** The submitted version published. */
  version: number;
  /** The name of whoever published it. */
  publishedBy: string;
  /** The answers as stored: in fixed slots, or one answer per item of the questionnaire. */
  response: Response | ItemResponse;
  /** The cycle's questionnaire (item model), filled with its terms, in its own language: the questions the State answered. */
  template: Questionnaire;
  /** The language of `template`. */
  language: string;
}

/** A public publication. */
export interface Publication extends PublicationSnapshot {
  id: string;
  publishedAt: string;
}

/** A public publication in a list: whose, which cycle, when. */
export interface PublicationSummary {
  id: string;
  state: { iso3: string; name: string };
  cycle: PublishedCycle;
  version: number;
  publishedAt: string;
}

export interface PublicationsService {
  /** Every report public now, newest first. Anyone may read them, signed in or not. */
  list(): Promise<PublicationSummary[]>;
  /** One public report; NotFound when there is none, or it was unpublished. */
  get(id: string): Promise<Publication>;
}

export function publicationsService(db: Database): PublicationsService {
  return {
    async list() {
      const rows = await listPublished(db.drizzle);
      return rows.map((r) => ({ id: r.id, state: r.state as PublicationSummary['state'], cycle: r.cycle as PublishedCycle, version: r.version, publishedAt: r.publishedAt }));
    },
    async get(id) {
      const row = await findPublished(db.drizzle, id);
      if (!row) throw new NotFound(`The publication "${id}"`);
      const snapshot = row.snapshot as PublicationSnapshot;
      return { id: row.id, publishedAt: row.publishedAt, ...snapshot, version: row.version };
    },
  };
}

/** A workflow step about to be written, as `transition` has decided it. */
export interface PublicationStep {
  actor: Actor;
  action: WorkflowAction;
  cycle: { id: string; title: string };
  submission: { id: string; version: number; state: { iso3: string; name: string } };
  /** The step's message: unpublishing needs one (the reason). */
  message?: string | undefined;
  /** The response of the version acted on. */
  response: () => Promise<Response | ItemResponse>;
}

/**
 * Writes a workflow step through `move` (the status change and its audit event), and, for publish
 * and unpublish, the publication with it in one transaction: written together, or neither when
 * `move` changes nothing (someone moved the submission first). Other steps just run `move`.
 * Unpublishing without a reason is refused (InvalidInput naming `message`).
 */
export async function publicationStep<T>(db: Database, step: PublicationStep, move: (tx: Executor) => Promise<T | undefined>): Promise<T | undefined> {
  const { actor, action, cycle, submission } = step;
  const subject = `${cycle.id}/${submission.state.iso3}`;
  if (action === 'publish') {
    // Read before the transaction: the embedded database runs nothing else while one is open.
    const snapshot = await snapshotOf(db, step);
    return db.transaction(async (tx) => {
      const moved = await move(tx);
      if (moved === undefined) return undefined;
      const { id } = await insertPublication(tx, { submissionId: submission.id, version: submission.version, snapshot, publishedBy: actorUserId(actor) });
      await recordEvent(tx, actor, 'publication.publish', `publication:${id}`, { submission: subject, version: submission.version });
      return moved;
    });
  }
  if (action === 'unpublish') {
    const reason = step.message?.trim() ?? '';
    if (reason === '') {
      throw new InvalidInput('The submission cannot be moved (unpublish)', [
        { path: 'message', message: 'is required to unpublish the report: say why it is no longer public (it is kept with the publication)' },
      ]);
    }
    return db.transaction(async (tx) => {
      const moved = await move(tx);
      if (moved === undefined) return undefined;
      const id = await markUnpublished(tx, submission.id, actorUserId(actor), reason);
      if (id) await recordEvent(tx, actor, 'publication.unpublish', `publication:${id}`, { submission: subject, version: submission.version, reason });
      return moved;
    });
  }
  return move(db.drizzle);
}

/** The frozen content of the publication `step` makes: copied now, so nothing later changes it. */
async function snapshotOf(db: Database, step: PublicationStep): Promise<PublicationSnapshot> {
  const [cycle, response] = await Promise.all([findCycle(db.drizzle, step.cycle.id, { states: 'all' }), step.response()]);
  if (!cycle) throw new NotFound(`The review cycle "${step.cycle.id}"`);
  const { questionnaire, language } = await cycleQuestionnaire(db, cycle);
  // Plain JSON, as the database gives it back: no undefined fields, nothing shared with caches.
  return JSON.parse(
    JSON.stringify({
      state: { iso3: step.submission.state.iso3, name: step.submission.state.name },
      cycle: { id: cycle.id, title: cycle.title, region: cycle.region, meeting: cycle.meeting },
      version: step.submission.version,
      publishedBy: actorName(step.actor),
      response,
      template: questionnaire,
      language,
    }),
  ) as PublicationSnapshot;
}
