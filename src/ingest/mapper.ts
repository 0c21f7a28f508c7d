// The template-driven mapper: lines of a filled-in questionnaire → a structured response.
// It walks the lines once, in order. The template's own text (headings, prompts, labels) says
// where each answer begins and is consumed, never taken as answer text; the text between prompts
// becomes numbered or plain paragraphs; footnotes are collected and linked to their markers.
// Pure: no I/O. Every character is accounted for (placed, form text, or left over).
import { fillPlaceholders } from '../domain/placeholders.ts';
import type { Template } from '../domain/template.ts';
import { readYesNo, readYesNoWord, type BoxAnswer } from './checkboxes.ts';
import { cleanValue, contactLine } from './contact.ts';
import { findFootnotes } from './footnotes.ts';
import { FormText, objectivesIn, type FormElement } from './form-text.ts';
import { labelledStart } from './labels.ts';
import { Ledger } from './ledger.ts';
import { REFERENCE_ENTRY, messageParts } from './letter.ts';
import { isLinkLine, textLines, type Layout, type Line } from './lines.ts';
import { addBodyLine, type BodyContext, type DraftAnswer } from './paragraphs.ts';
import { fillRow, principleRowAt, resolveRows, titleRestAt, type PrincipleRow } from './principles.ts';
import { assemble } from './assemble.ts';
import type { SourceDocument } from './source.ts';
import { inkCount, words } from './tokens.ts';
import type { ImportResult } from './types.ts';

/** "END", "-- End of document --": a closing word that belongs to no question. */
const TERMINATOR = /^[-–—*\s]*(?:end|the end|end of (?:the )?(?:document|questionnaire|survey|form|report))[.\s]*[-–—*\s]*$/i;

type Mode = 'front' | 'between' | 'answer' | 'principles';

/** What the walk found, handed to `assemble` to build the response and its warnings. */
export interface Walked {
  template: Template;
  form: FormText;
  doc: SourceDocument;
  ledger: Ledger;
  contact: Map<string, { value: string; line: number }>;
  /** The consent's boxes: what they say, where, and their text (boxes may wrap onto the next line). */
  consent: { boxes: BoxAnswer; line: number; index: number; marks: string } | null;
  answers: Map<string, DraftAnswer>;
  /** Rows of the principles table as read, and (after the walk) the principle each one answers. */
  principleRows: PrincipleRow[];
  principles: Map<string, PrincipleRow & { key: string; title: string }>;
  footnoteBlocks: { number: number; lines: Line[] }[];
  linkLines: Line[];
  /** Where each question's prompt was found (1-based line). */
  prompts: Map<string, number>;
}

/**
 * The document read as the template's form, in whichever of the template's languages it is printed
 * (fixedSlotLanguages: apac-2020 in English, French or Russian). The template's own language is
 * tried first; only when that reading found fewer than half of the form's questions (their
 * prompts) and left text over is each other language tried, and the reading that recognises the
 * most form text kept. A form whose questions were found is in that language whatever is left
 * over (a stray page number, a closing "END"): another reading costs as much as the first, and
 * recognises less. The report says which language was kept. The other languages' texts (the
 * built-in questionnaires, parsed as they load) load only then: most forms never need them.
 */
export async function mapDocument(template: Template, doc: SourceDocument): Promise<ImportResult> {
  const own = mapIn(template, doc);
  let best = own.result;
  if (own.questionsFound || best.import.accounting.charsUnplaced === 0) return best;
  const { fixedSlotLanguages, fixedSlotsIn } = await import('../domain/questionnaire/fixed-slots.ts');
  for (const language of fixedSlotLanguages(template)) {
    if (language === template.language) continue;
    const other = mapIn(fixedSlotsIn(template, language)!, doc).result;
    if (other.import.accounting.charsTemplate > best.import.accounting.charsTemplate) best = other;
  }
  return best;
}

/** The reading in one template's words; questionsFound: the prompts of at least half of its questions were found. */
function mapIn(template: Template, doc: SourceDocument): { result: ImportResult; questionsFound: boolean } {
  // A form printed for no cycle carries its placeholders' own words (src/domain/placeholders.ts); a cycle's template is filled already.
  const w = walk(fillPlaceholders(template), doc);
  const questions = w.form.elements.filter((e) => e.question !== undefined).length;
  return { result: assemble(w), questionsFound: questions > 0 && 2 * w.prompts.size >= questions };
}

function walk(template: Template, doc: SourceDocument): Walked {
  const { lines, layout } = textLines(doc.lines);
  const form = new FormText(template);
  const ledger = new Ledger(doc.lines.reduce((n, l) => n + inkCount(l), 0));
  const w: Walked = {
    template,
    form,
    doc,
    ledger,
    contact: new Map(),
    consent: null,
    answers: new Map(),
    principleRows: [],
    principles: new Map(),
    footnoteBlocks: [],
    linkLines: [],
    prompts: new Map(),
  };

  // Footnotes are found over the whole document first (their numbers form a run); with native
  // footnotes (DOCX) there is nothing to find. Any of the form's own places (a prompt, a heading,
  // a row of the principles table) ends the footnote before it, whatever the spacing says.
  const footnoteLines = new Set<number>();
  // A message's furniture (headers, greeting, signature) and its references list ("[1] …").
  const message = messageParts(lines);
  for (const r of message.references) {
    const [first, ...more] = r.lines.map((i) => lines[i]!);
    const label = REFERENCE_ENTRY.exec(first!.text)![0];
    w.footnoteBlocks.push({ number: r.number, lines: [{ ...first!, text: first!.text.slice(label.length) }, ...more] });
    for (const i of r.lines) footnoteLines.add(i);
  }
  if (!doc.footnotes) {
    const { yes, no } = boxLabels(template);
    const formPlace = (i: number) =>
      footnoteLines.has(i) || message.furniture.has(i) || form.startOf(lines[i]!.text, -1) !== null || principleRowAt(lines[i]!.text, template.principles, yes, no, 0) !== null;
    for (const b of findFootnotes(lines, layout, formPlace)) {
      w.footnoteBlocks.push({ number: b.number, lines: b.lines.map((i) => lines[i]!) });
      for (const i of b.lines) footnoteLines.add(i);
    }
  }

  const body: BodyContext = { layout, lastNumber: 0 };
  let mode: Mode = 'front';
  let cursor = -1;
  let open: { element: FormElement; pos: number } | null = null;
  let objectives: { list: number[]; from: number } | null = null;
  let answer: DraftAnswer | null = null;
  let row: PrincipleRow | null = null;
  /** The contact field whose value may go on over the next line. */
  let field: string | null = null;
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
    } else if (mode === 'principles') row = principlesLine(w, line, text, row);
    else if (mode === 'front') field = frontLine(w, layout, line, text, field);
    else ledger.leave(line.no, text);
  };

  lines.forEach((line, i) => {
    let text = line.text;
    const structure = doc.structure?.[line.index];
    // A table's header row: column labels ("Question | Answer", "Guiding principle | Yes | No").
    if (structure?.table?.header) {
      ledger.template(text);
      return;
    }
    const furniture = message.furniture.get(i);
    if (furniture) {
      ledger.furnish(line.no, text, furniture);
      return;
    }
    if (i === message.referencesHeading) {
      ledger.template(text);
      return;
    }
    if (footnoteLines.has(i)) {
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
    const labelled = labelledStart(form, text, cursor, structure?.heading !== undefined);
    if (labelled) {
      enter(labelled.element, line);
      // The prompt may still follow the label, on the next line.
      open = labelled.element.kind === 'question' || labelled.element.kind === 'principlesPrompt' ? { element: labelled.element, pos: 0 } : null;
      ledger.template(text);
      return;
    }
    if (structure?.heading !== undefined && mode !== 'front') {
      // A heading of the State's own that names no place of the form: it ends what came before.
      ledger.leave(line.no, text);
      mode = 'between';
      answer = null;
      row = null;
      return;
    }
    rest(line, text);
  });
  w.principles = resolveRows(w.principleRows);
  return w;
}

function answerFor(w: Walked, question: string): DraftAnswer {
  let a = w.answers.get(question);
  if (!a) w.answers.set(question, (a = { question, paragraphs: [] }));
  return a;
}

/** A line before the first question: contact block, consent boxes, the form's introduction. */
function frontLine(w: Walked, layout: Layout, line: Line, text: string, field: string | null): string | null {
  const { template, ledger, form } = w;
  const labelled = contactLine(text, template.contactFields);
  if (labelled && !w.contact.has(labelled.field.key)) {
    ledger.template(text.slice(0, labelled.labelEnd));
    ledger.place(labelled.value);
    w.contact.set(labelled.field.key, { value: labelled.value, line: line.no });
    return labelled.field.key;
  }
  const said = template.consent && !w.consent ? consentSaid(text, template.consent) : null;
  if (said) {
    w.consent = { boxes: { value: said.value, conflict: false, lost: false, start: said.at, end: text.length }, line: line.no, index: line.index, marks: text.slice(said.at) };
    ledger.template(text.slice(0, said.at));
    ledger.place(text.slice(said.at));
    return null;
  }
  const boxes = template.consent ? readYesNo(text, template.consent.yesLabel, template.consent.noLabel) : null;
  // A value goes on over the next lines until a blank line, another label or the form's text.
  if (field && !boxes && line.gapBefore <= layout.typicalGap && !form.frontSpan(text)) {
    const v = w.contact.get(field)!;
    const value = cleanValue(text);
    // Lines of an address are kept as lines, unless they are only a PDF's wrapping.
    const multiline = !layout.wrapped && template.contactFields.some((f) => f.key === field && f.kind === 'multiline');
    v.value = v.value ? `${v.value}${multiline ? '\n' : ' '}${value}` : value;
    ledger.place(text);
    return field;
  }
  if (boxes && !w.consent) {
    w.consent = { boxes, line: line.no, index: line.index, marks: text.slice(boxes.start, boxes.end) };
    ledger.place(w.consent.marks);
    formText(w, line, `${text.slice(0, boxes.start)} ${text.slice(boxes.end)}`);
    return null;
  }
  // "… in this regard. ☒=Yes" / "☐=No": the consent's boxes wrapped onto the next line.
  if (boxes && w.consent && w.consent.index === line.index - line.gapBefore - 1 && !/[\p{L}\p{N}]/u.test(text.slice(0, boxes.start) + text.slice(boxes.end))) {
    w.consent.marks += ` ${text}`;
    w.consent.boxes = readYesNo(w.consent.marks, template.consent!.yesLabel, template.consent!.noLabel) ?? w.consent.boxes;
    ledger.place(text);
    return null;
  }
  formText(w, line, text);
  return null;
}

/** Words that say a sentence is about sharing the report, in the languages States answer in. */
const SHARING = /\b(?:consent|agree|share|sharing|publish|partager|partage|publier|consentement|accord|compartir|publicar|согласи|разме|опубликов|同意|共享|موافق|نشر)/iu;

/**
 * The consent given as a sentence ("Willing to share our report on the reviews site: Yes", "Consent
 * to share: No."): a few words about sharing, then yes or no at the end. Where the answer begins.
 */
function consentSaid(text: string, consent: NonNullable<Template['consent']>): { value: 'yes' | 'no'; at: number } | null {
  const m = /^(.*?\p{L}.*?)[ \t]*[:：–—-][ \t]*([\p{L}]+)[ \t]*[.!]?$/u.exec(text);
  if (!m) return null;
  const said = readYesNoWord(m[2]!, consent.yesLabel, consent.noLabel);
  if (!said || said.value === 'unanswered' || m[2]!.length < 2) return null;
  const prompt = new Set(words(consent.prompt).filter((x) => x.length >= 4));
  const shared = words(m[1]!).filter((x) => prompt.has(x)).length;
  if (!SHARING.test(m[1]!) && shared < 3) return null;
  return { value: said.value, at: text.lastIndexOf(m[2]!) };
}

/** A line of the form's introduction (title, mandate, instructions); what it does not cover is left over. */
function formText(w: Walked, line: Line, text: string): void {
  const span = w.form.frontSpan(text);
  if (!span) {
    // Lone punctuation ("☐=No )" wrapped away from the words it closes) goes with the form.
    w.ledger.leftover(line.no, text);
    return;
  }
  w.ledger.leftover(line.no, text.slice(0, span.start));
  w.ledger.template(text.slice(span.start, span.end));
  w.ledger.leftover(line.no, text.slice(span.end));
}

/** A line after the principles prompt: the table's header, a principle's row, or its explanation. Returns the current row. */
function principlesLine(w: Walked, line: Line, text: string, row: PrincipleRow | null): PrincipleRow | null {
  const { template, ledger, form } = w;
  const { yes, no } = boxLabels(template);
  const start = principleRowAt(text, template.principles, yes, no, line.no);
  if (start) {
    w.principleRows.push(start.row);
    ledger.template(text.slice(0, start.titleEnd));
    ledger.place(text.slice(start.titleEnd));
    fillRow(start.row, text.slice(start.titleEnd), yes, no);
    return start.row;
  }
  if (!row) {
    // Before the first row: the table's header (column labels, a legend of the boxes).
    if (readYesNo(text, yes, no) || readYesNo(text) || form.isTableHeader(text)) ledger.template(text);
    else ledger.leave(line.no, text);
    return null;
  }
  // The rest of a title that wrapped in its column, then the explanation beside it.
  const titleEnd = titleRestAt(row, text);
  ledger.template(text.slice(0, titleEnd));
  ledger.place(text.slice(titleEnd));
  fillRow(row, text.slice(titleEnd), yes, no);
  return row;
}

/** The labels of the principles' boxes. The form prints none of its own: the consent's, as the template words them. */
function boxLabels(template: Template): { yes: string; no: string } {
  return { yes: template.consent?.yesLabel ?? 'Yes', no: template.consent?.noLabel ?? 'No' };
}
