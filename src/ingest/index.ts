// The importer's entry points: bytes of a file → lines of text (readSource) → a response
// (importDocument). The format is recognised from the bytes first and the file name second.
import type { Template } from '../domain/template.ts';
import { mapDocument } from './mapper.ts';
import { readText } from './readers/text.ts';
import { ImportError, type SourceDocument } from './source.ts';
import type { ImportResult } from './types.ts';

export type { ImportResult, ImportWarning, ImportAccounting, ImportReport } from './types.ts';
export { mapDocument } from './mapper.ts';
export { ImportError } from './source.ts';

type Format = SourceDocument['format'];

const byMediaType: Record<string, Format> = {
  'text/plain': 'txt',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** The file's format: its first bytes decide ("%PDF-", a ZIP); then its name; then the media type given. */
export function formatOf(bytes: Uint8Array, fileName: string, mediaType?: string): Format | null {
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  if (head === '%PDF-') return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return /\.docx$/i.test(fileName) || mediaType === undefined || byMediaType[mediaType] === 'docx' ? 'docx' : null;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'text') return 'txt';
  if (ext === 'pdf' || ext === 'docx') return null; // named so, but the bytes are not
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  if (type && byMediaType[type]) return byMediaType[type] === 'txt' ? 'txt' : null;
  return ext === undefined || type === undefined ? 'txt' : null;
}

/** Reads a file as lines of text. Throws ImportError ('empty', 'unsupported-type', or a reader's own code). */
export async function readSource(bytes: Uint8Array, fileName: string, mediaType?: string): Promise<SourceDocument> {
  if (bytes.length === 0) throw new ImportError('The file is empty.', 'empty');
  const format = formatOf(bytes, fileName, mediaType);
  switch (format) {
    case 'txt':
      return readText(bytes);
    case 'docx':
      return (await import('./readers/docx.ts')).readDocx(bytes);
    case 'pdf':
      return (await import('./readers/pdf.ts')).readPdf(bytes);
    default:
      throw new ImportError(
        `${fileName} cannot be imported: only Word (.docx), PDF (.pdf) and plain text (.txt) files can be read${/\.(pdf|docx)$/i.test(fileName) ? ', and this file is not what its name says' : ''}.`,
        'unsupported-type',
      );
  }
}

/** Reads a file and maps it onto a template. */
export async function importDocument(bytes: Uint8Array, fileName: string, template: Template, options: { mediaType?: string } = {}): Promise<ImportResult> {
  return mapDocument(template, await readSource(bytes, fileName, options.mediaType));
}
