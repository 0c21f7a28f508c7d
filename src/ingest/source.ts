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

export interface SourceDocument {
  format: 'txt' | 'docx' | 'pdf';
  /** Physical lines; line N of the input is lines[N - 1]. Check boxes appear as ☐ (empty) or ☒ (ticked). */
  lines: string[];
  /**
   * Footnotes the format carries natively (real Word footnotes). When present, markers in
   * `lines` are written with `marker(n)` and the mapper does not guess them.
   */
  footnotes?: { number: number; text: string }[];
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
