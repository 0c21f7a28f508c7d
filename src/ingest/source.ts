// The contract between format readers (txt, docx, pdf) and the template-driven mapper.
// A reader turns bytes into lines of text, as a person would read them; the mapper never
// sees a file format.

/** A footnote reference placed by a reader that knows where markers are (DOCX, PDF superscripts). */
export const MARKER_OPEN = '\u27E6fn:';
export const MARKER_CLOSE = '\u27E7';
/** ⟦fn:3⟧: how a reader writes an unambiguous footnote marker into a line. */
export function marker(n: number): string {
  return `${MARKER_OPEN}${n}${MARKER_CLOSE}`;
}
export const MARKER_RE = /\u27E6fn:(\d+)\u27E7/g;

/** What a reader knows of a line's place in the document's structure (Word: styles, tables, lists). */
export interface LineStructure {
  /** The line is (the start of) a heading of this level: 1 for Heading 1. */
  heading?: number;
  /**
   * The line came from a table cell: the table (counted from 0 in the document), the row and the
   * cell (from 0). `header`: the table's header row (column labels, not content).
   */
  table?: { table: number; row: number; cell: number; header?: boolean };
  /** The line is an item of a list: its level (0 at the top) and whether it has a bullet rather than a number. */
  list?: { level: number; bullet: boolean };
}

export interface SourceDocument {
  format: 'txt' | 'docx' | 'pdf';
  /** Physical lines; line N of the input is lines[N - 1]. Check boxes appear as ☐ (empty) or ☒ (ticked). */
  lines: string[];
  /**
   * Footnotes the format carries natively (real Word footnotes). When present, markers in
   * `lines` are written with `marker(n)` and the mapper does not guess them.
   */
  footnotes?: { number: number; text: string }[];
  /** The structure of each line, where the reader knows it: structure[N - 1] is line N's (sparse). */
  structure?: (LineStructure | undefined)[];
  /** Notes for the person checking the import ("3 images ignored"), from the reader. */
  readerWarnings?: string[];
}

/** Thrown by readers and the importer for input that cannot be read; the message is for a person. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** A stable code for the HTTP API and tests: 'empty', 'too-large', 'unsupported-type', 'encrypted', … */
    readonly code: string,
    /** Facts for programs, e.g. the import limit that was passed ({ limit: 'xml-elements', max: 1000000 }). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
