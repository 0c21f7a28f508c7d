// Pure edits a person makes to an imported response before accepting it into a draft.
import type { Response, Paragraph } from '../../domain/response.ts';
import type { Template } from '../../domain/template.ts';
import type { ImportResult, ImportWarning } from '../api.ts';
import { i18n } from '../i18n/index.ts';

/** Every question a respondent answers in prose, in the order of the form: 1a … 4d, then 6 … 10. */
export function questionOrder(t: Pick<Template, 'clusters' | 'openQuestions'>): { key: string; prompt: string }[] {
  return [...t.clusters.flatMap((c) => c.questions), ...t.openQuestions].map((q) => ({ key: q.key, prompt: q.prompt }));
}

/** The response alone, without the import report and source lines, as the submission API takes it. */
export function toResponse(result: ImportResult | Response): Response {
  const { import: _report, source: _source, ...response } = result as ImportResult;
  return response;
}

/**
 * Moves paragraph `index` of the answer to `from` into the answer to `to`. It lands among the
 * target's paragraphs in order of its number (unnumbered paragraphs go last), so a paragraph
 * put back where it belongs reads in sequence. The target answer is created if missing.
 */
export function moveParagraph(r: Response, from: string, index: number, to: string): Response {
  if (from === to) return r;
  const source = r.answers.find((a) => a.question === from);
  const paragraph = source?.paragraphs[index];
  if (!source || !paragraph) return r;
  const answers = r.answers.some((a) => a.question === to) ? r.answers : [...r.answers, { question: to, paragraphs: [] }];
  return {
    ...r,
    answers: answers.map((a) => {
      if (a.question === from) return { ...a, paragraphs: a.paragraphs.filter((_, i) => i !== index) };
      if (a.question === to) return { ...a, paragraphs: insertInOrder(a.paragraphs, paragraph) };
      return a;
    }),
  };
}

function insertInOrder(list: readonly Paragraph[], p: Paragraph): Paragraph[] {
  if (p.number === null) return [...list, p];
  const at = list.findIndex((q) => q.number !== null && q.number > p.number!);
  return at < 0 ? [...list, p] : [...list.slice(0, at), p, ...list.slice(at)];
}

/** Where a numbered paragraph sits now (it may have been moved since the import). */
export function findParagraph(r: Response, number: number): { question: string; index: number } | undefined {
  for (const a of r.answers) {
    const index = a.paragraphs.findIndex((p) => p.number === number);
    if (index >= 0) return { question: a.question, index };
  }
  return undefined;
}

/** DOM ids shared by the result view and the warnings that point into it. */
export const domIds = {
  sourceLine: (line: number) => `source-line-${line}`,
  answer: (question: string) => `answer-${question}`,
  paragraph: (question: string, index: number) => `answer-${question}-p${index}`,
  footnote: (n: number) => `footnote-${n}`,
  contactField: (key: string) => `import-contact-${key}`,
  principle: (key: string) => `import-principle-${key}`,
};

/** Where a warning points, in words, and the element to bring into view. */
export function warningTarget(
  w: ImportWarning,
  response: Response,
  template?: Pick<Template, 'principles' | 'contactFields'>,
): { where: string; id: string | null; line: number | null } {
  const parts: string[] = [];
  let id: string | null = null;
  if (w.paragraph !== undefined) {
    const at = findParagraph(response, w.paragraph);
    parts.push(i18n.t('importPage.where.paragraph', { n: w.paragraph }));
    if (at) id = domIds.paragraph(at.question, at.index);
  }
  if (w.question !== undefined) {
    parts.unshift(i18n.t('importPage.where.question', { n: w.question }));
    id ??= domIds.answer(w.question);
  }
  if (w.principle !== undefined) {
    parts.push(i18n.t('importPage.where.principle', { name: template?.principles.find((p) => p.key === w.principle)?.title ?? w.principle }));
    id = domIds.principle(w.principle);
  }
  if (w.field !== undefined) {
    parts.push(i18n.t('importPage.where.field', { name: template?.contactFields.find((f) => f.key === w.field)?.label ?? w.field }));
    id = domIds.contactField(w.field);
  }
  if (w.footnote !== undefined) {
    parts.push(i18n.t('importPage.where.footnote', { n: w.footnote }));
    id ??= domIds.footnote(w.footnote);
  }
  if (w.line !== undefined) parts.push(i18n.t('importPage.where.line', { n: w.line }));
  return { where: parts.join(i18n.t('questionnaire.listSeparator')), id, line: w.line ?? null };
}
