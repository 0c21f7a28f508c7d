// Defences for files that come from outside (with the size limit of ../file-size.ts and the check
// of a file's kind in file-kind.ts): a ZIP reader (for DOCX) that refuses zip bombs. Every refusal
// is an ImportError whose message a person can act on.
import { inflateRawSync } from 'node:zlib';
import { formatMegabytes } from '../file-size.ts';
import { ImportError } from '../source.ts';

export interface ZipLimits {
  /** Entries in the archive; Word documents have tens, a few hundred with many images. */
  maxEntries: number;
  /** Uncompressed bytes of all entries (declared) and of the entries actually inflated. */
  maxTotalBytes: number;
  /** Uncompressed / compressed size of one entry, checked once the entry passes 1 MB. */
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxEntries: 5000, maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200 };

const MB = 1024 * 1024;
const RATIO_FLOOR = 1 * MB;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/**
 * A ZIP archive whose central directory has been checked against the limits; entries are inflated
 * only when asked for, with their real size counted as they inflate.
 */
export class GuardedZip {
  private inflatedTotal = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly what: string,
    private readonly limits: ZipLimits,
  ) {}

  /** Part names as stored (e.g. "word/document.xml"). */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The uncompressed size the directory declares (inflating never goes past it), or undefined. */
  declaredSize(name: string): number | undefined {
    return this.entries.get(partKey(name))?.size;
  }

  /** The entry's uncompressed bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(partKey(name));
    if (!entry) return undefined;
    const data = this.compressedData(entry);
    const out = entry.method === 0 ? this.stored(entry, data) : this.inflate(entry, data);
    if (out.length !== entry.size) throw this.damaged(`the size of ${entry.name} does not match its directory entry`);
    return out;
  }

  private compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || readU32(this.bytes, at) !== 0x04034b50) throw this.damaged(`${entry.name} cannot be found`);
    const start = at + 30 + readU16(this.bytes, at + 26) + readU16(this.bytes, at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw this.damaged(`${entry.name} is cut short`);
    return this.bytes.subarray(start, end);
  }

  private stored(entry: ZipEntry, data: Uint8Array): Uint8Array {
    this.count(entry, data.length, data.length);
    return data;
  }

  /**
   * Inflates an entry with Node's zlib, which stops once it has made the most this entry may make
   * (its declared size, the ratio past the first megabyte, what is left of the archive's total), so
   * a bomb never expands past a limit. A third of the time fflate's JavaScript took, as a command
   * reads one document.
   */
  private inflate(entry: ZipEntry, data: Uint8Array): Uint8Array {
    const most = Math.min(entry.size, Math.max(RATIO_FLOOR, this.limits.maxRatio * Math.max(data.length, 1)), this.limits.maxTotalBytes - this.inflatedTotal);
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(most, 0) + 1 });
    } catch (err) {
      // Past the most it may make: refused for the limit it passes.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') this.count(entry, most + 1, data.length);
      throw this.damaged(`${entry.name} cannot be decompressed`);
    }
    this.count(entry, out.length, data.length);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }

  /** Counts bytes as they appear and refuses the archive at the first limit passed. */
  private count(entry: ZipEntry, produced: number, compressed: number, fresh = produced): void {
    this.inflatedTotal += fresh;
    if (produced > entry.size) {
      throw new ImportError(
        `${this.what} was refused: ${entry.name} expands beyond the size its archive declares, as a "zip bomb" does.`,
        'zip-bomb',
      );
    }
    if (produced > RATIO_FLOOR && produced / Math.max(compressed, 1) > this.limits.maxRatio) {
      throw new ImportError(
        `${this.what} was refused: ${entry.name} expands more than ${this.limits.maxRatio} times, as a "zip bomb" does.`,
        'zip-bomb',
      );
    }
    if (this.inflatedTotal > this.limits.maxTotalBytes) {
      throw new ImportError(
        `${this.what} was refused: its contents expand to more than ${formatMegabytes(this.limits.maxTotalBytes)}.`,
        'zip-bomb',
      );
    }
  }

  private damaged(detail: string): ImportError {
    return new ImportError(`${this.what} is damaged (${detail}). Open it in Word and save it again.`, 'damaged');
  }
}

/**
 * Reads the central directory of a ZIP archive and refuses it if it declares too many entries or
 * too many bytes, uses encryption, or uses a compression method other than stored or deflate.
 */
export function openZip(bytes: Uint8Array, what = 'The Word document', limits: ZipLimits = defaultZipLimits): GuardedZip {
  const damaged = (detail: string) =>
    new ImportError(`${what} is damaged (${detail}). Open it in Word and save it again.`, 'damaged');
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw damaged('the end of its ZIP directory is missing');
  let count = readU16(bytes, eocd + 10);
  let dirOffset = readU32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    const z64 = readZip64End(bytes, eocd);
    if (!z64) throw damaged('its ZIP64 directory is missing');
    ({ count, dirOffset } = z64);
  }
  if (count > limits.maxEntries) {
    throw new ImportError(`${what} was refused: it holds ${count} parts, more than the ${limits.maxEntries} allowed.`, 'zip-bomb');
  }
  const entries = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== 0x02014b50) throw damaged('its ZIP directory is cut short');
    const nameLength = readU16(bytes, at + 28);
    const extraLength = readU16(bytes, at + 30);
    const commentLength = readU16(bytes, at + 32);
    const entry: ZipEntry = {
      flags: readU16(bytes, at + 8),
      method: readU16(bytes, at + 10),
      compressedSize: readU32(bytes, at + 20),
      size: readU32(bytes, at + 24),
      localHeaderOffset: readU32(bytes, at + 42),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    applyZip64Extra(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (entry.name.endsWith('/')) continue;
    if (entry.flags & 1) {
      throw new ImportError(`${what} is password-protected. Remove the password in Word and import it again.`, 'encrypted');
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ImportError(`${what} uses a compression method (${entry.method}) that Word never writes; save it again from Word.`, 'damaged');
    }
    declaredTotal += entry.size;
    if (declaredTotal > limits.maxTotalBytes) {
      throw new ImportError(
        `${what} was refused: its contents would expand to more than ${formatMegabytes(limits.maxTotalBytes)}.`,
        'zip-bomb',
      );
    }
    entries.set(partKey(entry.name), entry);
  }
  return new GuardedZip(bytes, entries, what, limits);
}

/** OPC part names are case-insensitive and may be written with a leading slash. */
function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && readU32(bytes, i) === 0x06054b50) return i;
  }
  return -1;
}

function readZip64End(bytes: Uint8Array, eocd: number): { count: number; dirOffset: number } | undefined {
  const locator = eocd - 20;
  if (locator < 0 || readU32(bytes, locator) !== 0x07064b50) return undefined;
  const record = readU64(bytes, locator + 8);
  if (record + 56 > bytes.length || readU32(bytes, record) !== 0x06064b50) return undefined;
  return { count: readU64(bytes, record + 32), dirOffset: readU64(bytes, record + 48) };
}

/** ZIP64 keeps sizes and offsets that overflow 32 bits in extra field 0x0001, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = readU16(extra, i);
    const size = readU16(extra, i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const next = () => {
        const v = at + 8 <= i + 4 + size ? readU64(extra, at) : undefined;
        at += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next() ?? entry.size;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    i += 4 + size;
  }
}

function readU16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function readU32(b: Uint8Array, at: number): number {
  return (readU16(b, at) | (readU16(b, at + 2) << 16)) >>> 0;
}
function readU64(b: Uint8Array, at: number): number {
  return readU32(b, at) + readU32(b, at + 4) * 2 ** 32;
}
