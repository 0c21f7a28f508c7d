// Questionnaire templates: the built-in ones (the item-model questionnaires of
// src/domain/questionnaire/builtin/) and those a secretariat adds, in either model (fixed slots,
// or items). Today's callers read fixed slots (get); the item model is read through questionnaire().
import { unknownPlaceholders } from '../domain/placeholders.ts';
import { localize } from '../domain/questionnaire/localize.ts';
import { Questionnaire, languagesOf } from '../domain/questionnaire/questionnaire.ts';
import { Template } from '../domain/template.ts';
import type { Database, Executor } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { findCustomTemplate, insertCustomTemplate, listCustomTemplates } from '../store/templates.ts';
import { actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { builtinQuestionnaire, builtinQuestionnaires, builtinTemplate, fixedSlotsOf, isItemModel, notFixedSlots, parseAnyTemplate } from './builtin-templates.ts';
import { Conflict, InvalidInput } from './errors.ts';
import { authorize, templatePolicy } from './policy.ts';
import { asQuestionnaire, isQuestionnaire, templateSummary, type AnyTemplate } from './template-summary.ts';
import type { LocalisedQuestionnaire, Services } from './types.ts';

export { templateSummary };

/** A stored custom template read through its model's schema: it restores the field order (jsonb does not keep it) and fills defaults added since. */
function readStored(stored: unknown): AnyTemplate {
  return isItemModel(stored) ? Questionnaire.parse(stored) : Template.parse(stored);
}

/** Ids come from URLs and forms: one no template can have is not looked up (PostgreSQL fails on some characters, e.g. U+0000). */
function possibleId(id: string): boolean {
  return Template.shape.id.safeParse(id).success;
}

/** A built-in template (the item model), else the latest version (or `version`) of a custom one, in its own model. */
export async function findAnyTemplate(db: Executor, id: string, version?: number): Promise<{ template: AnyTemplate; builtIn: boolean } | undefined> {
  const builtIn = builtinQuestionnaire(id);
  if (builtIn) return version === undefined || version === builtIn.version ? { template: builtIn, builtIn: true } : undefined;
  if (!possibleId(id)) return undefined;
  const stored = await findCustomTemplate(db, id, version);
  return stored && { template: readStored(stored), builtIn: false };
}

/** The fixed slots of a template, or null when its items do not fit them (a cycle on it stores item responses). */
export function fixedSlotsOfAny(t: AnyTemplate): Template | null {
  return isQuestionnaire(t) ? fixedSlotsOf(t) : t;
}

/**
 * A template's fixed slots (a built-in's derived from its questionnaire), else the latest version
 * of a custom one; InvalidInput saying why for a template whose items do not fit fixed slots.
 */
export async function findTemplate(db: Executor, id: string): Promise<Template | undefined> {
  const builtIn = builtinTemplate(id);
  if (builtIn) return builtIn;
  const found = await findAnyTemplate(db, id);
  if (!found) return undefined;
  const slots = fixedSlotsOfAny(found.template);
  if (!slots) throw new InvalidInput(`${capitalise(notFixedSlots(id))}. Read it in the item model: GET /api/templates/${id}/questionnaire.`);
  return slots;
}

/**
 * The questionnaire in one language (plain strings), with the languages it is offered in;
 * InvalidInput naming them when it has not `language`. Without a language: its default one.
 */
export function questionnaireIn(q: Questionnaire, language: string | undefined): LocalisedQuestionnaire {
  const languages = languagesOf(q);
  const chosen = language ?? q.language;
  if (!languages.includes(chosen)) throw new InvalidInput(`The template "${q.id}" is not available in "${chosen}"; available: ${languages.join(', ')}`);
  return { questionnaire: localize(q, chosen), language: chosen, languages };
}

export function templatesService(db: Database): Services['templates'] {
  return {
    async list() {
      const custom = (await listCustomTemplates(db.drizzle)).map(readStored);
      return [
        ...builtinQuestionnaires.map((q) => templateSummary(q, true)),
        ...custom.map((t) => templateSummary(t, false)),
      ];
    },

    get: (id) => findTemplate(db.drizzle, id),

    async questionnaire(id, { version, language } = {}) {
      const found = await findAnyTemplate(db.drizzle, id, version);
      if (!found) return undefined;
      const q = asQuestionnaire(found.template);
      return language === undefined ? q : questionnaireIn(q, language).questionnaire;
    },

    async add(actor, data) {
      await authorize(db.drizzle, actor, templatePolicy.add);
      const parsed = parseAnyTemplate(data);
      if (!parsed.ok) throw new InvalidInput('The template is not valid', parsed.problems);
      const template = parsed.value;
      // A misspelt placeholder would be printed as it is in every form: refused, named, here.
      const unknown = unknownPlaceholders(template);
      if (unknown.length > 0) throw new InvalidInput('The template is not valid', unknown);
      if (builtinQuestionnaire(template.id)) {
        throw new InvalidInput('The template is not valid', [
          { path: 'id', message: `"${template.id}" is the id of a built-in template; choose another id` },
        ]);
      }
      try {
        await db.transaction(async (tx) => {
          const latest = await findCustomTemplate(tx, template.id);
          if (latest && latest.version >= template.version) {
            throw new Conflict(`The template "${template.id}" already has version ${latest.version}; give the new one a higher version number.`);
          }
          await insertCustomTemplate(tx, template, actorUserId(actor));
          await recordEvent(tx, actor, 'template.add', `template:${template.id}`, { version: template.version, title: templateSummary(template, false).title });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Conflict(`The template "${template.id}" version ${template.version} was added at the same moment by someone else.`);
        throw err;
      }
      return template;
    },
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
