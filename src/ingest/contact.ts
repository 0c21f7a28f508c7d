// The contact block: "Label: value" lines (or table rows "Label<TAB>value", "Label | value"),
// with the template's own field labels. A value may go on over the next lines.
import type { ContactField } from '../domain/template.ts';
import { tokenize, words } from './tokens.ts';

export interface LabelledValue {
  field: ContactField;
  /** Where the label (with its separator) ends in the line; the value follows. */
  labelEnd: number;
  value: string;
}

/** Reads a line that starts with one of the fields' labels followed by ":", a tab, "|" or the end of the line. */
export function contactLine(line: string, fields: readonly ContactField[]): LabelledValue | null {
  const toks = tokenize(line);
  let best: { field: ContactField; n: number } | null = null;
  for (const field of fields) {
    const label = words(field.label);
    if (label.length === 0 || label.length > toks.length || (best && best.n >= label.length)) continue;
    if (label.every((w, i) => toks[i]!.norm === w) && !/\S/.test(line.slice(0, toks[0]!.start).replace(/[*•\-–(]/g, ''))) {
      best = { field, n: label.length };
    }
  }
  if (!best) return null;
  const afterLabel = toks[best.n - 1]!.end;
  const sep = /^[ \t]*(?:[:：|=][ \t]*|\t[ \t]*|[ \t]{2,}|$)/.exec(line.slice(afterLabel));
  // "Name of the ministry …" is a sentence, not the label "Name".
  if (!sep || (sep[0] === '' && afterLabel < line.length)) return null;
  const labelEnd = afterLabel + sep[0].length;
  return { field: best.field, labelEnd, value: cleanValue(line.slice(labelEnd)) };
}

/** A value as typed: cells and spacing tidied, table pipes removed. */
export function cleanValue(text: string): string {
  return text.replace(/[ \t]*\|[ \t]*$/, '').replace(/[ \t]+/g, ' ').trim();
}
