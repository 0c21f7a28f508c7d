// How an item prints in an exported form: the blocks each kind's `layout` returns, which the text
// and Word writers (src/export) render alike and the importer reads back. Pure: the layout of a
// form is data, with no writer in it. The rules per kind are in docs/architecture.md ("The
// questionnaire model").
import type { Paragraph, Tri } from '../response.ts';
import type { Text } from './text.ts';

export const EMPTY_BOX = '\u2610';
export const TICKED_BOX = '\u2612';

/** A written paragraph's text with its footnote references at their places. */
export type ParagraphRun = { text: string } | { footnote: number };
/** Text with footnote references and check boxes at their places. */
export type Run = ParagraphRun | { box: boolean };

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  /** A paragraph; a "\n" in a run starts a new line of it. */
  | { kind: 'text'; runs: Run[] }
  /** A paragraph numbered by the form's automatic numbering ("12."). */
  | { kind: 'numbered'; number: number; runs: Run[] }
  | { kind: 'bullet'; text: string }
  /** Two columns, label and value. */
  | { kind: 'contact'; rows: [string, string][] }
  /** A table: a header row (printed bold), then rows of cells; `widths` in percent of the page, one per column. */
  | { kind: 'table'; header: string[]; rows: Run[][][]; widths?: number[] };

/** What a kind's layout may use: the form's text in the language of the export. */
export interface LayoutContext {
  t: (text: Text) => string;
}

/** "☒=yes ☐=no": the boxes of a yes/no question as the form prints them. */
export function yesNoBoxes(value: Tri, yesLabel = 'yes', noLabel = 'no'): string {
  return `${value === 'yes' ? TICKED_BOX : EMPTY_BOX}=${yesLabel} ${value === 'no' ? TICKED_BOX : EMPTY_BOX}=${noLabel}`;
}

/** The same boxes as runs, so that a Word export makes them check boxes one can tick. */
export function yesNoRuns(value: Tri, yesLabel = 'yes', noLabel = 'no'): Run[] {
  return [{ box: value === 'yes' }, { text: `=${yesLabel} ` }, { box: value === 'no' }, { text: `=${noLabel}` }];
}

export function plain(text: string): Block {
  return { kind: 'text', runs: [{ text }] };
}

/** "a. Please highlight…": an item's label before its prompt; the prompt alone without a label. */
export function labelled(label: string | undefined, text: string): Block {
  return plain(label ? `${label}. ${text}` : text);
}

/** A paragraph's text cut at its footnote anchors (at the end when a paragraph has no anchors). */
export function paragraphRuns(p: Paragraph): ParagraphRun[] {
  const refs = p.footnotes.map((n, i) => ({ n, at: Math.min(p.anchors?.[i] ?? p.text.length, p.text.length) }));
  refs.sort((a, b) => a.at - b.at);
  const runs: ParagraphRun[] = [];
  let from = 0;
  for (const r of refs) {
    if (r.at > from) runs.push({ text: p.text.slice(from, r.at) });
    runs.push({ footnote: r.n });
    from = r.at;
  }
  if (from < p.text.length || runs.length === 0) runs.push({ text: p.text.slice(from) });
  return runs;
}

/** The paragraphs of a written answer; `lead` ("Answer: ") goes before the first, or alone when there is none. */
export function paragraphBlocks(paragraphs: readonly Paragraph[], lead = ''): Block[] {
  if (paragraphs.length === 0) return lead ? [plain(lead.trim())] : [];
  return paragraphs.map((p, i) => {
    const runs: Run[] = paragraphRuns(p);
    const prefix = (i === 0 ? lead : '') + (p.label ? `${p.label}. ` : '');
    if (prefix) runs.unshift({ text: prefix });
    return p.number !== null ? { kind: 'numbered', number: p.number, runs } : { kind: 'text', runs };
  });
}
