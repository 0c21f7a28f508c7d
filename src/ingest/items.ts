// The importer of item-model templates that do not fit the fixed slots (the national report, the
// stakeholder questionnaire, a secretariat's own): lines of a filled-in form → an ItemResponse.
// It finds each item by its marker text (a prompt, a heading: kind.texts() with the role
// 'marker'), in the order of the form, and gives the lines up to the next item's marker to the
// item's kind, whose `read` makes the answer of them (kinds/*.ts). The document-wide work stays
// here: footnotes (numbered across the response, found over the whole document first), paragraph
// numbers running on across questions, markers taken out in the order of the document, and the
// accounting of every character (placed, the form's own, left over). Pure: no I/O.
// apac-2020 and any template of the fixed-slot shape keep the tuned importer (mapper.ts).
import type { Finding, ReadContext, ReadLine } from '../domain/questionnaire/kind.ts';
import { localize } from '../domain/questionnaire/localize.ts';
import { languagesOf, walk, type Placed, type Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import { isAnswered, kindOf, type Answer, type Item } from '../domain/questionnaire/registry.ts';
import { emptyResponse, type ItemResponse } from '../domain/questionnaire/response.ts';
import { textIn, type Text } from '../domain/questionnaire/text.ts';
import { validate } from '../domain/questionnaire/validate.ts';
import { PLACEHOLDER } from '../domain/placeholders.ts';
import { stateByName } from '../domain/reference.ts';
import type { Footnote, Paragraph } from '../domain/response.ts';
import { TICKED_BOX, normaliseBoxes } from './readers/check-boxes.ts';
import { unplacedWarning } from './assemble.ts';
import { readYesNo } from './checkboxes.ts';
import { contactLine } from './contact.ts';
import { findFootnotes, footnoteOf, linksIn } from './footnotes.ts';
import { textLines, type Line } from './lines.ts';
import { takeExplicitMarkers, takeMarkers } from './markers.ts';
import { addBodyLine, paragraphText, type BodyContext, type DraftAnswer } from './paragraphs.ts';
import { MARKER_OPEN, type SourceDocument } from './source.ts';
import { align, inkCount, tokenize, type Token } from './tokens.ts';
import type { ImportAccounting, ImportReport } from './types.ts';

/** A finding of the import: validation's (about an answer) or the importer's own, with the line it is about. */
export type ItemImportWarning = Omit<Finding, 'severity'> & { severity: Finding['severity'] | 'info'; line?: number };

export type ItemImportReport = Omit<ImportReport, 'warnings'> & { warnings: ItemImportWarning[] };

export type ItemImportResult = ItemResponse & { import: ItemImportReport };

/**
 * The document read as the questionnaire's form, in whichever of its languages it is printed: the
 * default language first; when it leaves text over, each other language, and the reading that
 * recognises the most form text is kept (as mapDocument does for fixed slots).
 */
export function importItems(q: Questionnaire, doc: SourceDocument): ItemImportResult {
  let best = readIn(q, q.language, doc);
  if (best.import.accounting.charsUnplaced > 0) {
    for (const lang of languagesOf(q)) {
      if (lang === q.language) continue;
      const other = readIn(q, lang, doc);
      if (other.import.accounting.charsTemplate > best.import.accounting.charsTemplate) best = other;
    }
  }
  return best;
}

/** A place in the form: an item found by a marker text, whose lines run to the next place. */
interface Place {
  placed: Placed;
  /** The words the line begins with, placeholders as wildcards. */
  pattern: Pattern;
  /** The marker is the form's and is taken off; false when the item has no marker and is found by its first text, which the reader reads. */
  consume: boolean;
}

interface Region {
  place: Place | null;
  /** The line the place was found on. */
  line?: number;
  lines: ReadLine[];
}

function readIn(source: Questionnaire, lang: string, doc: SourceDocument): ItemImportResult {
  const q = localize(source, lang);
  const { lines, layout } = textLines(doc.lines);
  const byNo = new Map(lines.map((l) => [l.no, l]));
  const accounting: ImportAccounting = { charsIn: doc.lines.reduce((n, l) => n + inkCount(l), 0), charsPlaced: 0, charsTemplate: 0, charsUnplaced: 0 };
  const unplaced: { line: number; text: string }[] = [];
  const leave = (l: ReadLine) => {
    const text = l.text.replace(/[ \t]+/g, ' ').trim();
    if (!text) return;
    accounting.charsUnplaced += inkCount(text);
    unplaced.push({ line: l.no, text });
  };

  const places = placesOf(q);
  const finder = new PlaceFinder(places);
  const closing = q.closing === undefined ? null : patternOf(textIn(q.closing, lang, q.language));

  // Footnote definitions first, over the whole document ("3 Ministry of Labour, …" at the end);
  // a Word document carries its own. A line where an item begins is never a footnote.
  const footnoteLines = new Set<number>();
  const blocks = doc.footnotes ? [] : findFootnotes(lines, layout, (i) => finder.next(lines, i, -1) !== null);
  for (const b of blocks) for (const i of b.lines) footnoteLines.add(i);
  const footnotes: Footnote[] = doc.footnotes
    ? doc.footnotes.map((f) => ({ number: f.number, text: f.text.replace(/\s+/g, ' ').trim(), urls: linksIn(f.text) }))
    : blocks.map((b) => footnoteOf(b.number, b.lines.map((i) => lines[i]!.text), new Set()));
  for (const b of blocks) for (const i of b.lines) accounting.charsPlaced += inkCount(lines[i]!.text);

  // The lines, cut at each place in the order of the form.
  const regions: Region[] = [{ place: null, lines: [] }];
  let cursor = -1;
  /** Lines a marker wrapped onto (a PDF's narrow column): taken with it. */
  let takenUpTo = -1;
  lines.forEach((line, i) => {
    if (footnoteLines.has(i) || i <= takenUpTo) return;
    if (closing && wholeLine(line.text, closing)) {
      accounting.charsTemplate += inkCount(line.text);
      return;
    }
    const found = finder.next(lines, i, cursor);
    if (!found) {
      regions.at(-1)!.lines.push({ no: line.no, text: line.text });
      return;
    }
    cursor = found.index;
    const place = places[found.index]!;
    const region: Region = { place, line: line.no, lines: [] };
    if (place.consume) {
      for (let k = i; k < found.last; k++) accounting.charsTemplate += inkCount(lines[k]!.text);
      const last = lines[found.last]!;
      accounting.charsTemplate += inkCount(last.text.slice(0, found.end));
      const rest = last.text.slice(found.end).trim();
      if (rest) region.lines.push({ no: last.no, text: rest });
      takenUpTo = found.last;
    } else region.lines.push({ no: line.no, text: line.text });
    regions.push(region);
  });

  // Markers are read in the order of the document: the next footnote number is the cue. A reader
  // that knows where markers are (Word footnotes) wrote them all: no guessing then.
  const defined = new Set(footnotes.map((f) => f.number));
  const explicit = doc.footnotes !== undefined || doc.lines.some((l) => l.includes(MARKER_OPEN));
  const sequence = { next: 1 };
  const body: BodyContext = { layout, lastNumber: 0 };
  /** The lines each item's paragraphs were read from, for the warnings. */
  const paragraphLines = new Map<string, number[]>();
  let reading: string | undefined;
  let answerPrefix = 0;

  const ctx: ReadContext = {
    t: (text) => textIn(text, lang, q.language),
    starts: (line, text) => startsWith(line, patternOf(textIn(text, lang, q.language))),
    paragraphs(readLines) {
      const draft: DraftAnswer = { question: reading ?? '', paragraphs: [] };
      for (const l of readLines) {
        const line: Line = { ...(byNo.get(l.no) ?? { index: l.no - 1, no: l.no, indented: false, gapBefore: 0 }), text: l.text };
        answerPrefix += inkCount(addBodyLine(body, draft, l.text, line, false));
      }
      if (reading !== undefined) paragraphLines.set(reading, [...(paragraphLines.get(reading) ?? []), ...draft.paragraphs.map((p) => p.lines[0]!)]);
      return draft.paragraphs.map((p): Paragraph => {
        const m = explicit ? takeExplicitMarkers(paragraphText(p)) : takeMarkers(paragraphText(p), sequence, (n) => defined.has(n));
        return { number: p.number, ...(p.label ? { label: p.label } : {}), text: m.text, footnotes: m.footnotes, ...(m.anchors.length ? { anchors: m.anchors } : {}) };
      });
    },
    yesNo: (text, yes, no) => readYesNo(text, yes, no),
    box: leadingBox,
    labelled(line, labels) {
      const m = contactLine(
        line,
        labels.map((l) => ({ key: l.key, label: textIn(l.label, lang, q.language), kind: 'text' as const, required: false })),
      );
      return m && { key: m.field.key, labelEnd: m.labelEnd, value: m.value };
    },
  };

  const response = emptyResponse(q);
  const found = new Map<string, number>();
  for (const region of regions) {
    const item = region.place?.placed.item;
    const read = item && isAnswered(item) ? kindOf(item).read : undefined;
    if (!item || !read) {
      formLines(q, lang, region, accounting, leave);
      continue;
    }
    reading = item.key;
    answerPrefix = 0;
    if (!found.has(item.key!)) found.set(item.key!, region.line!);
    const result = read(item, region.lines, ctx);
    const ink = (ls: readonly { text: string }[]) => ls.reduce((n, l) => n + inkCount(l.text), 0);
    const form = result.form.reduce((n, t) => n + inkCount(t), 0) + answerPrefix;
    accounting.charsTemplate += form;
    accounting.charsPlaced += Math.max(0, ink(region.lines) - form - ink(result.unplaced));
    for (const u of result.unplaced) leave(u);
    response.answers[item.key!] = result.answer as Answer;
  }
  reading = undefined;
  response.footnotes = footnotes;
  response.state = stateOf(q, response);

  const warnings = [
    ...validate(q, response).map((f) => located(f, found, paragraphLines, blocks.map((b) => ({ number: b.number, line: lines[b.lines[0]!]!.no })))),
    ...importWarnings(q, found, response, unplaced, accounting, doc),
  ];
  return { ...response, import: { language: lang, unplaced, warnings, accounting } };
}

/** The items of the form in order, each with the text it is found by. */
function placesOf(q: Questionnaire): Place[] {
  return walk(q).flatMap((placed): Place[] => {
    const texts = kindOf(placed.item).texts(placed.item);
    const marker = texts.find((t) => t.role === 'marker');
    const first = marker ?? (isAnswered(placed.item) ? texts[0] : undefined);
    if (!first) return [];
    const pattern = patternOf(textIn(first.text, q.language, q.language));
    return pattern.length ? [{ placed, pattern, consume: marker !== undefined }] : [];
  });
}

/** Lines of the head, a section or the closing: the form's own text where they are, left over where not. */
function formLines(q: Questionnaire, lang: string, region: Region, accounting: ImportAccounting, leave: (l: ReadLine) => void): void {
  const t = (text: Text | undefined) => (text === undefined ? [] : [textIn(text, lang, q.language)]);
  const item = region.place?.placed.item;
  const texts = item
    ? kindOf(item)
        .texts(item)
        .flatMap((x) => t(x.text))
    : [...t(q.name), ...t(q.title), ...t(q.subtitle), ...q.introduction.flatMap(t)];
  const meeting = new Set(q.meeting ? [q.meeting.name, q.meeting.place, q.meeting.dates].flatMap(t).flatMap((m) => tokenize(m).map((k) => k.norm)) : []);
  const objectives = item?.kind === 'section' ? (item.concerns?.objectives ?? []) : [];
  const ls = region.lines;
  for (let i = 0; i < ls.length; i++) {
    const line = ls[i]!;
    const words = tokenize(line.text).map((k) => k.norm);
    // A text of the form, on this line or wrapped over the next ones (a PDF's column).
    const lines = [{ text: line.text.replace(LABEL, '') }, ...ls.slice(i + 1)];
    const wrapped = texts.map((x) => startsAcross(lines, 0, patternOf(x), WRAP)).find((m) => m !== null && !/[\p{L}\p{N}]/u.test(lines[m.last]!.text.slice(m.end)));
    if (wrapped) {
      for (const l of ls.slice(i, i + wrapped.last + 1)) accounting.charsTemplate += inkCount(l.text);
      i += wrapped.last;
    } else if ((!item && words.length > 0 && words.every((w) => meeting.has(w))) || (objectives.length > 0 && objectivesLine(line.text, objectives))) {
      accounting.charsTemplate += inkCount(line.text);
    } else leave(line);
  }
}

/** How many further lines a text of the form may wrap over (a long introduction in a narrow PDF column). */
const WRAP = 24;

/**
 * Where the pattern ends if the text from line `i` on begins with it: the line it ends on and the
 * offset there. It may wrap over up to `extra` further lines, each then wholly the form's.
 */
function startsAcross(lines: readonly { text: string }[], i: number, pattern: Pattern, extra: number): { last: number; end: number } | null {
  const first = lines[i]!.text;
  // Only a line that is all the text's first words goes on with it on the next line.
  const words = tokenize(first).map((t) => t.norm);
  const wraps = words.length > 0 && words.length < pattern.length && words.every((w, k) => pattern[k] === w || pattern[k] === ANY);
  // Word for word first (on one line, then wrapped), then forgiving a word (a prompt copied by hand).
  for (const fuzzy of [false, true]) {
    const end = startsWith(first, pattern, fuzzy);
    if (end !== null) return { last: i, end };
    if (!wraps) continue;
    let joined = first;
    let previous = 0;
    for (let k = 1; k <= extra && i + k < lines.length; k++) {
      const start = joined.length + 1;
      joined += `\n${lines[i + k]!.text}`;
      const e = startsWith(joined, pattern, fuzzy);
      // It ends on this line, or (a word more or less forgiven) at the end of the one before.
      if (e !== null) return e >= start ? { last: i + k, end: e - start } : { last: i + k - 1, end: Math.max(0, e - previous) };
      previous = start;
    }
  }
  return null;
}

/** "GCM Objectives: 2, 5, 6": a few words, a colon, and the section's objectives. */
function objectivesLine(text: string, objectives: readonly number[]): boolean {
  const m = /^[^:：\d]{1,60}[:：]\s*([\d,;\s]+)$/.exec(text.trim());
  return m !== null && m[1]!.split(/[,;\s]+/).filter(Boolean).map(Number).join() === objectives.join();
}

/** The State: the country field of the contact block, if it names one. */
function stateOf(q: Questionnaire, response: ItemResponse): ItemResponse['state'] {
  for (const { item } of walk(q)) {
    if (item.kind !== 'contact') continue;
    const field = item.fields.find((f) => f.type === 'country');
    const answer = response.answers[item.key];
    const country = field && answer?.kind === 'contact' ? (answer.fields[field.key] ?? '').trim() : '';
    const state = country ? stateByName(country) : undefined;
    if (state) return { iso3: state.iso3, name: state.name };
  }
  return null;
}

/** A finding of validation, with the document line it is about. */
function located(f: Finding, found: Map<string, number>, paragraphs: Map<string, number[]>, notes: { number: number; line: number }[]): ItemImportWarning {
  const line =
    (f.item !== undefined && f.paragraphIndex !== undefined ? paragraphs.get(f.item)?.[f.paragraphIndex] : undefined) ??
    (f.item !== undefined ? found.get(f.item) : f.footnote !== undefined ? notes.find((n) => n.number === f.footnote)?.line : undefined);
  return line === undefined ? f : { ...f, line };
}

function importWarnings(
  q: Questionnaire,
  found: Map<string, number>,
  response: ItemResponse,
  unplaced: { line: number; text: string }[],
  accounting: ImportAccounting,
  doc: SourceDocument,
): ItemImportWarning[] {
  const out: ItemImportWarning[] = [];
  for (const { item } of walk(q)) {
    if (!isAnswered(item) || found.has(item.key)) continue;
    out.push({
      code: 'prompt-not-found',
      severity: 'warning',
      item: item.key,
      message: `The item "${item.key}" was not found in the document (its prompt is not there), so an answer to it, if there is one, was read as part of the text before it.`,
    });
  }
  const contact = walk(q).find((w): w is Placed & { item: Extract<Item, { kind: 'contact' }> } => w.item.kind === 'contact');
  const field = contact?.item.fields.find((f) => f.type === 'country');
  const answer = contact ? response.answers[contact.item.key] : undefined;
  const country = field && answer?.kind === 'contact' ? (answer.fields[field.key] ?? '').trim() : '';
  if (country && !response.state && q.respondentType === 'state') {
    out.push({
      code: 'unknown-state',
      severity: 'warning',
      item: contact!.item.key,
      field: field!.key,
      ...(found.has(contact!.item.key) ? { line: found.get(contact!.item.key)! } : {}),
      message: `The country "${country}" in the contact block is not a State we know; please choose the State by hand.`,
    });
  }
  if (unplaced.length) out.push(unplacedWarning(unplaced, accounting.charsUnplaced, 'item'));
  for (const message of doc.readerWarnings ?? []) out.push({ code: 'reader', severity: 'info', message });
  return out;
}

// --- Recognising the form's text -------------------------------------------------------------

/** A placeholder's value: any words (or none), as a cycle filled it in or the form left it. */
const ANY = Symbol('placeholder');
type Pattern = readonly (string | typeof ANY)[];

const patterns = new Map<string, Pattern>();

/** The words of a form text, each placeholder a wildcard. */
function patternOf(text: string): Pattern {
  let p = patterns.get(text);
  if (p) return p;
  const out: (string | typeof ANY)[] = [];
  let from = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push(...tokenize(text.slice(from, m.index)).map((t) => t.norm));
    if (out.at(-1) !== ANY) out.push(ANY);
    from = m.index + m[0].length;
  }
  out.push(...tokenize(text.slice(from)).map((t) => t.norm));
  p = out.some((w) => w !== ANY) ? out : [];
  patterns.set(text, p);
  return p;
}

/** The number of words of `words` (from the start) the pattern takes; -1 if it does not begin them. */
function matchFrom(words: readonly string[], i: number, pattern: Pattern, j: number): number {
  for (; j < pattern.length; i++, j++) {
    const p = pattern[j]!;
    if (p === ANY) {
      if (j + 1 === pattern.length) return words.length;
      for (let k = i; k < words.length; k++) {
        if (words[k] !== pattern[j + 1]) continue;
        const end = matchFrom(words, k, pattern, j + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (words[i] !== p) return -1;
  }
  return i;
}

/** Where the pattern's text ends in the line (with the punctuation that closes it), if the line begins with it. */
function startsWith(line: string, pattern: Pattern, fuzzy = true): number | null {
  if (pattern.length === 0) return null;
  const toks = tokenize(line);
  if (toks.length === 0 || /[\p{L}\p{N}]/u.test(line.slice(0, toks[0]!.start))) return null;
  const words = toks.map((t) => t.norm);
  const n = matchFrom(words, 0, pattern, 0);
  if (n > 0) return endOf(line, toks, n);
  // A long text without placeholders may be copied with a word changed, added or left out.
  if (!fuzzy || pattern.length < 6 || pattern.includes(ANY)) return null;
  const a = align(words, 0, pattern as string[], 0);
  return a.bEnd >= pattern.length - 1 && a.matched >= 0.85 * pattern.length ? endOf(line, toks, a.aEnd) : null;
}

function endOf(line: string, toks: Token[], n: number): number {
  if (n === toks.length) return line.length;
  const end = toks[n - 1]!.end;
  return end + /^[.,;:!?)\]"'\u201d\u2019-]*/.exec(line.slice(end))![0].length;
}

/** The line is this text and nothing more. */
function wholeLine(line: string, pattern: Pattern): boolean {
  const end = startsWith(line, pattern);
  return end !== null && !/[\p{L}\p{N}]/u.test(line.slice(end));
}

/** "a. ", "(b) ", "6. ", "A) ": the label printed before an item's text. */
const LABEL = /^(?:\(?([0-9]{1,2}[a-z]?|[a-z])[.)]|\(([0-9]{1,2}[a-z]?|[a-z])\))[ \t]+(?=\S)/i;

/** How many further lines a prompt or a heading may wrap over. */
const MARKER_WRAP = 6;

/** Finds the next place of the form that a line begins, after the current one. */
class PlaceFinder {
  /** Places by the first word of their text; places whose text begins with a placeholder are always tried. */
  private readonly byFirst = new Map<string, number[]>();
  private readonly always: number[] = [];

  constructor(private readonly places: readonly Place[]) {
    places.forEach((p, i) => {
      const first = p.pattern[0]!;
      if (first === ANY) this.always.push(i);
      else this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), i]);
    });
  }

  /**
   * The nearest place after `after` (an index, -1 for the start) whose text begins line `at`
   * (and may wrap over the next lines), the line where its text ends and the offset there.
   */
  next(lines: readonly { text: string }[], at: number, after: number): { index: number; last: number; end: number } | null {
    const line = lines[at]!.text;
    const label = LABEL.exec(line);
    const lineLabel = label ? (label[1] ?? label[2])!.toLowerCase() : undefined;
    const body = label ? line.slice(label[0].length) : line;
    const firstWord = (s: string) => tokenize(s)[0]?.norm ?? '';
    const candidates = [...new Set([...(this.byFirst.get(firstWord(body)) ?? []), ...(this.byFirst.get(firstWord(line)) ?? []), ...this.always])]
      .filter((i) => i > after)
      .sort((a, b) => a - b);
    for (const i of candidates) {
      const place = this.places[i]!;
      const own = 'label' in place.placed.item ? place.placed.item.label?.toLowerCase() : undefined;
      // A label before the text must be the item's; an item whose label was lost is found by its text.
      if (label && own !== undefined) {
        if (own !== lineLabel) continue;
        const m = startsAcross([{ text: body }, ...lines.slice(at + 1, at + 1 + MARKER_WRAP)], 0, place.pattern, MARKER_WRAP);
        if (m) return { index: i, last: at + m.last, end: m.last === 0 ? label[0].length + m.end : m.end };
        continue;
      }
      const m = startsAcross(lines, at, place.pattern, MARKER_WRAP);
      if (m) return { index: i, last: m.last, end: m.end };
    }
    return null;
  }
}

/** "☒ Trade union", "[x] Other: …": a check box that begins a line, and the text after it. */
function leadingBox(text: string): { ticked: boolean; rest: string } | null {
  const t = normaliseBoxes(text);
  const m = /^\s*(?:([\u2610\u2612])|\[\s*([xX\u2713\u2714]?)\s*\])[ \t]*/u.exec(t);
  if (!m) return null;
  return { ticked: m[1] !== undefined ? m[1] === TICKED_BOX : m[2] !== '', rest: t.slice(m[0].length) };
}
