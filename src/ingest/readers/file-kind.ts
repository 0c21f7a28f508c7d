// What a file is, from its first bytes: the check that the bytes are the kind of file a reader
// expects, and the words for what they are instead ("it looks like a PNG image"). Apart from the
// ZIP reader (zip-guard.ts) so that recognising a text or a PDF does not load the inflater.
/** What the first bytes of a file say it is, for messages like "it looks like a PNG image". */
export type FileKind = 'zip' | 'pdf' | 'ole' | 'png' | 'jpeg' | 'gif' | 'rtf' | 'html' | 'unknown';

export function sniffFileKind(bytes: Uint8Array): FileKind {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  // A PDF may have a few bytes of junk before its header; readers accept it within the first KB.
  const head = latin1(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^\s*<(!doctype html|html)/i.test(head)) return 'html';
  return 'unknown';
}

const kindNames: Record<FileKind, string> = {
  zip: 'a ZIP archive',
  pdf: 'a PDF',
  ole: 'an older Word (.doc) or other Office 97-2003 file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  rtf: 'an RTF document',
  html: 'a web page (HTML)',
  unknown: 'something else',
};

export function describeFileKind(kind: FileKind): string {
  return kindNames[kind];
}

/** True when an Office 97-2003 container holds an encrypted OOXML package: a password-protected .docx. */
export function isEncryptedOfficePackage(bytes: Uint8Array): boolean {
  if (sniffFileKind(bytes) !== 'ole') return false;
  // The stream name is stored in UTF-16LE in the container's directory.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
