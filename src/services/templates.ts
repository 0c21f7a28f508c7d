// Questionnaire templates: the built-in ones (from templates/) and those a secretariat adds.
import { unknownPlaceholders } from '../domain/placeholders.ts';
import { parseTemplate, Template } from '../domain/template.ts';
import type { Database, Executor } from '../store/database.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { findCustomTemplate, insertCustomTemplate, listCustomTemplates } from '../store/templates.ts';
import { actorUserId } from './actors.ts';
import { recordEvent } from './audit.ts';
import { builtinTemplate, builtinTemplates } from './builtin-templates.ts';
import { Conflict, InvalidInput } from './errors.ts';
import { authorize, templatePolicy } from './policy.ts';
import { templateSummary } from './template-summary.ts';
import type { Services } from './types.ts';

export { templateSummary };

/** A built-in template, else the latest version of a custom one. */
export async function findTemplate(db: Executor, id: string): Promise<Template | undefined> {
  const builtIn = builtinTemplate(id);
  if (builtIn) return builtIn;
  // Ids come from URLs and forms: one no template can have is not looked up (PostgreSQL fails on some characters, e.g. U+0000).
  if (!Template.shape.id.safeParse(id).success) return undefined;
  const stored = await findCustomTemplate(db, id);
  // Read through the schema: it restores the field order (jsonb does not keep it) and fills defaults added since.
  return stored && Template.parse(stored);
}

export function templatesService(db: Database): Services['templates'] {
  return {
    async list() {
      const builtIn = builtinTemplates();
      const custom = await listCustomTemplates(db.drizzle);
      return [...builtIn.map((t) => templateSummary(t, true)), ...custom.map((t) => templateSummary(Template.parse(t), false))];
    },

    get: (id) => findTemplate(db.drizzle, id),

    async add(actor, data) {
      await authorize(db.drizzle, actor, templatePolicy.add);
      const parsed = parseTemplate(data);
      if (!parsed.ok) throw new InvalidInput('The template is not valid', parsed.problems);
      const template = parsed.value;
      // A misspelt placeholder would be printed as it is in every form: refused, named, here.
      const unknown = unknownPlaceholders(template);
      if (unknown.length > 0) throw new InvalidInput('The template is not valid', unknown);
      if (builtinTemplate(template.id)) {
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
          await recordEvent(tx, actor, 'template.add', `template:${template.id}`, { version: template.version, title: template.title });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Conflict(`The template "${template.id}" version ${template.version} was added at the same moment by someone else.`);
        throw err;
      }
      return template;
    },
  };
}
