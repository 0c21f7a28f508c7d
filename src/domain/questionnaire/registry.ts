// The registry of item kinds: one line per kind. The template schema (Item), the response schema
// (Answer), emptyResponse, validation, localisation and the walker all go through this list, so
// adding a kind is its module in kinds/ and one line here (see docs/architecture.md).
import { z } from 'zod';
import type { ItemBase, Kind } from './kind.ts';
import { attachment } from './kinds/attachment.ts';
import { checklist } from './kinds/checklist.ts';
import { choice } from './kinds/choice.ts';
import { contact } from './kinds/contact.ts';
import { prose } from './kinds/prose.ts';
import { sectionKind } from './kinds/section.ts';
import { table } from './kinds/table.ts';

export const kinds = [
  sectionKind((): z.ZodType<ItemBase, unknown> => Item),
  prose,
  checklist,
  choice,
  contact,
  table,
  attachment,
] as const;

type AnyKind = (typeof kinds)[number];

/** Any item of a questionnaire: a discriminated union on `kind`. */
export type Item = z.output<AnyKind['item']>;
/** Any answer: a discriminated union on `kind` (the kind of the item it answers). */
export type Answer = Exclude<ReturnType<AnyKind['empty']>, null>;
export type ItemKind = Item['kind'];
export type AnswerOf<K extends ItemKind> = Extract<Answer, { kind: K }>;
export type ItemOf<K extends ItemKind> = Extract<Item, { kind: K }>;

type Options = Parameters<typeof z.discriminatedUnion>[1];
export const Item: z.ZodType<Item, unknown> = z.discriminatedUnion('kind', kinds.map((k) => k.item) as unknown as Options) as never;
export const Answer: z.ZodType<Answer, unknown> = z.discriminatedUnion('kind', kinds.flatMap((k) => (k.answer ? [k.answer] : [])) as unknown as Options) as never;

/** A kind seen through the interface every kind shares (the registry's callers need no more). */
export type SomeKind = Kind<ItemBase, { kind: string } | null>;
const byName = new Map<string, SomeKind>(kinds.map((k) => [k.kind, k as unknown as SomeKind]));

export function kindOf(item: { kind: string }): SomeKind {
  const kind = byName.get(item.kind);
  if (!kind) throw new Error(`there is no kind of item called "${item.kind}"`);
  return kind;
}

/** Items of this kind are answered (every kind but sections). */
export function isAnswered(item: { kind: string }): item is Exclude<Item, { kind: 'section' }> {
  return kindOf(item).answer !== null;
}
