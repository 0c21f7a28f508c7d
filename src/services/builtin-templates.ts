// The questionnaire templates shipped in templates/, and the one reader of template files (JSON or
// YAML) that the CLI (`template add`) and the HTTP API use for templates a secretariat brings.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { parseTemplate, type FieldProblem, type Parsed, type Template } from '../domain/template.ts';
import { packagePath } from '../package-root.ts';

/** The folder of built-in templates, at the root of the package. */
export const builtinTemplatesDir = packagePath('templates/');

const templateFile = /\.(json|ya?ml)$/i;

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
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return fail('(file)', `${fileName} is empty.`);
  const ext = extname(fileName).toLowerCase();
  const isJson = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[[{]/.test(source));
  const data = isJson ? readJson(source, checkDuplicateKeys) : readYaml(source);
  return data.ok ? parseTemplate(data.value) : data;
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

/**
 * Reads and validates every template in `dir`. A broken file is a bug in what we ship, so this
 * throws an error naming the file and each bad field rather than skipping the file.
 */
export function loadTemplatesFrom(dir: string): Template[] {
  const files = readdirSync(dir).filter((f) => templateFile.test(f)).sort();
  const byId = new Map<string, string>();
  return files.map((file) => {
    // Read at every start: the full check (keys given twice) is left to the tests of these files.
    const parsed = parseTemplateFile(readFileSync(join(dir, file), 'utf8'), file, { checkDuplicateKeys: false });
    if (!parsed.ok) throw new Error(`The template file ${file} is broken: ${describeProblems(parsed.problems)}`);
    const template = parsed.value;
    const expected = basename(file, extname(file));
    if (template.id !== expected) {
      throw new Error(`The template file ${file} has id "${template.id}"; a template file is named after its id (${template.id}${extname(file)}).`);
    }
    if (byId.has(template.id)) throw new Error(`The templates ${byId.get(template.id)} and ${file} share the id "${template.id}".`);
    byId.set(template.id, file);
    return deepFreeze(template);
  });
}

let cache: Template[] | undefined;

/** The built-in templates, read and validated once. They are frozen: copy one before changing it. */
export function builtinTemplates(): Template[] {
  cache ??= loadTemplatesFrom(builtinTemplatesDir);
  return cache;
}

export function builtinTemplate(id: string): Template | undefined {
  return builtinTemplates().find((t) => t.id === id);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
