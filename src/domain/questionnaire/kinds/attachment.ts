// A request for documents (annexes, policy papers): the answer is the files given.
import { z } from 'zod';
import { Attachment } from '../../response.ts';
import { Key, Label, capitalise, defineKind, textAt, type Finding } from '../kind.ts';
import { labelled, type Block } from '../layout.ts';
import { Text } from '../text.ts';

export const AttachmentItem = z.object({
  kind: z.literal('attachment'),
  key: Key,
  label: Label.optional(),
  prompt: Text,
  /** Whether at least one file is expected. */
  required: z.boolean().default(false),
  multiple: z.boolean().default(true),
});
export type AttachmentItem = z.infer<typeof AttachmentItem>;

export const AttachmentAnswer = z.object({
  kind: z.literal('attachment'),
  attachments: z.array(Attachment).default([]),
});
export type AttachmentAnswer = z.infer<typeof AttachmentAnswer>;

export const attachment = defineKind<AttachmentItem, AttachmentAnswer>({
  kind: 'attachment',
  summary: 'a request for documents (annexes); the answer is the files given',
  item: AttachmentItem,
  answer: AttachmentAnswer,
  empty: () => ({ kind: 'attachment', attachments: [] }),
  check(item, answer, ctx) {
    const files = answer?.attachments ?? [];
    const findings: Finding[] = [];
    if (item.required && files.length === 0) {
      findings.push({ severity: 'warning', code: 'missing-attachment', item: item.key, message: `${capitalise(ctx.name)} asks for documents; none is attached yet.` });
    }
    if (!item.multiple && files.length > 1) {
      findings.push({ severity: 'error', code: 'too-many-attachments', item: item.key, message: `${capitalise(ctx.name)} takes one document, but ${files.length} are attached.` });
    }
    return findings;
  },
  texts: (item) => textAt(['prompt'], item.prompt, 'marker'),
  layout(item, answer, { t }) {
    // "Attached: <file name>" a file: the names only, the files travel beside the form.
    const files = answer?.attachments ?? [];
    const out: Block[] = [labelled(item.label, t(item.prompt))];
    if (files.length) out.push({ kind: 'text', runs: [{ text: files.map((f) => `Attached: ${f.name}`).join('\n') }] });
    return out;
  },
});
