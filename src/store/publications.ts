// Publications: frozen public snapshots of submitted versions (src/services/publications.ts makes
// them). A row is written when a report is published and marked, never deleted, when it is
// unpublished; only rows not unpublished are public.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import { publications } from './schema.ts';

export interface NewPublication {
  submissionId: string;
  version: number;
  snapshot: unknown;
  publishedBy: string | null;
}

/** Stores a publication; answers its id and when it was published (the transaction's time). */
export async function insertPublication(db: Executor, p: NewPublication): Promise<{ id: string; publishedAt: string }> {
  const [row] = await db.insert(publications).values(p).returning({ id: publications.id, publishedAt: publications.publishedAt });
  return { id: row!.id, publishedAt: row!.publishedAt.toISOString() };
}

/** Marks the submission's public publication as unpublished (who, why); answers its id, or undefined when none was public. */
export async function markUnpublished(db: Executor, submissionId: string, by: string | null, reason: string): Promise<string | undefined> {
  const rows = await db
    .update(publications)
    .set({ unpublishedAt: sql`now()`, unpublishedBy: by, unpublishReason: reason })
    .where(and(eq(publications.submissionId, submissionId), isNull(publications.unpublishedAt)))
    .returning({ id: publications.id });
  return rows[0]?.id;
}

/** A public publication as stored: its snapshot is whatever the service froze. */
export interface PublishedRow {
  id: string;
  version: number;
  publishedAt: string;
  snapshot: unknown;
}

/** The snapshot's own fields a list shows, read out of the JSON (not the whole response). */
export interface PublishedListRow {
  id: string;
  version: number;
  publishedAt: string;
  state: unknown;
  cycle: unknown;
}

/** Every publication that is public now, newest first. */
export async function listPublished(db: Executor): Promise<PublishedListRow[]> {
  const rows = await db
    .select({
      id: publications.id,
      version: publications.version,
      publishedAt: publications.publishedAt,
      state: sql<unknown>`${publications.snapshot}->'state'`,
      cycle: sql<unknown>`${publications.snapshot}->'cycle'`,
    })
    .from(publications)
    .where(isNull(publications.unpublishedAt))
    .orderBy(desc(publications.publishedAt), desc(publications.id));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
}

/** One publication while it is public; undefined when there is none, or it was unpublished. */
export async function findPublished(db: Executor, id: string): Promise<PublishedRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ id: publications.id, version: publications.version, publishedAt: publications.publishedAt, snapshot: publications.snapshot })
    .from(publications)
    .where(and(eq(publications.id, id), isNull(publications.unpublishedAt)));
  return row ? { ...row, publishedAt: row.publishedAt.toISOString() } : undefined;
}
