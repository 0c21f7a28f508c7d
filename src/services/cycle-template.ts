// The template a cycle asks: the snapshot stored when the cycle opened (never the template's
// latest version), its text filled with the cycle's terms (src/domain/placeholders.ts). Every
// reader that has a cycle (submissions, exports, imports, the web pages through
// GET /api/cycles/{id}/template, the CLI) goes through here; authorization is the caller's.
import { fillPlaceholders, type CycleTerms } from '../domain/placeholders.ts';
import { fillQuestionnairePlaceholders } from '../domain/questionnaire/placeholders.ts';
import { fromFixedSlots } from '../domain/questionnaire/legacy.ts';
import { Template } from '../domain/template.ts';
import { itemByKey, Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { isAnswered } from '../domain/questionnaire/registry.ts';
import { asQuestionnaire, isQuestionnaire, type AnyTemplate } from './template-summary.ts';
import { questionnaireIn } from './templates.ts';
import { findCycleTemplate } from '../store/cycles.ts';
import type { Database } from '../store/database.ts';
import { templateIn, templateLanguages } from './template-language.ts';
import type { LocalisedQuestionnaire } from './types.ts';

/** Snapshots already read, per database, most recently used last: a cycle's snapshot never changes. */
const snapshots = new WeakMap<Database, Map<string, AnyTemplate>>();
const capacity = 100;

/**
 * The snapshot as stored, read through its schema (field order, defaults added since) and frozen:
 * fixed slots for a cycle opened on a template that fits them (its responses are stored in that
 * shape), else the questionnaire of the item model (its responses are item responses).
 */
export async function cycleSnapshot(db: Database, cycleId: string): Promise<AnyTemplate> {
  let cache = snapshots.get(db);
  if (!cache) snapshots.set(db, (cache = new Map()));
  let template = cache.get(cycleId);
  if (template) cache.delete(cycleId);
  else {
    const stored = await findCycleTemplate(db.drizzle, cycleId);
    if (!stored) throw new Error(`The review cycle ${cycleId} has no template snapshot.`);
    template = deepFreeze(Array.isArray((stored as { items?: unknown }).items) ? Questionnaire.parse(stored) : Template.parse(stored));
  }
  cache.set(cycleId, template);
  if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
  return template;
}

/**
 * The cycle's template as its States read it: the snapshot, with the cycle's meeting, deadline,
 * addresses and commission; in `language` when asked. Fixed slots: a snapshot of apac-2020 as it
 * ships is offered in each of apac-2020's languages, any other only in its own
 * (template-language.ts). A questionnaire: in each language it has, its texts then plain strings.
 */
export async function cycleTemplate(db: Database, cycle: CycleTerms & { id: string }, language?: string): Promise<AnyTemplate> {
  const snapshot = await cycleSnapshot(db, cycle.id);
  if (isQuestionnaire(snapshot)) {
    const filled = fillQuestionnairePlaceholders(snapshot, cycle);
    return language === undefined ? filled : questionnaireIn(filled, language).questionnaire;
  }
  // Filled, then translated: the importer, given the filled template, translates it the same way (fixedSlotsIn), so both print the same words.
  return templateIn(fillPlaceholders(snapshot, cycle), language);
}

/**
 * The cycle's template as a questionnaire of the item model, plain strings in `language` (the
 * snapshot's own when none is asked), its placeholders filled with the cycle's terms: the same
 * words, text for text, as cycleTemplate gives, with the languages the cycle's form can be had in.
 */
export async function cycleQuestionnaire(db: Database, cycle: CycleTerms & { id: string }, language?: string): Promise<LocalisedQuestionnaire> {
  const snapshot = await cycleSnapshot(db, cycle.id);
  if (isQuestionnaire(snapshot)) return questionnaireIn(fillQuestionnairePlaceholders(snapshot, cycle), language);
  const filled = fillPlaceholders(snapshot, cycle);
  const languages = templateLanguages(filled);
  const translated = templateIn(filled, language);
  return { questionnaire: fillQuestionnairePlaceholders(fromFixedSlots(translated), cycle), language: translated.language, languages };
}

/** Frozen all the way down: what the caches hand out is shared, so no caller may change it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Whether the cycle's form asks a question (any answered item, e.g. "1a", "contact") with this key. */
export async function cycleAsks(db: Database, cycleId: string, key: string): Promise<boolean> {
  const item = itemByKey(asQuestionnaire(await cycleSnapshot(db, cycleId)), key)?.item;
  return item !== undefined && isAnswered(item);
}
