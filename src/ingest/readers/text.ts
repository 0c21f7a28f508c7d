// Plain text files: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or,
// when the bytes are not valid UTF-8, Windows-1252 (what Word's "Save as plain text" writes on
// most Western systems). Binary files are refused rather than imported as noise.
import { defaultImportLimits, overLimit, type ImportLimits } from '../limits.ts';
import { ImportError, type SourceDocument } from '../source.ts';

const WHAT = 'The text file';

export function readText(bytes: Uint8Array, limits: ImportLimits = defaultImportLimits): SourceDocument {
  // Every encoding read here takes at most 4 bytes a character: more bytes than that is too much text.
  if (bytes.length > 4 * limits.maxTextChars) throw overLimit(WHAT, 'maxTextChars', limits.maxTextChars);
  const text = decode(bytes);
  if (looksBinary(text)) {
    throw new ImportError('This file is not text: it holds binary data. Import a .txt, .docx or .pdf file.', 'unsupported-type');
  }
  assertShape(text, limits);
  return { format: 'txt', lines: text.split(/\r\n|\r|\n/) };
}

/** Counts characters, lines and the longest line in one pass, before the text is split into lines. */
function assertShape(text: string, limits: ImportLimits): void {
  if (text.length > limits.maxTextChars) throw overLimit(WHAT, 'maxTextChars', limits.maxTextChars, `it holds ${text.length.toLocaleString('en')} characters of text`);
  let lines = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    if (i - start > limits.maxLineChars) {
      throw overLimit(WHAT, 'maxLineChars', limits.maxLineChars, `line ${lines.toLocaleString('en')} holds ${(i - start).toLocaleString('en')} characters`);
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (i < text.length && ++lines > limits.maxLines) throw overLimit(WHAT, 'maxLines', limits.maxLines);
    start = i + 1;
  }
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

// Node's TextDecoder reads "windows-1252" as Latin-1, which turns Word's dashes and curly quotes
// (0x80-0x9F) into control characters: those 32 bytes are mapped here.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** NUL bytes, or many control characters, mean the file is not text. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  return control > sample.length * 0.01 + 2;
}
