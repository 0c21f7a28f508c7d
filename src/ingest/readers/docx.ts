// Reads a Word document (.docx) into lines of text as a person reads them (SourceDocument).
//
// Why not mammoth: it drops Word's automatic paragraph numbers ("12." exists only in
// numbering.xml), and the mapper needs them; it also hides check boxes. We walk document.xml
// ourselves with a DOM parser that never resolves entities (docx-xml.ts), after unzipping with
// size guards (zip-guard.ts), and render the numbering ourselves (docx-numbering.ts).
//
// What the lines look like:
// - one line per paragraph; a line break inside a paragraph starts a new line; empty paragraphs are "";
// - automatic numbers are written before the text: "12. Text", "a. Text", "• Text";
// - check boxes (content controls, legacy form fields, Wingdings symbols, ☑) are ☐ or ☒;
// - footnote and endnote references are marker(n) ("⟦fn:3⟧"), numbered in order of appearance, and
//   their text is in `footnotes`;
// - tables: a row of one cell gives that cell's lines; a row of two cells gives "Label: value"
//   (for contact tables; "Label:" when the value is empty); a row of three or more cells gives the
//   cells joined with " | " ("People-centred | ☒=yes ☐=no | explanation"); paragraphs inside a cell
//   are joined with a space; rows with no text are left out. But a question and its answer side by
//   side (two cells, the first a prompt or a question's label) give each cell's lines in
//   turn, and a last cell of several paragraphs gives them as lines after the row's. Under a header
//   row, a column headed "Yes" (a short label) whose cells are only "X" or empty is read as boxes:
//   "☒ Yes" where marked, "☐ Yes" where empty;
// - the structure of each line (`structure`): heading level (from the style or outline level),
//   table, row and cell (and whether the row is the table's header), list level and bullet;
// - tabs are kept as "\t"; non-breaking spaces become spaces; deleted tracked changes, hidden text,
//   comments, field codes and placeholder text of empty content controls are not text a person reads;
//   page headers and footers (the same on every page) are not read; text boxes follow their paragraph.
import { defaultImportLimits, overLimit, type ImportLimits } from '../limits.ts';
import { ImportError, marker, type LineStructure, type SourceDocument } from '../source.ts';
import { EMPTY_BOX, TICKED_BOX, isSymbolFont, normaliseBoxes, symbolFontText, symbolText } from './check-boxes.ts';
import { Numbering, headingLevel, parseStyles, type Styles } from './docx-numbering.ts';
import { XmlBudget, attr, descendants, isOn, kid, kids, parseXmlPart, type XmlElement } from './docx-xml.ts';
import { DEFAULT_MAX_FILE_BYTES, assertFileSize } from '../file-size.ts';
import { describeFileKind, isEncryptedOfficePackage, sniffFileKind } from './file-kind.ts';
import { openZip, type GuardedZip, type ZipLimits } from './zip-guard.ts';

export interface DocxReadOptions {
  /** Refuse files larger than this (default 64 MB). */
  maxBytes?: number;
  zipLimits?: ZipLimits;
  /** What the document may hold once read (XML, footnotes); the defaults unless given. */
  limits?: ImportLimits;
}

const WHAT = 'The Word document';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

export async function readDocx(bytes: Uint8Array, options: DocxReadOptions = {}): Promise<SourceDocument> {
  return readDocxSync(bytes, options);
}

export function readDocxSync(bytes: Uint8Array, options: DocxReadOptions = {}): SourceDocument {
  try {
    return read(bytes, options);
  } catch (err) {
    // Elements nested thousands deep exhaust the stack of any tree walk: a crafted file, not a form.
    if (err instanceof RangeError) throw new ImportError(`${WHAT} was refused: its XML is nested far too deeply to be a questionnaire.`, 'damaged');
    throw err;
  }
}

function read(bytes: Uint8Array, options: DocxReadOptions): SourceDocument {
  assertFileSize(bytes.length, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES, WHAT);
  assertLooksLikeDocx(bytes);
  const zip = openZip(bytes, WHAT, options.zipLimits);
  const limits = options.limits ?? defaultImportLimits;
  const budget = new XmlBudget(limits, WHAT);
  const parts = locateParts(zip, budget);
  const xml = (part: string | undefined, precheck?: (text: string) => void) => {
    const data = part ? budget.read(zip, part) : undefined;
    return data ? parseXmlPart(data, part!, WHAT, budget, precheck) : undefined;
  };
  // Too many footnote references are refused from the text, before the body is parsed and walked.
  const footnoteReferences = (text: string) => {
    const n = text.match(/<(?:[\w.-]+:)?(?:foot|end)noteReference[\s/>]/g)?.length ?? 0;
    if (n > limits.maxFootnotes) throw overLimit(WHAT, 'maxFootnotes', limits.maxFootnotes, `it refers to footnotes and endnotes ${n.toLocaleString('en')} times`);
  };
  const styles = parseStyles(xml(parts.styles));
  const walker = new Walker(new Numbering(xml(parts.numbering), styles), styles, parts.hyperlinks, limits.maxFootnotes);
  const body = kid(xml(parts.main, footnoteReferences), 'body');
  if (!body) throw new ImportError(`${WHAT} is damaged (its main part has no body). Open it in Word and save it again.`, 'damaged');
  const read = new Lines();
  walker.blocks(body, read);
  const lines = read.text;
  const notes = [...notesOf(xml(parts.footnotes), 'footnote'), ...notesOf(xml(parts.endnotes), 'endnote')];
  if (notes.length > limits.maxFootnotes) {
    throw overLimit(WHAT, 'maxFootnotes', limits.maxFootnotes, `it has ${notes.length.toLocaleString('en')} footnotes and endnotes`);
  }
  const byKind = (kind: NoteKind) => new Map(notes.filter((n) => n.kind === kind).map((n) => [n.id, n]));
  const footnotes = walker.notes(byKind('footnote'), byKind('endnote'));
  if (!lines.some((l) => l.trim() !== '')) throw new ImportError(`${WHAT} contains no text.`, 'no-text');
  const readerWarnings = walker.warnings();
  return {
    format: 'docx',
    lines,
    ...(read.structure.some((x) => x !== undefined) ? { structure: read.structure } : {}),
    ...(footnotes.length ? { footnotes } : {}),
    ...(readerWarnings.length ? { readerWarnings } : {}),
  };
}

function assertLooksLikeDocx(bytes: Uint8Array): void {
  const kind = sniffFileKind(bytes);
  if (kind === 'zip') return;
  if (isEncryptedOfficePackage(bytes)) {
    throw new ImportError(`${WHAT} is password-protected. Remove the password in Word (File › Info › Protect Document) and import it again.`, 'encrypted');
  }
  if (kind === 'ole') {
    throw new ImportError('The file is an older Word (.doc) document. Open it in Word and save it as .docx, or as PDF, then import that file.', 'unsupported-type');
  }
  throw new ImportError(`The file is not a Word document (.docx): it looks like ${describeFileKind(kind)}.`, 'unsupported-type');
}

interface Parts {
  main: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  endnotes?: string;
  hyperlinks: Map<string, string>;
}

/** Finds the parts through the package's relationships, as Word does, with the usual names as fallback. */
function locateParts(zip: GuardedZip, budget: XmlBudget): Parts {
  const rootRels = relationships(zip, '_rels/.rels', budget);
  const main = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'word/document.xml';
  if (!zip.has(main)) {
    const names = zip.names().map((n) => n.toLowerCase());
    const other = names.includes('xl/workbook.xml')
      ? 'an Excel workbook'
      : names.includes('ppt/presentation.xml')
        ? 'a PowerPoint presentation'
        : names.includes('content.xml')
          ? 'an OpenDocument file; save it as .docx'
          : 'a ZIP archive';
    throw new ImportError(`The file is not a Word document (.docx): it is ${other}.`, 'unsupported-type');
  }
  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const rels = relationships(zip, `${dir}_rels/${main.slice(dir.length)}.rels`, budget, dir);
  const byType = (t: string, fallback: string) => rels.find((r) => r.type === REL + t)?.target ?? (zip.has(dir + fallback) ? dir + fallback : undefined);
  const hyperlinks = new Map(rels.filter((r) => r.type === REL + 'hyperlink').map((r) => [r.id, r.rawTarget]));
  return {
    main,
    styles: byType('styles', 'styles.xml'),
    numbering: byType('numbering', 'numbering.xml'),
    footnotes: byType('footnotes', 'footnotes.xml'),
    endnotes: byType('endnotes', 'endnotes.xml'),
    hyperlinks,
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  rawTarget: string;
}

function relationships(zip: GuardedZip, part: string, budget: XmlBudget, baseDir = ''): Relationship[] {
  const data = budget.read(zip, part);
  if (!data) return [];
  return kids(parseXmlPart(data, part, WHAT, budget))
    .filter((r) => r.localName === 'Relationship')
    .map((r) => {
      const rawTarget = attr(r, 'Target') ?? '';
      const external = attr(r, 'TargetMode') === 'External';
      return { id: attr(r, 'Id') ?? '', type: attr(r, 'Type') ?? '', rawTarget, target: external ? rawTarget : resolvePart(baseDir, rawTarget) };
    });
}

function resolvePart(baseDir: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : baseDir + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

type NoteKind = 'footnote' | 'endnote';
interface NoteBody {
  kind: NoteKind;
  id: string;
  el: XmlElement;
}

/** Footnotes or endnotes, without Word's separator notes. */
function notesOf(root: XmlElement | undefined, kind: NoteKind): NoteBody[] {
  const out: NoteBody[] = [];
  for (const el of root ? kids(root) : []) {
    if (el.localName !== kind) continue;
    const type = attr(el, 'type');
    if (type && type !== 'normal') continue;
    out.push({ kind, id: attr(el, 'id') ?? '', el });
  }
  return out;
}

/** Lines read, each with what is known of its place in the document's structure. */
class Lines {
  readonly text: string[] = [];
  readonly structure: (LineStructure | undefined)[] = [];

  push(line: string, structure?: LineStructure): void {
    this.text.push(line);
    this.structure.push(structure);
  }

  /** Another's lines after these, each with `more` added to what it knew. */
  append(other: Lines, more?: LineStructure, keep: (line: string) => boolean = () => true): void {
    other.text.forEach((line, i) => {
      if (!keep(line)) return;
      const own = other.structure[i];
      this.push(line, more ? { ...own, ...more } : own);
    });
  }

  get length(): number {
    return this.text.length;
  }
}

/** The text of one paragraph as it is being read: finished lines, the current line, open fields. */
class LineBuilder {
  readonly lines: string[] = [];
  current = '';
  /** For each open field: false while reading its instructions (not shown), true in its result. */
  readonly fields: boolean[] = [];
  /** Lines of text boxes anchored in this paragraph, read after it. */
  readonly afterLines = new Lines();

  text(s: string): void {
    if (this.fields.every((inResult) => inResult)) this.current += s;
  }
  always(s: string): void {
    this.current += s;
  }
  newline(): void {
    this.lines.push(this.current);
    this.current = '';
  }
  finish(): string[] {
    return [...this.lines, this.current].map(cleanLine);
  }
}

function cleanLine(line: string): string {
  return line.replace(/\u00a0/g, ' ').trim();
}

const SKIPPED_INLINE = new Set(['pPr', 'rPr', 'sdtPr', 'sdtEndPr', 'ctrlPr', 'moveFrom', 'commentRangeStart', 'commentRangeEnd', 'bookmarkStart', 'bookmarkEnd', 'proofErr']);

class Walker {
  private readonly noteNumbers = new Map<string, number>();
  private readonly noteOrder: { kind: NoteKind; id: string }[] = [];
  private inNote = false;
  private readonly counts = { images: 0, textBoxes: 0, comments: 0, hidden: 0, trackedChanges: 0, placeholders: 0, endnotes: 0, unreferenced: [] as number[] };
  private tables = 0;

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Styles,
    private readonly hyperlinks: Map<string, string>,
    private readonly maxNotes: number,
  ) {}

  /** Block-level content: paragraphs, tables, and the wrappers Word puts around them. */
  blocks(container: XmlElement | undefined, out: Lines): void {
    for (const el of container ? kids(container) : []) {
      switch (el.localName) {
        case 'p':
          this.paragraph(el, out);
          break;
        case 'tbl':
          this.table(el, out);
          break;
        case 'sdt':
          if (kid(kid(el, 'sdtPr'), 'showingPlcHdr')) this.counts.placeholders++;
          else this.blocks(kid(el, 'sdtContent'), out);
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          this.blocks(el, out);
          break;
        case 'AlternateContent':
          this.blocks(kid(el, 'Choice'), out);
          break;
        default:
          if (el.localName === 'del' || el.localName === 'moveFrom') this.counts.trackedChanges++;
      }
    }
  }

  private paragraph(p: XmlElement, out: Lines): void {
    const pPr = kid(p, 'pPr');
    const number = this.numbering.next(pPr);
    const line = new LineBuilder();
    this.inline(p, line);
    const lines = line.finish();
    if (number && number.text) lines[0] = number.text + (number.suffix === 'nothing' ? '' : ' ') + lines[0];
    const heading = headingLevel(pPr, this.styles);
    const structure: LineStructure = {
      ...(heading !== undefined ? { heading } : {}),
      ...(number ? { list: { level: number.level, bullet: number.bullet } } : {}),
    };
    lines.forEach((l, i) => out.push(l, i === 0 && Object.keys(structure).length ? structure : undefined));
    out.append(line.afterLines);
  }

  private inline(el: XmlElement | undefined, line: LineBuilder): void {
    for (const c of el ? kids(el) : []) {
      switch (c.localName) {
        case 'r':
          this.run(c, line);
          break;
        case 'sdt':
          this.inlineControl(c, line);
          break;
        case 'AlternateContent':
          this.inline(kid(c, 'Choice'), line);
          break;
        case 'hyperlink':
          this.hyperlink(c, line);
          break;
        case 'del':
          this.counts.trackedChanges++;
          break;
        case 'ins':
          this.counts.trackedChanges++;
          this.inline(c, line);
          break;
        default:
          // Smart tags, custom XML, field results, maths…: read whatever text they hold.
          if (!SKIPPED_INLINE.has(c.localName)) this.inline(c, line);
      }
    }
  }

  /** A content control: a check box becomes ☐/☒; an empty one showing its placeholder is not text. */
  private inlineControl(sdt: XmlElement, line: LineBuilder): void {
    const pr = kid(sdt, 'sdtPr');
    const checkbox = kid(pr, 'checkbox');
    if (checkbox) line.text(isOn(kid(checkbox, 'checked')) ? TICKED_BOX : EMPTY_BOX);
    else if (kid(pr, 'showingPlcHdr')) this.counts.placeholders++;
    else this.inline(kid(sdt, 'sdtContent'), line);
  }

  /** In footnotes, a link's address is written after its text when the text does not show it. */
  private hyperlink(link: XmlElement, line: LineBuilder): void {
    const before = line.current.length;
    this.inline(link, line);
    if (!this.inNote) return;
    const id = attr(link, 'id');
    const url = id ? this.hyperlinks.get(id) : undefined;
    const shown = line.current.slice(before);
    if (url && /^(https?|ftp|mailto):/i.test(url) && !shown.includes(url.replace(/^mailto:/i, ''))) line.text(` (${url})`);
  }

  private run(r: XmlElement, line: LineBuilder): void {
    const rPr = kid(r, 'rPr');
    if (isOn(kid(rPr, 'vanish'))) {
      this.counts.hidden++;
      return;
    }
    const fonts = kid(rPr, 'rFonts');
    const font = attr(fonts, 'ascii') ?? attr(fonts, 'hAnsi') ?? attr(fonts, 'cs');
    const symbolFont = isSymbolFont(font) ? font : undefined;
    for (const c of kids(r)) {
      switch (c.localName) {
        case 't':
          line.text(symbolFont ? symbolFontText(symbolFont, c.textContent ?? '') : normaliseBoxes(c.textContent ?? ''));
          break;
        case 'tab':
        case 'ptab':
          line.text('\t');
          break;
        case 'br':
        case 'cr':
          line.newline();
          break;
        case 'noBreakHyphen':
          line.text('-');
          break;
        case 'sym':
          line.text(symbolText(attr(c, 'font') ?? font ?? '', Number.parseInt(attr(c, 'char') ?? '0', 16)));
          break;
        case 'fldChar':
          this.fieldChar(c, line);
          break;
        case 'footnoteReference':
        case 'endnoteReference':
          line.text(marker(this.noteNumber(c.localName === 'footnoteReference' ? 'footnote' : 'endnote', attr(c, 'id') ?? '')));
          break;
        case 'commentReference':
          this.counts.comments++;
          break;
        case 'drawing':
        case 'pict':
        case 'object':
          this.drawing(c, line);
          break;
        case 'AlternateContent': {
          const choice = kid(c, 'Choice');
          for (const d of choice ? kids(choice) : []) if (['drawing', 'pict', 'object'].includes(d.localName)) this.drawing(d, line);
          break;
        }
        default:
        // instrText (field codes), delText, footnoteRef (the note's own number), page-break hints: not read.
      }
    }
  }

  /** Fields: instructions are hidden, results are shown; a legacy FORMCHECKBOX shows its box. */
  private fieldChar(c: XmlElement, line: LineBuilder): void {
    const type = attr(c, 'fldCharType');
    if (type === 'begin') {
      const box = kid(kid(c, 'ffData'), 'checkBox');
      if (box) {
        const checked = kid(box, 'checked') ?? kid(box, 'default');
        line.text(checked && isOn(checked) ? TICKED_BOX : EMPTY_BOX);
      }
      line.fields.push(false);
    } else if (type === 'separate') {
      if (line.fields.length) line.fields[line.fields.length - 1] = true;
    } else if (type === 'end') {
      line.fields.pop();
    }
  }

  /** Text boxes are read after their paragraph; pictures are counted, not read. */
  private drawing(d: XmlElement, line: LineBuilder): void {
    const boxes = descendants(d, 'txbxContent').filter((b) => !hasAncestor(b, 'txbxContent', d));
    if (boxes.length) {
      this.counts.textBoxes += boxes.length;
      for (const b of boxes) this.blocks(b, line.afterLines);
    } else if (descendants(d, 'blip').length || descendants(d, 'imagedata').length) {
      this.counts.images++;
    }
  }

  private table(tbl: XmlElement, out: Lines): void {
    const table = this.tables++;
    const rows = unwrap(tbl, 'tr').map((row) => ({
      el: row,
      cells: unwrap(row, 'tc').map((tc) => {
        const lines = new Lines();
        // A cell merged with the one above it shows nothing of its own.
        const vMerge = kid(kid(tc, 'tcPr'), 'vMerge');
        if (vMerge && attr(vMerge, 'val') !== 'restart') return lines;
        this.blocks(tc, lines);
        return lines;
      }),
    }));
    const header = rows.length > 1 && rows[0]!.cells.length > 1 && isHeaderRow(rows[0]!.el, rows[0]!.cells.map((c) => c.text.join(' ').trim()));
    if (header) markBoxColumns(rows.map((r) => r.cells));
    rows.forEach(({ cells }, r) => {
      const at = (cell: number): LineStructure => ({ table: { table, row: r, cell, ...(header && r === 0 ? { header: true } : {}) } });
      if (cells.length === 1) {
        const lines = cells[0]!;
        const [start, end] = blankEnds(lines.text);
        lines.text.forEach((l, i) => i >= start && i < end && out.push(l, { ...lines.structure[i], ...at(0) }));
        return;
      }
      const paragraphs = cells.map((lines) => lines.text.filter((l) => l !== ''));
      const texts = paragraphs.map((p) => p.join(' '));
      if (texts.every((t) => t === '')) return;
      const last = paragraphs.length - 1;
      if (cells.length === 2 && !(header && r === 0) && isQuestionCell(texts[0]!, paragraphs[1]!.length)) {
        // A question and its answer side by side: each cell's lines in turn.
        cells.forEach((lines, c) => out.append(lines, at(c), (l) => l !== ''));
      } else if (cells.length > 2 && paragraphs[last]!.length > 1) {
        // A last cell (an explanation) of several paragraphs: its first with the row, the others after it.
        out.push([...texts.slice(0, last), paragraphs[last]![0]!].join(' | '), at(0));
        for (const l of paragraphs[last]!.slice(1)) out.push(l, at(last));
      } else {
        out.push(texts.length === 2 ? labelValue(texts[0]!, texts[1]!) : texts.join(' | ').trimEnd(), at(0));
      }
    });
  }

  private noteNumber(kind: NoteKind, id: string): number {
    const key = `${kind}:${id}`;
    let n = this.noteNumbers.get(key);
    if (n === undefined) {
      n = this.noteNumbers.size + 1;
      if (n > this.maxNotes) throw overLimit(WHAT, 'maxFootnotes', this.maxNotes);
      this.noteNumbers.set(key, n);
      this.noteOrder.push({ kind, id });
      if (kind === 'endnote') this.counts.endnotes++;
    }
    return n;
  }

  /** The text of every note referenced, in order, then of notes nothing refers to (kept, not lost). */
  notes(footnotes: Map<string, NoteBody>, endnotes: Map<string, NoteBody>): { number: number; text: string }[] {
    const source = (kind: NoteKind) => (kind === 'footnote' ? footnotes : endnotes);
    for (const body of [...footnotes.values(), ...endnotes.values()]) {
      if (!this.noteNumbers.has(`${body.kind}:${body.id}`)) this.counts.unreferenced.push(this.noteNumber(body.kind, body.id));
    }
    this.inNote = true;
    const out = this.noteOrder.map(({ kind, id }) => {
      const lines = new Lines();
      this.blocks(source(kind).get(id)?.el, lines);
      return { number: this.noteNumbers.get(`${kind}:${id}`)!, text: lines.text.filter((l) => l !== '').join('\n') };
    });
    this.inNote = false;
    return out;
  }

  warnings(): string[] {
    const c = this.counts;
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', String(n)));
    const out: string[] = [];
    if (c.images) out.push(plural(c.images, 'One picture was not read: only text is imported.', '# pictures were not read: only text is imported.'));
    if (c.textBoxes) out.push(plural(c.textBoxes, 'The text of one text box was read after the paragraph that holds it.', 'The text of # text boxes was read after the paragraphs that hold them.'));
    if (c.comments) out.push(plural(c.comments, 'One comment was ignored.', '# comments were ignored.'));
    if (c.hidden) out.push('Hidden text was ignored.');
    if (c.trackedChanges) out.push('The document has tracked changes: it was read as if they were accepted.');
    if (c.placeholders) out.push(plural(c.placeholders, 'One empty form field showing placeholder text was ignored.', '# empty form fields showing placeholder text were ignored.'));
    if (c.endnotes) out.push(plural(c.endnotes, 'One endnote was read as a footnote.', '# endnotes were read as footnotes.'));
    if (c.unreferenced.length) out.push(`Footnote text that nothing in the document refers to was kept as footnote ${c.unreferenced.join(', ')}.`);
    return out;
  }
}

/** Rows of a table or cells of a row, including those wrapped in content controls or custom XML. */
function unwrap(el: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of kids(el)) {
    if (c.localName === localName) out.push(c);
    else if (c.localName === 'sdt') out.push(...unwrap(kid(c, 'sdtContent') ?? c, localName));
    else if (c.localName === 'customXml') out.push(...unwrap(c, localName));
  }
  return out;
}

function hasAncestor(el: XmlElement, localName: string, stop: XmlElement): boolean {
  for (let p = el.parent; p && p !== stop; p = p.parent) if (p.localName === localName) return true;
  return false;
}

/**
 * The first of two cells asks a question, so the second is its answer (read as lines of its own):
 * a prompt (long), or a question's label ("1(a)", "Question 6") before an answer of several paragraphs.
 * A short label ("Mailing address") before a value of several lines stays "Label: value".
 */
function isQuestionCell(text: string, answerParagraphs: number): boolean {
  if (text.length > 60 || text.split(/\s+/).length > 6) return true;
  return answerParagraphs > 1 && /^(?:(?:question|q)\.?\s*)?\d{1,2}\s*(?:\(?[a-z]\))?[.):]?$/i.test(text);
}

/** Where the lines other than blank ones at either end begin and end. */
function blankEnds(lines: readonly string[]): [number, number] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return [start, end];
}

/**
 * A table's first row is its header when Word says so (repeat as header row), or when every cell
 * holds a short label set in bold: column labels, not content.
 */
function isHeaderRow(row: XmlElement, texts: string[]): boolean {
  if (isOn(kid(kid(row, 'trPr'), 'tblHeader'))) return true;
  if (texts.some((t) => t === '' || t.length > 40)) return false;
  const runs = descendants(row, 'r').filter((r) => kids(r).some((c) => c.localName === 't' && (c.textContent ?? '').trim() !== ''));
  return runs.length > 0 && runs.every((r) => isOn(kid(kid(r, 'rPr'), 'b')));
}

/** "X" or a tick marking a column: a ticked box; an empty cell in such a column: an empty one. */
const MARK = /^[xX✓✔☒☑✗✘]$/;

/**
 * Columns headed by a short label ("Yes", "No", "Oui") whose cells hold only a mark or nothing are
 * check boxes: each cell becomes "☒ Yes" or "☐ Yes", as the same answer reads with Word's boxes.
 */
function markBoxColumns(rows: Lines[][]): void {
  const [head, ...body] = rows;
  head!.forEach((h, c) => {
    const label = h.text.join(' ').trim();
    if (c === 0 || label === '' || label.length > 20 || label.split(/\s+/).length > 3) return;
    const cells = body.map((row) => row[c]?.text.join('').trim() ?? '');
    if (!cells.every((t) => t === '' || MARK.test(t)) || !cells.some((t) => t !== '')) return;
    body.forEach((row) => {
      const cell = row[c];
      if (!cell) return;
      const marked = MARK.test(cell.text.join('').trim());
      cell.text.splice(0, cell.text.length, `${marked ? TICKED_BOX : EMPTY_BOX} ${label}`);
      cell.structure.splice(0, cell.structure.length, undefined);
    });
  });
}

/** "Country: Arvenia" from a two-cell row; an enumerator cell ("1.", "a)") is followed by a space only. */
function labelValue(label: string, value: string): string {
  if (!label) return value;
  if (/^\(?[0-9a-zA-Z]{1,3}[.)]$/.test(label)) return `${label} ${value}`.trimEnd();
  const withColon = /[:：]$/.test(label) ? label : `${label}:`;
  return value ? `${withColon} ${value}` : withColon;
}
