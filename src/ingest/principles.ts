// The guiding-principles checklist (question 5 in the built-in form): one row per principle,
// "<title> ☒=yes ☐=no <explanation>", found by the principle titles the template prints.
import type { Tri } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';
import { readYesNo } from './checkboxes.ts';
import { align, tokenize, words } from './tokens.ts';

export interface PrincipleRow {
  key: string;
  title: string;
  value: Tri;
  boxesFound: boolean;
  lost: boolean;
  conflict: boolean;
  explanation: string[];
  line: number;
}

/** The principle whose title begins this line, and where the title ends. */
export function principleAt(line: string, principles: Template['principles']): { key: string; title: string; end: number } | null {
  const toks = tokenize(line);
  if (toks.length === 0 || /\S/.test(line.slice(0, toks[0]!.start).replace(/[•\-–*|(]/g, ''))) return null;
  const w = toks.map((t) => t.norm);
  let best: { key: string; title: string; end: number; n: number } | null = null;
  for (const p of principles) {
    const title = words(p.title);
    const a = align(w, 0, title, 0, 0);
    const enough = a.matched === title.length || (title.length >= 3 && a.matched >= title.length - 1 && a.aEnd >= title.length - 1);
    if (enough && a.matched > 0 && (!best || a.matched > best.n)) best = { key: p.key, title: p.title, end: toks[a.aEnd - 1]!.end, n: a.matched };
  }
  return best && { key: best.key, title: best.title, end: best.end };
}

/** Reads the boxes (and what follows them) from the text of a row after its title. */
export function fillRow(row: PrincipleRow, text: string, yesLabel: string, noLabel: string): void {
  if (!row.boxesFound) {
    const boxes = readYesNo(text, yesLabel, noLabel);
    if (boxes) {
      Object.assign(row, { value: boxes.value, boxesFound: true, lost: boxes.lost, conflict: boxes.conflict });
      text = `${text.slice(0, boxes.start)} ${text.slice(boxes.end)}`;
    }
  }
  const rest = text.replace(/^[\s|:;,.)\]]+/, '').replace(/[\s|]+$/, '');
  if (rest) row.explanation.push(rest);
}
