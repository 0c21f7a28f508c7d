// The first defence against a file from outside: its size, checked before a byte of it is read
// into memory (by the CLI from the file's size on disk, by the readers from what they are handed).
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError } from './source.ts';

const MB = 1024 * 1024;

/** The largest file a reader accepts unless its caller says otherwise (the upload limit is usually lower). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Refuses a file larger than `maxBytes` from its size alone, so a caller that knows the size
 * (an upload's Content-Length, a file's stat) can refuse it before reading it into memory.
 */
export function assertFileSize(size: number, maxBytes: number, what = 'The file'): void {
  if (size === 0) throw new ImportError(`${what} is empty.`, 'empty');
  if (size > maxBytes) {
    throw new ImportError(
      `${what} is ${formatMegabytes(size)}, more than the ${formatMegabytes(maxBytes)} that can be imported. Remove images or split the document.`,
      'too-large',
    );
  }
}

/** Reads a file from disk, refusing it by its size before a byte of it is read into memory. */
export async function readFileWithinLimit(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Uint8Array> {
  const { size } = await stat(path);
  assertFileSize(size, maxBytes, basename(path));
  return new Uint8Array(await readFile(path));
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
