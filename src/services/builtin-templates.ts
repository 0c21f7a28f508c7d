// The built-in questionnaire templates, and the one reader of template files (JSON or YAML) that
// the CLI (`template add`) and the HTTP API use for templates a secretariat brings.
//
// The built-ins have one source each: the item-model questionnaires of
// src/domain/questionnaire/builtin/ (apac-2020, the national report, the stakeholder
// questionnaire). apac-2020's fixed-slot template, which today's submissions, importer and
// exporters read, is derived from it (toFixedSlots, in its default language), not kept as a
// second copy; the tests hold it to the fixed-slot JSON it has always been
// (test/fixtures/apac-2020.fixed-slots.json).
import { extname } from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { builtinQuestionnaire, builtinQuestionnaireIds, builtinQuestionnaires, deepFreeze } from '../domain/questionnaire/builtin/index.ts';
import { NotFixedSlots, toFixedSlots } from '../domain/questionnaire/fixed-slots.ts';
import { localize } from '../domain/questionnaire/localize.ts';
import { parseQuestionnaire, type Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { parseTemplate, type FieldProblem, type Parsed, type Template } from '../domain/template.ts';
import type { AnyTemplate } from './template-summary.ts';

export { builtinQuestionnaire, builtinQuestionnaires };

/** The YAML parser (about 70 modules), loaded on first use: listing the built-in JSON templates needs none. */
const yaml = (): typeof Yaml => createRequire(import.meta.url)('yaml') as typeof Yaml;

/**
 * Reads a template file's text and validates it. Syntax errors name the line and column;
 * schema errors name the field ("clusters[1].questions[0].prompt"). The format follows the file
 * name's extension (.json, .yaml, .yml); for any other name it is guessed from the first character.
 * `checkDuplicateKeys: false` skips the search for keys given twice in JSON (a second parse, by the
 * YAML parser): for the shipped templates, which the tests check in full.
 */
export function parseTemplateFile(text: string, fileName: string, { checkDuplicateKeys = true } = {}): Parsed<Template> {
  const data = readTemplateData(text, fileName, checkDuplicateKeys);
  return data.ok ? parseTemplate(data.value) : data;
}

/** As parseTemplateFile, for a template of either model: the item model when it has `items`, else fixed slots. */
export function parseAnyTemplateFile(text: string, fileName: string): Parsed<AnyTemplate> {
  const data = readTemplateData(text, fileName, true);
  return data.ok ? parseAnyTemplate(data.value) : data;
}

/** Validates template data of either model, naming every bad field: the item model when it has `items`, else fixed slots. */
export function parseAnyTemplate(data: unknown): Parsed<AnyTemplate> {
  return isItemModel(data) ? parseQuestionnaire(data) : parseTemplate(data);
}

/** Data written in the item model: an object with `items` (a fixed-slot template has none). */
export function isItemModel(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'items' in data;
}

function readTemplateData(text: string, fileName: string, checkDuplicateKeys: boolean): Parsed<unknown> {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return fail('(file)', `${fileName} is empty.`);
  const ext = extname(fileName).toLowerCase();
  const isJson = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[[{]/.test(source));
  return isJson ? readJson(source, checkDuplicateKeys) : readYaml(source);
}

/** "line 3, column 7: …" for each problem, joined: for one-line error messages. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

function readJson(text: string, checkDuplicateKeys: boolean): Parsed<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    // V8 says "… in JSON at position 42" (Node 22 adds the line); we turn the offset into a place a person can find.
    const at = /at position (\d+)/.exec(message);
    const ended = /end of JSON input/.test(message);
    const where = at ? lineColumn(text, Number(at[1])) : ended ? lineColumn(text, text.length) : '(file)';
    const detail = ended ? 'the file ends too early' : message.replace(/ in JSON at position \d+.*$/s, '');
    return fail(where, `not valid JSON: ${asClause(detail)}.`);
  }
  if (!checkDuplicateKeys) return { ok: true, value };
  // JSON.parse silently keeps the last of two equal keys; a template author would rather know.
  const duplicates = yaml().parseDocument(text).errors.filter((e) => e.code === 'DUPLICATE_KEY');
  if (duplicates.length > 0) {
    return {
      ok: false,
      problems: duplicates.map((e) => ({
        path: lineColumn(text, e.pos[0]),
        message: `the key ${keyAt(text, e.pos[0])} appears twice in the same object; the second would silently replace the first.`,
      })),
    };
  }
  return { ok: true, value };
}

function readYaml(text: string): Parsed<unknown> {
  const doc = yaml().parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: lineColumn(text, e.pos[0]),
        message:
          e.code === 'DUPLICATE_KEY'
            ? `the key ${keyAt(text, e.pos[0])} appears twice in the same mapping.`
            : `not valid YAML: ${asClause(e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''))}.`,
      })),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    return fail('(file)', `not valid YAML: ${asClause((err as Error).message)}.`);
  }
}

function fail(path: string, message: string): Parsed<never> {
  return { ok: false, problems: [{ path, message }] };
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.min(offset, text.length));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** The key written at `offset`, quoted, for messages. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest) ?? /^'([^']*)'/.exec(rest);
  const key = quoted ? quoted[1]! : (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
  return `"${key}"`;
}

/** "Unexpected token." → "unexpected token", to follow "not valid JSON: ". */
function asClause(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/** The fixed-slot template of a questionnaire in its default language, or null when its items do not fit fixed slots. */
export function fixedSlotsOf(q: Questionnaire): Template | null {
  try {
    return toFixedSlots(localize(q, q.language));
  } catch (err) {
    if (err instanceof NotFixedSlots) return null;
    throw err;
  }
}

/** Why a template has no fixed-slot view, in one sentence (for refusals of a fixed-slot reader). */
export function notFixedSlots(id: string): string {
  return `the template "${id}" is a questionnaire of the item model: its items do not fit the fixed slots (contact, consent, clusters of questions, principles, open questions)`;
}

/** The fixed-slot view of each built-in asked for so far (null: its items do not fit fixed slots). */
const fixedSlotViews = new Map<string, Template | null>();

function fixedSlotView(id: string): Template | undefined {
  if (!fixedSlotViews.has(id)) {
    const q = builtinQuestionnaire(id);
    if (!q) return undefined;
    fixedSlotViews.set(id, deepFreeze(fixedSlotsOf(q)));
  }
  return fixedSlotViews.get(id) ?? undefined;
}

/**
 * The built-in templates that fit fixed slots (apac-2020), as fixed-slot templates: derived once
 * from their questionnaires and frozen (copy one before changing it). builtinQuestionnaires has all three.
 */
export function builtinTemplates(): Template[] {
  return (allFixedSlotViews ??= builtinQuestionnaireIds.map(fixedSlotView).filter((t): t is Template => t !== undefined));
}
let allFixedSlotViews: Template[] | undefined;

/** The built-in template's fixed slots; undefined when there is none of that id, or it does not fit fixed slots (see builtinQuestionnaire). */
export function builtinTemplate(id: string): Template | undefined {
  return fixedSlotView(id);
}

