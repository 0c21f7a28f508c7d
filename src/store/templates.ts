// Templates added by a secretariat, every version kept. Built-in templates are never stored.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Template } from '../domain/template.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { textIn } from '../domain/questionnaire/text.ts';
import type { Executor } from './executor.ts';
import { templates } from './schema.ts';

/** The latest version of every custom template, by id. */
export async function listCustomTemplates(db: Executor): Promise<Template[]> {
  const rows = await db
    .selectDistinctOn([templates.id], { definition: templates.definition })
    .from(templates)
    .orderBy(templates.id, desc(templates.version));
  return rows.map((r) => r.definition as Template);
}

/** The latest version of a custom template, or the given version. */
export async function findCustomTemplate(db: Executor, id: string, version?: number): Promise<Template | undefined> {
  const [row] = await db
    .select({ definition: templates.definition })
    .from(templates)
    .where(version === undefined ? eq(templates.id, id) : and(eq(templates.id, id), eq(templates.version, version)))
    .orderBy(desc(templates.version))
    .limit(1);
  return row?.definition as Template | undefined;
}

/** Stores a template of either model (an item-model one has `items`); `title` is its title in its default language. */
export async function insertCustomTemplate(db: Executor, template: Template | Questionnaire, createdBy: string | null): Promise<void> {
  const title = typeof template.title === 'string' ? template.title : textIn(template.title, template.language, template.language);
  await db.insert(templates).values({ id: template.id, version: template.version, title, definition: template, createdBy });
}

export async function countCustomTemplates(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(distinct ${templates.id})::int` }).from(templates);
  return row?.n ?? 0;
}
