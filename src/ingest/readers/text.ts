// Plain text files: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or,
// when the bytes are not valid UTF-8, Windows-1252 (what Word's "Save as plain text" writes on
// most Western systems). Binary files are refused rather than imported as noise.
import { ImportError, type SourceDocument } from '../source.ts';

export function readText(bytes: Uint8Array): SourceDocument {
  const text = decode(bytes);
  if (looksBinary(text)) {
    throw new ImportError('This file is not text: it holds binary data. Import a .txt, .docx or .pdf file.', 'unsupported-type');
  }
  return { format: 'txt', lines: text.split(/\r\n|\r|\n/) };
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
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
