// What an import gives back: the response read from the document, and an account of the reading
// for the person who checks it (what was left over, what looks wrong, where every character went).
import type { Response } from '../domain/response.ts';

export interface ImportWarning {
  /** A stable code: the validation codes ('empty-contact-field', 'marker-without-footnote', …) and the import's own. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The document line (1-based) the warning is about, when there is one. */
  line?: number;
  question?: string;
  paragraph?: number;
  footnote?: number;
  field?: string;
  principle?: string;
}

export interface ImportAccounting {
  /** Characters other than white space in the document. */
  charsIn: number;
  /** …that went into the response (answers, footnotes, contact values, ticks), or repeat what did (link lines). */
  charsPlaced: number;
  /** …that are the form's own text (prompts, headings, labels, instructions), recognised and left out. */
  charsTemplate: number;
  /** …that belong nowhere: listed in `unplaced`. */
  charsUnplaced: number;
  /**
   * Of `charsTemplate`, those that are the furniture of the page or the message rather than the
   * form (an e-mail's headers, greeting and signature): listed in `furniture`.
   */
  charsFurniture?: number;
}

export interface ImportReport {
  /** The language the form's text was recognised in ("en", "fr", "ru": one of the template's); every import says it. */
  language?: string;
  unplaced: { line: number; text: string }[];
  /** Text left out as furniture (counted in `charsTemplate` and `charsFurniture`), with what it was taken for. */
  furniture?: { line: number; text: string; what: string }[];
  warnings: ImportWarning[];
  accounting: ImportAccounting;
}

export type ImportResult = Response & { import: ImportReport };
