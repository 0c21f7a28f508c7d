// A section: a heading, its introduction and the items under it (a cluster of objectives, an
// objective of the Compact, the instructions). Sections are not answered; they give their
// children a place, a number ("1" + "a" = "1a") and the objectives they are about.
import { z } from 'zod';
import { Concerns, Key, Label, defineKind, textAt, textsAt, type ItemBase } from '../kind.ts';
import { plain, type Block } from '../layout.ts';
import { Text } from '../text.ts';

/** The fields of a section other than its children (the registry adds them, typed as any item). */
export const sectionFields = {
  kind: z.literal('section'),
  /** Needed only to refer to the section (comments, links); unique among all keys of the template. */
  key: Key.optional(),
  /** The number printed before the heading ("1"); its questions' labels follow it ("1" + "a"). */
  label: Label.optional(),
  /** A line printed above the heading ("Questions (about 500 words per question 1a, 1b, …):"). */
  preface: Text.optional(),
  heading: Text.optional(),
  /** Paragraphs printed under the heading. */
  introduction: z.array(Text).default([]),
  /** The round-table clusters and objectives the section is about; its items inherit them. */
  concerns: Concerns.optional(),
  /** How the heading prints: as a heading (the default), as a plain paragraph, or not at all (apac-2020's instructions and open questions). */
  headingStyle: z.enum(['heading', 'plain', 'hidden']).optional(),
  /** How the introduction prints: paragraphs (the default) or bullets (apac-2020's instructions). */
  introductionStyle: z.enum(['paragraphs', 'bullets']).optional(),
};

export interface SectionItem extends ItemBase {
  kind: 'section';
  key?: string;
  label?: string;
  preface?: Text;
  heading?: Text;
  introduction: Text[];
  concerns?: Concerns;
  headingStyle?: 'heading' | 'plain' | 'hidden';
  introductionStyle?: 'paragraphs' | 'bullets';
  children: ItemBase[];
}

/** The section kind, given the schema of any item (which includes sections: the tree is recursive). */
export function sectionKind(anyItem: () => z.ZodType<ItemBase, unknown>) {
  const SectionItem: z.ZodType<SectionItem, unknown> = z.object({
    ...sectionFields,
    children: z.array(z.lazy(anyItem)).default([]),
  });
  return defineKind<SectionItem, null>({
    kind: 'section',
    summary: 'a heading with its introduction and the items under it; not answered',
    item: SectionItem,
    answer: null,
    empty: () => null,
    check: () => [],
    texts: (item) => [
      ...textAt(['preface'], item.preface, 'marker'),
      ...textAt(['heading'], item.heading, 'marker'),
      ...textsAt(['introduction'], item.introduction, 'printed'),
    ],
    layout(item, _answer, { t }) {
      // The preface line, "<label>. <heading>", "GCM Objectives: …", the introduction; the walker prints the children.
      const out: Block[] = item.preface === undefined ? [] : [plain(t(item.preface))];
      const heading = [item.label, item.heading === undefined ? undefined : t(item.heading)].filter((s) => s !== undefined).join('. ');
      if (heading && item.headingStyle !== 'hidden') out.push(item.headingStyle === 'plain' ? plain(heading) : { kind: 'heading', text: heading });
      if (item.concerns?.objectives) out.push(plain(`GCM Objectives: ${item.concerns.objectives.join(', ')}`));
      for (const p of item.introduction) out.push(item.introductionStyle === 'bullets' ? { kind: 'bullet', text: t(p) } : plain(t(p)));
      return out;
    },
  });
}
