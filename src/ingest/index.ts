// The importer's entry points: bytes of a file → lines of text (readSource) → a response
// (importDocument). The format is recognised from the bytes first and the file name second.
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { Template } from '../domain/template.ts';
import type { ItemImportResult } from './items.ts';
import { assertReadingWithinLimits, defaultImportLimits, type ImportLimits } from './limits.ts';
import { mapDocument } from './mapper.ts';
import { readText } from './readers/text.ts';
import { describeFileKind, sniffFileKind } from './readers/file-kind.ts';
import { ImportError, type SourceDocument } from './source.ts';
import type { ImportResult } from './types.ts';

export type { ImportResult, ImportWarning, ImportAccounting, ImportReport } from './types.ts';
export { mapDocument } from './mapper.ts';
export { ImportError } from './source.ts';

export interface ReadOptions {
  /** The media type the file came with (an upload's Content-Type), used when its bytes say nothing. */
  mediaType?: string;
  /** What the document may hold; the defaults (limits.ts) unless given. */
  limits?: ImportLimits;
}

type Format = SourceDocument['format'];

/**
 * The reader for a file: its first bytes decide (a PDF; a ZIP or an Office container goes to the
 * Word reader, which names an old .doc or a password); text is anything else, unless the name or
 * the media type promise a PDF or a Word document that the bytes are not.
 */
export function formatOf(bytes: Uint8Array, fileName: string, mediaType?: string): Format | { refused: string } {
  const kind = sniffFileKind(bytes);
  if (kind === 'pdf') return 'pdf';
  if (kind === 'zip' || kind === 'ole') return 'docx';
  if (kind !== 'unknown') return { refused: `it looks like ${describeFileKind(kind)}` };
  if (/\.(pdf|docx?)$/i.test(fileName) || /pdf|word/i.test(mediaType ?? '')) {
    return { refused: 'its name or media type says it is a PDF or a Word document, but its content is neither' };
  }
  return 'txt';
}

const subjects: Record<Format, string> = { txt: 'The text file', docx: 'The Word document', pdf: 'The PDF' };

/**
 * Reads a file as lines of text, within the limits (checked by the readers as they parse, and on
 * what they give). Throws ImportError ('empty', 'unsupported-type', 'too-large', or a reader's own code).
 */
export async function readSource(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<SourceDocument> {
  const limits = options.limits ?? defaultImportLimits;
  const doc = await readFormat(bytes, fileName, options.mediaType, limits);
  assertReadingWithinLimits(doc, limits, subjects[doc.format]);
  return doc;
}

async function readFormat(bytes: Uint8Array, fileName: string, mediaType: string | undefined, limits: ImportLimits): Promise<SourceDocument> {
  if (bytes.length === 0) throw new ImportError('The file is empty.', 'empty');
  const format = formatOf(bytes, fileName, mediaType);
  // Each reader loads only when its format comes: pdfjs alone is 3 MB of modules.
  if (format === 'txt') return readText(bytes, limits);
  if (format === 'docx') return withoutNul((await import('./readers/docx.ts')).readDocx(bytes, { limits }));
  if (format === 'pdf') return withoutNul((await import('./readers/pdf.ts')).readPdf(bytes, { limits }));
  throw new ImportError(
    `This file cannot be imported: ${format.refused}. Save it as a Word document (.docx), a PDF or plain text (.txt), then import that file.`,
    'unsupported-type',
  );
}

/** Loads the reader for a format (and its libraries) ahead of the document, while other work goes on. */
export async function preloadReader(format: Format): Promise<void> {
  if (format === 'docx') await import('./readers/docx.ts');
  if (format === 'pdf') await (await import('./readers/pdf.ts')).loadPdfjs();
}

/** The format a file name suggests, before its bytes are read (for preloadReader). */
export function formatByName(fileName: string): Format {
  return /\.pdf$/i.test(fileName) ? 'pdf' : /\.docx?$/i.test(fileName) ? 'docx' : 'txt';
}

/**
 * Text pulled out of a PDF or a Word file can hold NUL characters (broken fonts, odd encoders).
 * They carry no meaning and PostgreSQL cannot store them, so they go before anything sees them.
 * (The text reader refuses NUL outright: there it means the file is not text.)
 */
async function withoutNul(reading: Promise<SourceDocument>): Promise<SourceDocument> {
  const doc = await reading;
  const clean = (s: string) => s.replaceAll('\u0000', '');
  return {
    ...doc,
    lines: doc.lines.map(clean),
    ...(doc.footnotes ? { footnotes: doc.footnotes.map((f) => ({ ...f, text: clean(f.text) })) } : {}),
  };
}

/** Reads a file and maps it onto a template, in the calling thread (the import pool runs this in a worker). */
export async function importDocument(bytes: Uint8Array, fileName: string, template: Template, options: ReadOptions = {}): Promise<ImportResult> {
  return mapDocument(template, await readSource(bytes, fileName, options));
}

/** Reads a file with a questionnaire that has no fixed slots (the generic importer, items.ts), in the calling thread. */
export async function importItemDocument(bytes: Uint8Array, fileName: string, q: Questionnaire, options: ReadOptions = {}): Promise<ItemImportResult> {
  const doc = await readSource(bytes, fileName, options);
  return (await import('./items.ts')).importItems(q, doc);
}
