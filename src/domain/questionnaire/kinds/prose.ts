// A question answered in prose: numbered paragraphs with footnotes, as States write them.
import { z } from 'zod';
import { Paragraph, wordCount } from '../../response.ts';
import { Concerns, Key, Label, capitalise, defineKind, textAt, type Finding } from '../kind.ts';
import { labelled, paragraphBlocks, plain } from '../layout.ts';
import { Text } from '../text.ts';

export const ProseItem = z.object({
  kind: z.literal('prose'),
  key: Key,
  /** Printed before the prompt: "a" (under a section labelled "1", the question is "1a"), "6". */
  label: Label.optional(),
  prompt: Text,
  /** A note printed under the prompt (what to cover, where to attach details). */
  guidance: Text.optional(),
  /** Suggested length in words ("about 500 words"): a guide, not a limit. */
  wordGuidance: z.number().int().positive().optional(),
  /** The round-table clusters and objectives the question is about, when its section does not say. */
  concerns: Concerns.optional(),
  attachmentsAllowed: z.boolean().default(true),
  /** Printed before the answer's first paragraph, or alone when there is none, as written in every language ("Answer:" in apac-2020's open questions). */
  answerLead: z.string().trim().min(1).optional(),
});
export type ProseItem = z.infer<typeof ProseItem>;

export const ProseAnswer = z.object({
  kind: z.literal('prose'),
  paragraphs: z.array(Paragraph).default([]),
});
export type ProseAnswer = z.infer<typeof ProseAnswer>;

/** An answer longer than its word guidance by more than this share is pointed out. */
const overGuidanceTolerance = 0.5;

export const prose = defineKind<ProseItem, ProseAnswer>({
  kind: 'prose',
  summary: 'a question answered in paragraphs (with footnotes), e.g. "1a" or "6"',
  item: ProseItem,
  answer: ProseAnswer,
  empty: () => ({ kind: 'prose', paragraphs: [] }),
  check(item, answer, ctx) {
    const paragraphs = answer?.paragraphs ?? [];
    if (!paragraphs.some((p) => p.text.trim() !== '')) {
      return [{ severity: 'warning', code: 'missing-answer', item: item.key, message: `${capitalise(ctx.name)} has no answer yet.` }];
    }
    const findings: Finding[] = [];
    const words = paragraphs.reduce((n, p) => n + wordCount(p.text), 0);
    if (item.wordGuidance && words > item.wordGuidance * (1 + overGuidanceTolerance)) {
      findings.push({
        severity: 'warning',
        code: 'over-word-guidance',
        item: item.key,
        message: `The answer to ${ctx.name} has ${words} words; the form suggests about ${item.wordGuidance}. A shorter answer, with details in an attachment, may be easier to use in the regional synthesis.`,
      });
    }
    return findings;
  },
  texts: (item) => [...textAt(['prompt'], item.prompt, 'marker'), ...textAt(['guidance'], item.guidance, 'printed')],
  citations: (answer) => answer.paragraphs.flatMap((p, paragraphIndex) => p.footnotes.map((footnote) => ({ footnote, paragraphIndex }))),
  layout: (item, answer, { t }) => [
    labelled(item.label, t(item.prompt)),
    ...(item.guidance === undefined ? [] : [plain(t(item.guidance))]),
    ...paragraphBlocks(answer?.paragraphs ?? [], item.answerLead ? `${item.answerLead} ` : ''),
  ],
  read(item, lines, ctx) {
    // The guidance printed under the prompt is the form's; every other line is the answer.
    const form: string[] = [];
    const guidance = item.guidance;
    const answer = lines.filter((l) => {
      const end = guidance === undefined ? null : ctx.starts(l.text, guidance);
      if (end === null || l.text.slice(end).trim() !== '') return true;
      form.push(l.text);
      return false;
    });
    return { answer: { kind: 'prose', paragraphs: ctx.paragraphs(answer) }, form, unplaced: [] };
  },
});
