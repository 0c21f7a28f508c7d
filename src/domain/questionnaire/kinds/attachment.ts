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
  read(_item, lines) {
    // "Attached: annex-1.pdf", one line a file: the names travel in the form, the files beside it.
    const attachments: Attachment[] = [];
    const form: string[] = [];
    const unplaced = lines.filter((l) => {
      const m = ATTACHED.exec(l.text);
      if (!m) return true;
      form.push(m[1]!);
      attachments.push({ name: m[2]!.trim(), mediaType: mediaTypeOf(m[2]!.trim()) });
      return false;
    });
    return { answer: { kind: 'attachment', attachments }, form, unplaced };
  },
});

/** The line an exported form gives each attached file (the word in the form's languages). */
const ATTACHED = /^[\s•-]*((?:attached|attachment|pièce jointe|joint|приложено|приложение)\s*[:：])\s*(\S.*)$/iu;

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** A file's media type by the ending of its name (the form gives names only). */
function mediaTypeOf(name: string): string {
  return mediaTypes[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
