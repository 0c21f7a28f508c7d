// How much a document may ask of the importer. A file that passes the size and ZIP guards can still
// hold far more than any questionnaire (95 MB of XML in a 2 MB Word file, a 24 MB line of text,
// 50,000 footnotes): the readers count what they parse and stop at the first limit passed, with a
// message that names it. Every limit is far above a real questionnaire: the seed questionnaire
// (about 30 pages) has 91,000 characters in 2,400 lines, the longest 147 characters, 18 footnotes;
// its Word version has 570,000 characters of XML in 23,000 elements; a long reply may have 100 pages.
import { ImportError } from './source.ts';

export interface ImportLimits {
  /** Bytes of XML in the parts of a Word document that are read (all parts together), as they expand. */
  maxXmlBytes: number;
  /** XML elements in those parts. */
  maxXmlElements: number;
  /** Characters of text read from a document (text, Word or PDF). */
  maxTextChars: number;
  /** Lines of text read from a document. */
  maxLines: number;
  /** Characters in one line (one paragraph, in a Word document). */
  maxLineChars: number;
  /** Footnotes (and endnotes) of a Word document, or lines of a text or PDF that start like a footnote. */
  maxFootnotes: number;
  /** Pages of a PDF. */
  maxPdfPages: number;
  /** Wall time to read and map one document, in milliseconds (enforced by the import pool). */
  timeoutMs: number;
  /**
   * Memory one document may take while it is read, heap and buffers, in megabytes (enforced by the
   * import pool: the process's memory is watched, and a worker's heap is capped at twice this).
   */
  maxMemoryMb: number;
}

export const defaultImportLimits: Readonly<ImportLimits> = Object.freeze({
  maxXmlBytes: 32 * 1024 * 1024, // 56 times the seed's Word XML
  maxXmlElements: 500_000, // 21 times the seed's elements; parsed in a second or two
  maxTextChars: 2_000_000, // 22 times the seed; about 650 pages
  maxLines: 150_000, // 60 times the seed
  maxLineChars: 200_000, // a paragraph of 60 pages
  maxFootnotes: 5_000, // 275 times the seed
  maxPdfPages: 500, // 5 times a long reply
  timeoutMs: 20_000,
  maxMemoryMb: 512, // the seed takes a few tens
});

/** The limits with the caller's changes (only numbers it gives replace the defaults). */
export function importLimits(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const out = { ...defaultImportLimits };
  for (const [key, value] of Object.entries(overrides) as [keyof ImportLimits, number | undefined][]) if (value !== undefined) out[key] = value;
  return out;
}

/** The stable names the HTTP problem and the CLI use for a limit ("xml-elements"). */
export const limitNames: Record<keyof ImportLimits, string> = {
  maxXmlBytes: 'xml-bytes',
  maxXmlElements: 'xml-elements',
  maxTextChars: 'text-characters',
  maxLines: 'lines',
  maxLineChars: 'line-length',
  maxFootnotes: 'footnotes',
  maxPdfPages: 'pdf-pages',
  timeoutMs: 'time',
  maxMemoryMb: 'memory',
};

/**
 * The refusal for a document past a limit, e.g. "The PDF was refused: it has 1,200 pages, more than
 * the import limit of 1,000 pages." (`found`: what was counted, when it is known). The code is
 * 'too-large' ('timeout' for time); the limit's name and value go with it for programs (the HTTP
 * problem's `limit` and `max`).
 */
export function overLimit(subject: string, limit: keyof ImportLimits, max: number, found?: string): ImportError {
  const code = limit === 'timeoutMs' ? 'timeout' : 'too-large';
  const what = found ? `${found}, more than` : 'it holds more than';
  return new ImportError(`${subject} was refused: ${what} the import limit of ${describeLimit(limit, max)}. A questionnaire holds far less: check that this is the right file.`, code, {
    limit: limitNames[limit],
    max,
  });
}

export function describeLimit(limit: keyof ImportLimits, max: number): string {
  const n = max.toLocaleString('en');
  switch (limit) {
    case 'maxXmlBytes':
      return `${Math.round(max / 1024 / 1024).toLocaleString('en')} MB of XML`;
    case 'maxXmlElements':
      return `${n} XML elements`;
    case 'maxTextChars':
      return `${n} characters of text`;
    case 'maxLines':
      return `${n} lines`;
    case 'maxLineChars':
      return `${n} characters in one line`;
    case 'maxFootnotes':
      return `${n} footnotes`;
    case 'maxPdfPages':
      return `${n} pages`;
    case 'timeoutMs':
      return `${(max / 1000).toLocaleString('en')} seconds`;
    case 'maxMemoryMb':
      return `${n} MB of memory`;
  }
}

/** A line that starts like a footnote definition ("3 Ministry of Labour, …"), as the mapper looks for them. */
const FOOTNOTE_LIKE = /^\s*\d{1,3}[ \t]+\S/;

/**
 * Checks what a reader produced before it is mapped: lines, characters, the longest line and
 * footnotes (native ones, or lines that look like footnotes: the mapper compares every pair).
 */
export function assertReadingWithinLimits(
  doc: { lines: readonly string[]; footnotes?: readonly { text: string }[] },
  limits: ImportLimits,
  subject: string,
): void {
  if (doc.lines.length > limits.maxLines) throw overLimit(subject, 'maxLines', limits.maxLines, `it has ${doc.lines.length.toLocaleString('en')} lines`);
  let chars = 0;
  let footnoteLike = 0;
  for (const line of doc.lines) {
    chars += line.length;
    if (line.length > limits.maxLineChars) {
      throw overLimit(subject, 'maxLineChars', limits.maxLineChars, `a line holds ${line.length.toLocaleString('en')} characters`);
    }
    if (!doc.footnotes && FOOTNOTE_LIKE.test(line)) footnoteLike++;
  }
  for (const note of doc.footnotes ?? []) chars += note.text.length;
  if (chars > limits.maxTextChars) throw overLimit(subject, 'maxTextChars', limits.maxTextChars, `it holds ${chars.toLocaleString('en')} characters of text`);
  const footnotes = doc.footnotes?.length ?? footnoteLike;
  if (footnotes > limits.maxFootnotes) {
    const found = doc.footnotes ? `it has ${footnotes.toLocaleString('en')} footnotes` : `${footnotes.toLocaleString('en')} of its lines start like footnotes`;
    throw overLimit(subject, 'maxFootnotes', limits.maxFootnotes, found);
  }
}
