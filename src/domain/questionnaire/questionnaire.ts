// A questionnaire template in the item model: the form's head (title, meeting, introduction) and
// an ordered tree of typed items. It holds no answers. Texts may be translated (text.ts).
import { z } from 'zod';
import type { Concerns } from './kind.ts';
import type { SectionItem } from './kinds/section.ts';
import { Item, isAnswered, kindOf } from './registry.ts';
import { Lang, Text } from './text.ts';
import { formatPath, type Parsed } from '../template.ts';

export { formatPath };

export const Questionnaire = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an id is lower-case letters, digits and hyphens, e.g. "apac-2020"'),
    version: z.number().int().positive().default(1),
    /** What lists call the template; the title when absent. */
    name: Text.optional(),
    /** Printed at the head of the form. */
    title: Text,
    subtitle: Text.optional(),
    respondentType: z.enum(['state', 'stakeholder']).default('state'),
    /** The default language: the one plain strings are written in, and the fallback of translations. */
    language: Lang.default('en'),
    /** Every language the template is offered in (the default one among them). */
    languages: z.array(Lang).optional(),
    meeting: z.object({ name: Text, place: Text.optional(), dates: Text.optional() }).optional(),
    /** Paragraphs under the title: the mandate, what the answers feed. */
    introduction: z.array(Text).default([]),
    items: z.array(Item).min(1, 'a questionnaire needs at least one item'),
    closing: Text.optional(),
  })
  .superRefine((q, ctx) => {
    const seen = new Map<string, string>();
    for (const w of walk(q)) {
      const { item } = w;
      if (item.key !== undefined) {
        const where = formatPath(w.path);
        if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [...w.path, 'key'], message: `the key "${item.key}" is used twice (first at ${seen.get(item.key)})` });
        else seen.set(item.key, where);
      }
      for (const p of kindOf(item).problems?.(item) ?? []) ctx.addIssue({ code: 'custom', path: [...w.path, ...p.path], message: p.message });
    }
    if (q.languages && !q.languages.includes(q.language)) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: `the default language "${q.language}" must be one of the languages` });
    }
  });
export type Questionnaire = z.output<typeof Questionnaire>;
export type QuestionnaireInput = z.input<typeof Questionnaire>;

/** Validates untrusted template data (parsed from JSON or YAML) and names every bad field, as parseTemplate does. */
export function parseQuestionnaire(data: unknown): Parsed<Questionnaire> {
  const result = Questionnaire.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/** The languages the template is offered in, the default one first. */
export function languagesOf(q: Pick<Questionnaire, 'language' | 'languages'>): string[] {
  return [...new Set([q.language, ...(q.languages ?? [])])];
}

/** An item where it stands in the form. */
export interface Placed {
  item: Item;
  /** Where the item is in the template: ["items", 3, "children", 0]. */
  path: (string | number)[];
  /** The sections it stands in, outermost first. */
  sections: SectionItem[];
  /** Its printed number: its label, after its section's ("1" + "a" = "1a"); none without a label. */
  number?: string;
  /** The clusters and objectives it is about: its own, else its nearest section's that says. */
  concerns: Required<Concerns>;
}

/** Every item in the order of the form (a section before its children), with its place. */
export function walk(q: { items: readonly Item[] }): Placed[] {
  const out: Placed[] = [];
  const visit = (items: readonly Item[], path: (string | number)[], sections: SectionItem[]) => {
    items.forEach((item, i) => {
      const here = [...path, i];
      out.push({ item, path: here, sections, number: numberOf(item, sections), concerns: concernsOf(item, sections) });
      if (item.kind === 'section') visit(item.children as Item[], [...here, 'children'], [...sections, item]);
    });
  };
  visit(q.items, ['items'], []);
  return out;
}

/** The items that are answered, in the order of the form. */
export function answeredItems(q: { items: readonly Item[] }): (Placed & { item: Exclude<Item, { kind: 'section' }> })[] {
  return walk(q).filter((w): w is Placed & { item: Exclude<Item, { kind: 'section' }> } => isAnswered(w.item));
}

export function itemByKey(q: { items: readonly Item[] }, key: string): Placed | undefined {
  return walk(q).find((w) => w.item.key === key);
}

/** How messages name an item: "1a", "question 6", or its key when it has no number. */
export function itemName(w: Pick<Placed, 'item' | 'number'>): string {
  if (w.number) return /^\d+$/.test(w.number) ? `question ${w.number}` : w.number;
  if (w.item.kind === 'contact') return 'the contact block';
  return `the question "${w.item.key ?? '?'}"`;
}

function numberOf(item: Item, sections: SectionItem[]): string | undefined {
  const label = 'label' in item ? item.label : undefined;
  if (label === undefined) return undefined;
  const parent = [...sections].reverse().find((s) => s.label !== undefined);
  return /^[a-z]$/i.test(label) && parent ? `${parent.label}${label}` : label;
}

function concernsOf(item: Item, sections: SectionItem[]): Required<Concerns> {
  const chain = [...sections, item].reverse().map((i) => ('concerns' in i ? i.concerns : undefined));
  return {
    clusters: chain.find((c) => c?.clusters)?.clusters ?? [],
    objectives: chain.find((c) => c?.objectives)?.objectives ?? [],
  };
}
