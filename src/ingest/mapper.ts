// The template-driven mapper: lines of a filled-in questionnaire → a structured response.
// It walks the lines once, in order. The template's own text (headings, prompts, labels) says
// where each answer begins and is consumed, never taken as answer text; the text between prompts
// becomes numbered or plain paragraphs; footnotes are collected and linked to their markers.
// Pure: no I/O. Every character is accounted for (placed, form text, or left over).
import type { Tri } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';
import { readYesNo, type BoxAnswer } from './checkboxes.ts';
import { cleanValue, contactLine } from './contact.ts';
import { findFootnotes } from './footnotes.ts';
import { FormText, objectivesIn, type FormElement } from './form-text.ts';
import { Ledger } from './ledger.ts';
import { isLinkLine, textLines, type Layout, type Line } from './lines.ts';
import { addBodyLine, type BodyContext, type DraftAnswer } from './paragraphs.ts';
import { fillRow, principleAt, type PrincipleRow } from './principles.ts';
import { assemble } from './assemble.ts';
import type { SourceDocument } from './source.ts';
import { inkCount } from './tokens.ts';
import type { ImportResult } from './types.ts';

/** "END", "-- End of document --": a closing word that belongs to no question. */
const TERMINATOR = /^[-–—*\s]*(?:end|the end|end of (?:the )?(?:document|questionnaire|survey|form|report))[.\s]*[-–—*\s]*$/i;

type Mode = 'front' | 'between' | 'answer' | 'principles';

/** What the walk found, handed to `assemble` to build the response and its warnings. */
export interface Walked {
  template: Template;
  form: FormText;
  doc: SourceDocument;
  lines: Line[];
  ledger: Ledger;
  contact: Map<string, { value: string; line: number }>;
  consent: { boxes: BoxAnswer; line: number } | null;
  answers: Map<string, DraftAnswer>;
  principles: Map<string, PrincipleRow>;
  footnoteBlocks: { number: number; lines: Line[] }[];
  linkLines: Line[];
  /** Where each question's prompt was found (1-based line). */
  prompts: Map<string, number>;
}

export function mapDocument(template: Template, doc: SourceDocument): ImportResult {
  return assemble(walk(template, doc));
}

function walk(template: Template, doc: SourceDocument): Walked {
  const { lines, layout } = textLines(doc.lines);
  const form = new FormText(template);
  const ledger = new Ledger(doc.lines.reduce((n, l) => n + inkCount(l), 0));
  const w: Walked = {
    template,
    form,
    doc,
    lines,
    ledger,
    contact: new Map(),
    consent: null,
    answers: new Map(),
    principles: new Map(),
    footnoteBlocks: [],
    linkLines: [],
    prompts: new Map(),
  };

  // Footnotes are found over the whole document first (their numbers form a run); with native
  // footnotes (DOCX) there is nothing to find.
  const footnoteLine = new Map<number, number>();
  if (!doc.footnotes) {
    for (const b of findFootnotes(lines, layout, (i) => form.startOf(lines[i]!.text, -1) !== null)) {
      w.footnoteBlocks.push({ number: b.number, lines: b.lines.map((i) => lines[i]!) });
      for (const i of b.lines) footnoteLine.set(i, b.number);
    }
  }

  const body: BodyContext = { layout, lastNumber: 0 };
  let mode: Mode = 'front';
  let cursor = -1;
  let open: { element: FormElement; pos: number } | null = null;
  let objectives: { list: number[]; from: number } | null = null;
  let answer: DraftAnswer | null = null;
  let row: PrincipleRow | null = null;
  let field: { key: string; line: Line } | null = null;
  let pageBreak = false;

  const enter = (e: FormElement, line: Line) => {
    cursor = e.order;
    answer = null;
    row = null;
    field = null;
    if (e.kind === 'clusterHeading' || e.kind === 'clusterTitle') {
      mode = 'between';
      objectives = e.cluster ? { list: e.cluster.objectives, from: 0 } : null;
    } else if (e.kind === 'question') {
      mode = 'answer';
      objectives = null;
      answer = answerFor(w, e.question!);
      if (!w.prompts.has(e.question!)) w.prompts.set(e.question!, line.no);
    } else if (e.kind === 'principlesPrompt') {
      mode = 'principles';
      w.prompts.set(e.question!, line.no);
    } else mode = 'between';
    pageBreak = false;
  };

  /** Text of the line that is not form text, read as the current mode says. */
  const rest = (line: Line, text: string) => {
    if (mode === 'answer' && answer) {
      const formPart = addBodyLine(body, answer, text, line, pageBreak);
      ledger.template(formPart);
      ledger.place(text.slice(formPart.length));
      pageBreak = false;
    } else if (mode === 'principles') principlesLine(w, form, line, text, row, (r) => (row = r));
    else if (mode === 'front') field = frontLine(w, form, layout, line, text, field);
    else ledger.leave(line.no, text);
  };

  lines.forEach((line, i) => {
    let text = line.text;
    if (footnoteLine.has(i)) {
      ledger.place(text);
      pageBreak = true;
      return;
    }
    if (isLinkLine(text)) {
      w.linkLines.push(line);
      pageBreak = true;
      return;
    }
    if (i === lines.length - 1 && TERMINATOR.test(text)) {
      ledger.leave(line.no, text);
      return;
    }
    if (open) {
      const m = form.continues(text, open.element, open.pos);
      open = m && !m.complete ? { element: open.element, pos: m.elementEnd } : null;
      if (m) {
        ledger.template(text.slice(0, m.end));
        text = text.slice(m.end);
        if (text.trim()) rest(line, text.trim());
        return;
      }
    }
    if (objectives) {
      const n = objectivesIn(text, objectives.list, objectives.from);
      if (n > 0) {
        ledger.template(text);
        objectives.from += n;
        if (objectives.from >= objectives.list.length) objectives = null;
        return;
      }
    }
    const start = form.startOf(text, cursor);
    if (start) {
      enter(start.element, line);
      open = start.match.complete ? null : { element: start.element, pos: start.match.elementEnd };
      ledger.template(text.slice(0, start.match.end));
      text = text.slice(start.match.end).trim();
      if (text) rest(line, text);
      return;
    }
    rest(line, text);
  });
  return w;
}

function answerFor(w: Walked, question: string): DraftAnswer {
  let a = w.answers.get(question);
  if (!a) w.answers.set(question, (a = { question, paragraphs: [] }));
  return a;
}

/** A line before the first question: contact block, consent boxes, the form's introduction. */
function frontLine(w: Walked, form: FormText, layout: Layout, line: Line, text: string, field: { key: string; line: Line } | null): { key: string; line: Line } | null {
  const { template, ledger } = w;
  const labelled = contactLine(text, template.contactFields);
  if (labelled && !w.contact.has(labelled.field.key)) {
    ledger.template(text.slice(0, labelled.labelEnd));
    ledger.place(labelled.value);
    w.contact.set(labelled.field.key, { value: labelled.value, line: line.no });
    return { key: labelled.field.key, line };
  }
  const boxes = template.consent ? readYesNo(text, template.consent.yesLabel, template.consent.noLabel) : null;
  // A value goes on over the next lines until a blank line, another label or the form's text.
  if (field && !boxes && line.gapBefore <= layout.typicalGap && !form.frontSpan(text)) {
    const v = w.contact.get(field.key)!;
    const value = cleanValue(text);
    v.value = v.value ? `${v.value} ${value}` : value;
    ledger.place(text);
    return field;
  }
  if (boxes && !w.consent) {
    w.consent = { boxes, line: line.no };
    ledger.place(text.slice(boxes.start, boxes.end));
    formText(w, form, line, `${text.slice(0, boxes.start)} ${text.slice(boxes.end)}`);
    return null;
  }
  formText(w, form, line, text);
  return null;
}

/** A line of the form's introduction (title, mandate, instructions); what it does not cover is left over. */
function formText(w: Walked, form: FormText, line: Line, text: string): void {
  const span = form.frontSpan(text);
  if (!span) {
    w.ledger.leave(line.no, text);
    return;
  }
  w.ledger.leftover(line.no, text.slice(0, span.start));
  w.ledger.template(text.slice(span.start, span.end));
  w.ledger.leftover(line.no, text.slice(span.end));
}

/** A line after the principles prompt: the table's header, a principle's row, or its explanation. */
function principlesLine(w: Walked, form: FormText, line: Line, text: string, row: PrincipleRow | null, setRow: (r: PrincipleRow) => void): void {
  const { template, ledger } = w;
  const yes = template.consent?.yesLabel ?? 'Yes';
  const no = template.consent?.noLabel ?? 'No';
  const at = principleAt(text, template.principles);
  if (at) {
    const r: PrincipleRow = w.principles.get(at.key) ?? { key: at.key, title: at.title, value: 'unanswered' as Tri, boxesFound: false, lost: false, conflict: false, explanation: [], line: line.no };
    w.principles.set(at.key, r);
    ledger.template(text.slice(0, at.end));
    ledger.place(text.slice(at.end));
    fillRow(r, text.slice(at.end), yes, no);
    setRow(r);
    return;
  }
  if (!row) {
    // Before the first row: the table's header (column labels, a legend of the boxes).
    if (readYesNo(text, yes, no) || form.headerSpan(text)) ledger.template(text);
    else ledger.leave(line.no, text);
    return;
  }
  ledger.place(text);
  fillRow(row, text, yes, no);
}
