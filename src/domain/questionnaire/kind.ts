// What every kind of questionnaire item provides. One module per kind (kinds/*.ts) fills in this
// interface; registry.ts lists the modules, and the template schema, the response schema, the
// empty response, validation, localisation and the walker are all built from that list.
import { z } from 'zod';
import { clusters, objectives } from '../reference.ts';
import type { Paragraph, Tri } from '../response.ts';
import type { Block, LayoutContext } from './layout.ts';
import { textIn, type Text } from './text.ts';

/** An item's key: how answers, comments and tags refer to it ("1a", "consent", "objective-12"). */
export const Key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a key is letters, digits, ".", "_" or "-", e.g. "1a" or "consent"');

/** The letter or number printed before an item ("a", "6", "12"); not translated. */
export const Label = z.string().trim().min(1, 'must not be empty');

/** The IMRF round-table clusters and GCM objectives an item or a section is about. */
export const Concerns = z.object({
  clusters: z
    .array(z.number().int())
    .refine((ns) => ns.every((n) => clusters.some((c) => c.number === n)), 'IMRF round-table clusters are numbered 1 to 4')
    .optional(),
  objectives: z
    .array(z.number().int())
    .refine((ns) => ns.every((n) => objectives.some((o) => o.number === n)), 'GCM objectives are numbered 1 to 23')
    .optional(),
});
export type Concerns = z.infer<typeof Concerns>;

/** Errors refuse a save (the answer contradicts the form); warnings inform (something is missing or looks like a slip). */
export type Severity = 'error' | 'warning';

/** A finding about one answer, or about the response as a whole. */
export interface Finding {
  severity: Severity;
  code: string;
  /** A kind, specific sentence, in the language checks were asked in (texts of the form are quoted in it). */
  message: string;
  /** The key of the item the finding is about. */
  item?: string;
  /** Where inside the answer: a checklist row, a contact field, a choice option, a table row. */
  row?: string;
  field?: string;
  option?: string;
  column?: string;
  /** The paragraph's position in a prose answer, counted from 0. */
  paragraphIndex?: number;
  footnote?: number;
}

/**
 * A text of an item, where it is in the item (a path for getting and setting it), and what it does
 * in a printed form: a `marker` shows where the item begins (a prompt, a heading), so an importer
 * finds the item by it; a `printed` text is form text that is not an answer (labels, instructions).
 */
export interface ItemText {
  path: (string | number)[];
  text: Text;
  role: 'marker' | 'printed';
}

/** A problem in the definition of an item (found when a template is parsed). */
export interface ItemProblem {
  path: (string | number)[];
  message: string;
}

/** What a check may use: the item's printed number and the language to quote the form's texts in. */
export interface CheckContext {
  /** How the form names the item in messages: "1a", "question 6", or its key. */
  name: string;
  /** The form's text in the language of the messages. */
  t: (text: Text) => string;
  respondentType: 'state' | 'stakeholder';
}

export function checkContext(name: string, lang: string, fallback: string, respondentType: 'state' | 'stakeholder'): CheckContext {
  return { name, t: (text) => textIn(text, lang, fallback), respondentType };
}

/** Items that carry an answer all have a key; a section may have one. */
export interface ItemBase {
  kind: string;
  key?: string;
  label?: string;
}

export interface Kind<I extends ItemBase, A extends { kind: string } | null> {
  kind: I['kind'];
  /** One line for the documentation: what the item is. */
  summary: string;
  item: z.ZodType<I, unknown>;
  /** The shape of an answer; null for kinds that are not answered (sections). */
  answer: A extends null ? null : z.ZodType<A, unknown>;
  /** The answer before anything is filled in. */
  empty: (item: I) => A;
  /** Findings on one answer (undefined: not answered at all). */
  check: (item: I, answer: A | undefined, ctx: CheckContext) => Finding[];
  /** Every text of the item, in reading order. */
  texts: (item: I) => ItemText[];
  /** Rules on the item's definition beyond its schema (unique row keys, a consent needs yes and no, …). */
  problems?: (item: I) => ItemProblem[];
  /**
   * How the item prints in an exported form (text and Word alike, see layout.ts): its prompt, then
   * its answer (undefined: not answered); a section prints its own lines, the walker its children.
   */
  layout: (item: I, answer: A | undefined, ctx: LayoutContext) => Block[];
  /** The footnotes an answer cites, with the paragraph citing each (for the response's footnote checks). */
  citations?: (answer: A) => { footnote: number; paragraphIndex: number }[];
  /**
   * Reads the answer back from a filled-in form: the lines between the item's marker and the next
   * item's (the first one is what follows the marker on its own line). Pure; the importer lends the
   * document-wide machinery (paragraph numbers, footnote markers, boxes) through `ctx`.
   */
  read?: (item: I, lines: readonly ReadLine[], ctx: ReadContext) => ReadResult<Exclude<A, null>>;
}

/** A line of a document as a reader gets it: its number (1-based) and its text. */
export interface ReadLine {
  no: number;
  text: string;
}

/** What a reader makes of an item's lines. */
export interface ReadResult<A> {
  answer: A;
  /** The form's own text it recognised (labels, column headings, guidance), for the import's accounting. */
  form: string[];
  /** Text it could not place: reported, never dropped. */
  unplaced: ReadLine[];
}

/** What the importer lends a reader (src/ingest/items.ts). */
export interface ReadContext {
  /** A text of the item in the language the form is read in. */
  t: (text: Text) => string;
  /** Where `text` ends if `line` begins with it (placeholders match whatever a cycle filled in); null otherwise. */
  starts: (line: string, text: Text) => number | null;
  /** The lines of an answer as paragraphs ("12. ", "A. ", list lines), footnote markers taken out. */
  paragraphs: (lines: readonly ReadLine[]) => Paragraph[];
  /** The first pair of yes / no boxes in a text ("☒=Yes ☐=No"), with where they stand; null if none. */
  yesNo: (text: string, yes?: string, no?: string) => { value: Tri; start: number; end: number } | null;
  /** A box at the start of a line ("☒ Trade union"): ticked or not, and the text after it; null if none. */
  box: (text: string) => { ticked: boolean; rest: string } | null;
  /** A line that begins with one of these labels and a separator ("E-mail: …"): which, and the value after it. */
  labelled: (line: string, labels: readonly { key: string; label: Text }[]) => { key: string; labelEnd: number; value: string } | null;
}

/** Defines a kind, keeping its item and answer types. */
export function defineKind<I extends ItemBase, A extends { kind: string } | null>(kind: Kind<I, A>): Kind<I, A> {
  return kind;
}

/** The texts of a list, each at its index under `path`. */
export function textsAt(path: (string | number)[], list: readonly (Text | undefined)[], role: ItemText['role']): ItemText[] {
  return list.flatMap((text, i) => (text === undefined ? [] : [{ path: [...path, i], text, role }]));
}

/** One text at `path`, if it is there. */
export function textAt(path: (string | number)[], text: Text | undefined, role: ItemText['role']): ItemText[] {
  return text === undefined ? [] : [{ path, text, role }];
}

/** Problems for keys used twice in a list ("row key "x" is used twice"). */
export function duplicateKeys(list: readonly object[], path: string, what: string, key = 'key'): ItemProblem[] {
  const seen = new Set<string>();
  return list.flatMap((entry, i) => {
    const k = String((entry as Record<string, unknown>)[key]);
    if (seen.has(k)) return [{ path: [path, i, key], message: `${what} "${k}" is used twice` }];
    seen.add(k);
    return [];
  });
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Yes" or "No", in quotes, joined by "or": how a message names the choices a respondent has. */
export function either(labels: string[]): string {
  const quoted = labels.map((l) => `"${l}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
