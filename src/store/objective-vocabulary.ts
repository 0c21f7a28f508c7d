// The analyst's vocabulary: per GCM objective and language, terms that replace the built-in ones
// (src/domain/analysis/vocabulary.en.json) in the analysis of responses.
import { and, eq } from 'drizzle-orm';
import type { Executor } from './executor.ts';
import { objectiveVocabulary, users } from './schema.ts';

export interface StoredVocabulary {
  objective: number;
  language: string;
  terms: string[];
  updatedAt: Date;
  /** The name of who saved it; null when the account is gone. */
  updatedBy: string | null;
}

const columns = {
  objective: objectiveVocabulary.objective,
  language: objectiveVocabulary.language,
  terms: objectiveVocabulary.terms,
  updatedAt: objectiveVocabulary.updatedAt,
  updatedBy: users.name,
};

/** Every override in a language (all languages without one). */
export async function listObjectiveVocabulary(db: Executor, language?: string): Promise<StoredVocabulary[]> {
  return db
    .select(columns)
    .from(objectiveVocabulary)
    .leftJoin(users, eq(users.id, objectiveVocabulary.updatedBy))
    .where(language === undefined ? undefined : eq(objectiveVocabulary.language, language))
    .orderBy(objectiveVocabulary.language, objectiveVocabulary.objective);
}

export async function findObjectiveVocabulary(db: Executor, objective: number, language: string): Promise<StoredVocabulary | undefined> {
  const [row] = await db
    .select(columns)
    .from(objectiveVocabulary)
    .leftJoin(users, eq(users.id, objectiveVocabulary.updatedBy))
    .where(and(eq(objectiveVocabulary.objective, objective), eq(objectiveVocabulary.language, language)));
  return row;
}

/** Stores the terms of one objective in one language, replacing any stored before. */
export async function saveObjectiveVocabulary(db: Executor, row: { objective: number; language: string; terms: string[]; updatedBy: string | null }): Promise<void> {
  await db
    .insert(objectiveVocabulary)
    .values({ ...row, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [objectiveVocabulary.objective, objectiveVocabulary.language], set: { terms: row.terms, updatedBy: row.updatedBy, updatedAt: new Date() } });
}

/** Removes an override: the built-in terms apply again. Answers whether there was one. */
export async function deleteObjectiveVocabulary(db: Executor, objective: number, language: string): Promise<boolean> {
  const rows = await db
    .delete(objectiveVocabulary)
    .where(and(eq(objectiveVocabulary.objective, objective), eq(objectiveVocabulary.language, language)))
    .returning({ objective: objectiveVocabulary.objective });
  return rows.length > 0;
}
