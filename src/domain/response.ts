// A respondent's answers to a template. Plain data; the same shape is stored, exported,
// imported and served. The Zod schema generates schemas/response.schema.json.
import { z } from 'zod';
import { idPattern } from './paragraph-ids.ts';

/**
 * The schema version of the responses this code stores. A stored response without
 * `schemaVersion` is version 1; `response-migrations.ts` brings any stored version up to this one.
 */
export const currentSchemaVersion = 2;

/** The id of a paragraph or footnote: unique within the response, kept across versions (see paragraph-ids.ts). */
export const ParagraphId = z
  .string()
  .regex(idPattern, 'must be 1 to 32 letters, digits, "-" or "_"')
  .describe('Stable id, unique among the paragraphs and footnotes of the response; left out for a new one, which the server then names.');

export const Tri = z.enum(['yes', 'no', 'unanswered']);
export type Tri = z.infer<typeof Tri>;

export const Paragraph = z
  .object({
    id: ParagraphId.optional(),
    /** The paragraph number as written ("12." → 12); null for unnumbered text. */
    number: z.number().int().positive().nullable().default(null),
    /** A letter or other label written before the text ("A", "B") in lettered answers. */
    label: z.string().optional(),
    /** Plain text. Lines inside a paragraph are kept for lists ("• item"); markers are taken out. */
    text: z.string(),
    /** Footnotes cited from this paragraph, in the order of their markers. */
    footnotes: z.array(z.number().int().positive()).default([]),
    /** Character offsets in `text` where each marker of `footnotes` stood (same length). */
    anchors: z.array(z.number().int().nonnegative()).optional(),
  })
  .refine((p) => !p.anchors || p.anchors.length === p.footnotes.length, {
    message: 'anchors must have one offset per footnote marker',
    path: ['anchors'],
  });
export type Paragraph = z.infer<typeof Paragraph>;

export const Answer = z.object({
  question: z.string(),
  paragraphs: z.array(Paragraph).default([]),
});
export type Answer = z.infer<typeof Answer>;

export const PrincipleAnswer = z.object({
  principle: z.string(),
  integrated: Tri.default('unanswered'),
  explanation: z.string().default(''),
});
export type PrincipleAnswer = z.infer<typeof PrincipleAnswer>;

export const Footnote = z.object({
  id: ParagraphId.optional(),
  number: z.number().int().positive(),
  text: z.string(),
  urls: z.array(z.string()).default([]),
});
export type Footnote = z.infer<typeof Footnote>;

export const Attachment = z.object({
  name: z.string().min(1),
  mediaType: z.string().default('application/octet-stream'),
  size: z.number().int().nonnegative().optional(),
  /** The question the attachment supports, if any. */
  question: z.string().optional(),
  /** Where the file is kept (set by the store). */
  storageKey: z.string().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const StateRef = z.object({ iso3: z.string().regex(/^[A-Z]{3}$/), name: z.string() });

export const Response = z.object({
  /**
   * The version of this shape. What a client sends is read as the current version; stored
   * responses of older versions are upgraded when read (response-migrations.ts).
   */
  schemaVersion: z.literal(currentSchemaVersion).default(currentSchemaVersion),
  templateId: z.string(),
  /** The State that answers (from the contact block); null until known. */
  state: StateRef.nullable().default(null),
  contact: z.record(z.string(), z.string()).default({}),
  consent: Tri.default('unanswered'),
  answers: z.array(Answer).default([]),
  principles: z.array(PrincipleAnswer).default([]),
  footnotes: z.array(Footnote).default([]),
  attachments: z.array(Attachment).default([]),
});
export type Response = z.infer<typeof Response>;
export type ResponseInput = z.input<typeof Response>;

/** An empty response to a template: every question present, nothing answered. */
export function emptyResponse(template: {
  id: string;
  clusters: { questions: { key: string }[] }[];
  openQuestions: { key: string }[];
  principles: { key: string }[];
  contactFields: { key: string }[];
}): Response {
  return {
    schemaVersion: currentSchemaVersion,
    templateId: template.id,
    state: null,
    contact: Object.fromEntries(template.contactFields.map((f) => [f.key, ''])),
    consent: 'unanswered',
    answers: [...template.clusters.flatMap((c) => c.questions), ...template.openQuestions].map((q) => ({
      question: q.key,
      paragraphs: [],
    })),
    principles: template.principles.map((p) => ({ principle: p.key, integrated: 'unanswered', explanation: '' })),
    footnotes: [],
    attachments: [],
  };
}

export function answerTo(r: Response, question: string): Answer | undefined {
  return r.answers.find((a) => a.question === question);
}

export function wordCount(text: string): number {
  const words = text.trim().match(/\S+/g);
  return words ? words.length : 0;
}

export function answerWordCount(a: Answer): number {
  return a.paragraphs.reduce((n, p) => n + wordCount(p.text), 0);
}
