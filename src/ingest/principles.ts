// The guiding-principles checklist (question 5 in the built-in form): one row per principle,
// "<title> ☒=yes ☐=no <explanation>", found by the principle titles the template prints. In a
// PDF the title column wraps ("Whole-of-" / "government" / "approach") and its pieces are
// interleaved with the explanation column: a row may start with the first words of a title, as
// long as its boxes follow, and the rest of the title is picked up from the next lines.
import type { Tri } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';
import { readYesNo, readYesNoWord } from './checkboxes.ts';
import { tokenize, words } from './tokens.ts';

export interface PrincipleRow {
  /** The principles this row may be (several while a wrapped title is still ambiguous). */
  candidates: { key: string; title: string; rest: string[] }[];
  value: Tri;
  boxesFound: boolean;
  lost: boolean;
  conflict: boolean;
  explanation: string[];
  line: number;
}

/** A row starting on this line: the principles it may be, and where the title (or its start) ends. */
export function principleRowAt(
  line: string,
  principles: Template['principles'],
  yes: string,
  no: string,
  lineNo: number,
): { row: PrincipleRow; titleEnd: number } | null {
  const toks = tokenize(line);
  if (toks.length === 0 || /\S/.test(line.slice(0, toks[0]!.start).replace(/[•\-–*|(]/g, ''))) return null;
  let best: { n: number; candidates: PrincipleRow['candidates'] } | null = null;
  for (const p of principles) {
    const title = words(p.title);
    let n = 0;
    while (n < title.length && n < toks.length && toks[n]!.norm === title[n]) n++;
    if (n === 0) continue;
    const after = line.slice(toks[n - 1]!.end);
    const boxes = readYesNo(after, yes, no) ?? readYesNo(after);
    // Boxes right after the title, or the answer as a word ("People-centred: yes - …", "| Oui |").
    const boxesNext = (boxes !== null && !/[\p{L}\p{N}]/u.test(after.slice(0, boxes.start))) || readYesNoWord(after, yes, no) !== null;
    // A whole title needs its boxes or nothing else on the line ("Human rights are …" is an explanation);
    // the start of a title needs its boxes right after it.
    // A table row's title cell ("Human rights |  | explanation"): the row, answered or not.
    const whole = n === title.length && (boxesNext || !/[\p{L}\p{N}]/u.test(after) || /^[ \t]*\|/.test(after));
    if (!whole && !(n < title.length && boxesNext)) continue;
    const candidate = { key: p.key, title: p.title, rest: title.slice(n) };
    if (!best || n > best.n) best = { n, candidates: [candidate] };
    else if (n === best.n) best.candidates.push(candidate);
  }
  if (!best) return null;
  const row: PrincipleRow = { candidates: best.candidates, value: 'unanswered', boxesFound: false, lost: false, conflict: false, explanation: [], line: lineNo };
  // "Whole-of-": the hyphen of a wrapped title belongs to the title.
  const end = toks[best.n - 1]!.end;
  return { row, titleEnd: line.charAt(end) === '-' ? end + 1 : end };
}

/** The rest of a wrapped title at the start of a line ("government" after "Whole-of-"): where it ends, or 0. */
export function titleRestAt(row: PrincipleRow, line: string): number {
  const toks = tokenize(line);
  let best = 0;
  let end = 0;
  const keep: PrincipleRow['candidates'] = [];
  for (const c of row.candidates) {
    let n = 0;
    while (n < c.rest.length && n < toks.length && toks[n]!.norm === c.rest[n]) n++;
    if (n === 0) continue;
    if (n > best) keep.length = 0;
    if (n >= best) {
      best = n;
      end = toks[n - 1]!.end;
      keep.push({ ...c, rest: c.rest.slice(n) });
    }
  }
  if (best === 0) return 0;
  row.candidates = keep;
  return end;
}

/** Reads the boxes (and what follows them) from the text of a row after its title. */
export function fillRow(row: PrincipleRow, text: string, yesLabel: string, noLabel: string): void {
  if (!row.boxesFound) {
    const boxes = readYesNo(text, yesLabel, noLabel) ?? readYesNo(text);
    if (boxes) {
      Object.assign(row, { value: boxes.value, boxesFound: true, lost: boxes.lost, conflict: boxes.conflict });
      text = `${text.slice(0, boxes.start)} ${text.slice(boxes.end)}`;
    } else {
      const word = readYesNoWord(text, yesLabel, noLabel);
      if (word) {
        Object.assign(row, { value: word.value, boxesFound: true });
        text = text.slice(word.end);
      }
    }
  }
  const rest = text.replace(/^[\s|:;,.)\]]+/, '').replace(/[\s|]+$/, '');
  if (rest) row.explanation.push(rest);
}

/** Each row's principle: the one its title names, or, while still ambiguous, the first not already taken. */
export function resolveRows(rows: readonly PrincipleRow[]): Map<string, PrincipleRow & { key: string; title: string }> {
  const out = new Map<string, PrincipleRow & { key: string; title: string }>();
  for (const row of rows) {
    const c = row.candidates.find((x) => !out.has(x.key)) ?? row.candidates[0]!;
    const earlier = out.get(c.key);
    if (!earlier) out.set(c.key, { ...row, key: c.key, title: c.title });
    else {
      // The same principle twice: one answer, with both explanations.
      earlier.explanation.push(...row.explanation);
      if (!earlier.boxesFound && row.boxesFound) Object.assign(earlier, { value: row.value, boxesFound: true, lost: row.lost, conflict: row.conflict });
    }
  }
  return out;
}
