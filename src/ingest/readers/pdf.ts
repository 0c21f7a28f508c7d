// Reads a PDF into lines of text as a person reads them (SourceDocument), with pdfjs-dist's
// positioned text (legacy build: the only one that loads on Node 20), without a worker thread.
//
// What the lines look like (close to pdftotext without -layout):
// - pieces of text on one baseline form one line, ordered left to right; a wide gap between two
//   pieces (table columns) becomes two spaces; lines run top to bottom, so the columns of a
//   two-column page interleave (questionnaires are single-column);
// - a blank line marks a vertical gap clearly larger than the document's line spacing, and a wider
//   gap gives as many blank lines as the lines it could hold, up to three; a page whose text begins
//   lower than pages usually begin has blank lines before it;
// - a footnote reference (a raised, smaller number glued to the word before it) is written as
//   marker(n) when the same number also starts a line of the document (the footnote itself);
//   otherwise its digits stay glued to the word ("Arabia.1") for the mapper's heuristics;
// - a footnote's own raised number at the start of a line is followed by a space ("1 Ministry…");
// - page headers, footers and page numbers are kept: nothing is dropped;
// - check boxes drawn with symbol fonts that come out as private-use characters become ☐/☒.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy as PdfPage } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { defaultImportLimits, overLimit, type ImportLimits } from '../limits.ts';
import { ImportError, marker, type SourceDocument } from '../source.ts';
import { normaliseBoxes, privateUseGlyph } from './check-boxes.ts';
import { DEFAULT_MAX_FILE_BYTES, assertFileSize } from '../file-size.ts';
import { describeFileKind, sniffFileKind } from './file-kind.ts';

export interface PdfReadOptions {
  /** Refuse files larger than this (default 64 MB). */
  maxBytes?: number;
  /** Pages (maxPdfPages), characters of text (maxTextChars) and time (timeoutMs); the defaults unless given. */
  limits?: ImportLimits;
}

const WHAT = 'The PDF';
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** One positioned piece of text. */
interface Piece {
  text: string;
  x: number;
  /** Baseline, in PDF units (upwards). */
  y: number;
  width: number;
  size: number;
}

interface RawLine {
  pieces: Piece[];
  /** Baseline and size of the line's main text (its largest piece). */
  y: number;
  size: number;
}

export async function readPdf(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<SourceDocument> {
  assertFileSize(bytes.length, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES, WHAT);
  const kind = sniffFileKind(bytes);
  if (kind !== 'pdf') throw new ImportError(`The file is not a PDF: it looks like ${describeFileKind(kind)}.`, 'unsupported-type');
  const limits = options.limits ?? defaultImportLimits;
  const { getDocument } = await loadPdfjs();
  // Counted from here: loading pdfjs is not reading the document.
  const deadline = Date.now() + limits.timeoutMs;
  const task = getDocument({
    // pdfjs takes ownership of (and may detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
  });
  try {
    const doc = await withDeadline(task.promise, deadline);
    if (doc.numPages > limits.maxPdfPages) throw overLimit(WHAT, 'maxPdfPages', limits.maxPdfPages, `it has ${doc.numPages.toLocaleString('en')} pages`);
    const budget = { chars: limits.maxTextChars, max: limits.maxTextChars, deadline };
    const pages: RawLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await withDeadline(doc.getPage(n), deadline);
      pages.push(groupLines(await pageText(page, budget)));
      page.cleanup();
    }
    return toSource(pages);
  } catch (err) {
    throw asImportError(err);
  } finally {
    await task.destroy();
  }
}


let pdfjs: Promise<typeof Pdfjs> | undefined;

/**
 * pdfjs (3 MB of modules), loaded on first use; the import pool loads it ahead when a PDF is
 * coming. Its "worker" part, which does the reading (on this thread: pdfjs's fake worker), loads
 * with it rather than when the first document opens. In the import pool's bundled worker both
 * come from one bundled file compiled with V8's code cache (ingest/worker-boot.ts).
 */
export function loadPdfjs(): Promise<typeof Pdfjs> {
  pdfjs ??= (async () => {
    const natives = nativeBuiltins();
    try {
      const bundled = (globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.pdfjs')] as (() => { pdf: typeof Pdfjs; worker: unknown }) | undefined;
      const [pdf, worker] = bundled
        ? ((b) => [b.pdf, b.worker])(bundled())
        : await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs' as string)]);
      // pdfjs takes its fake worker's handler from here when it is set (instead of import()ing it).
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
      return pdf;
    } finally {
      natives.restore();
    }
  })();
  pdfjs.catch(() => (pdfjs = undefined));
  return pdfjs;
}

/** The built-in objects whose methods pdfjs's legacy build may replace. */
const builtins: object[] = [Array, Array.prototype, Object, JSON, Function.prototype, Promise, Promise.prototype, Map.prototype, Set.prototype, String.prototype, Math, Reflect, Number];

/**
 * The built-in methods as they are now, to put back after pdfjs has loaded. The legacy build
 * (core-js inside) replaces some of Node's own with JavaScript versions when an edge case of the
 * standard differs: Array.prototype.push, JSON.parse and JSON.stringify on Node 20. Everything
 * else in the worker then ran through them: the polyfilled push alone was a tenth of reading a
 * PDF. What pdfjs added (methods Node 20 lacks) stays; what it replaced is put back.
 */
function nativeBuiltins(): { restore: () => void } {
  const saved = builtins.map((object) => ({ object, descriptors: Object.getOwnPropertyDescriptors(object) }));
  return {
    restore() {
      for (const { object, descriptors } of saved) {
        for (const key of Reflect.ownKeys(descriptors)) {
          const before = descriptors[key as keyof typeof descriptors]!;
          const now = Object.getOwnPropertyDescriptor(object, key);
          if (typeof before.value === 'function' && now && now.value !== before.value && now.configurable) Object.defineProperty(object, key, before);
        }
      }
    },
  };
}

/**
 * A page's text, read as pdfjs streams it, so that a page whose compressed content expands to
 * an absurd amount of text is stopped once the document's budget of characters is spent.
 */
async function pageText(page: PdfPage, budget: { chars: number; max: number; deadline: number }): Promise<Piece[]> {
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<{ items: unknown[] }>;
  const pieces: Piece[] = [];
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await withDeadline(reader.read(), budget.deadline);
      if (done) {
        finished = true;
        return pieces;
      }
      for (const item of value.items) {
        if (!item || typeof item !== 'object' || !('str' in item)) continue;
        const text = item as { str: string; transform: number[]; width: number };
        budget.chars -= text.str.length;
        pieces.push(...toPiece(text));
      }
      if (budget.chars < 0) throw overLimit(WHAT, 'maxTextChars', budget.max);
    }
  } finally {
    // pdfjs requires an Error as the reason (anything else throws later, uncaught); not awaited,
    // as a cancelled stream settles only when the worker answers.
    if (!finished) reader.cancel(new Error('Reading stopped')).catch(() => {});
  }
}

/** pdfjs's own errors, in words a person can act on. */
function asImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException') {
    return new ImportError(`${WHAT} is password-protected. Save a copy without the password (or print it to a new PDF) and import that.`, 'encrypted');
  }
  if (name === 'InvalidPDFException') return new ImportError(`${WHAT} is damaged and cannot be read. Export it again from the original document.`, 'damaged');
  return new ImportError(`${WHAT} cannot be read (${(err as Error)?.message ?? String(err)}).`, 'damaged');
}

function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  const left = deadline - Date.now();
  const timeout = () => new ImportError(`${WHAT} took too long to read; it may be damaged or far larger than a questionnaire.`, 'timeout', { limit: 'time' });
  if (left <= 0) return Promise.reject(timeout());
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeout()), left);
    }),
  ]).finally(() => clearTimeout(timer));
}

function toPiece(item: { str: string; transform: number[]; width: number }): Piece[] {
  if (item.str === '') return [];
  const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
  return [{ text: item.str, x, y, width: item.width, size: Math.hypot(c, d) || 1 }];
}

/** Pieces on one baseline (allowing for raised footnote numbers) become a line; lines run top to bottom. */
function groupLines(pieces: Piece[]): RawLine[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: RawLine[] = [];
  let line: RawLine | undefined;
  for (const p of sorted) {
    if (line && onSameLine(p, line)) {
      line.pieces.push(p);
      if (p.size > line.size && p.text.trim() !== '') {
        line.size = p.size;
        line.y = p.y;
      }
    } else {
      line = { pieces: [p], y: p.y, size: p.size };
      lines.push(line);
    }
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x - b.x);
  return lines;
}

/** Close baselines, or a smaller piece raised above a larger one by up to 0.6 of its size (a superscript). */
function onSameLine(a: { y: number; size: number }, b: { y: number; size: number }): boolean {
  const [big, small] = a.size >= b.size ? [a, b] : [b, a];
  const raise = small.y - big.y;
  return Math.abs(raise) <= 0.45 * big.size || (small.size < 0.85 * big.size && raise > 0 && raise <= 0.6 * big.size);
}

/** A piece set higher and smaller than its line's text: a superscript. */
function isRaised(p: Piece, line: RawLine): boolean {
  return p.size < 0.85 * line.size && p.y - line.y > 0.15 * line.size;
}

const MAX_BLANKS = 3;

function toSource(pages: RawLine[][]): SourceDocument {
  // Footnotes start a line with their raised number: those numbers make a raised number in the text sure.
  const footnoteNumbers = new Set<string>();
  for (const page of pages) {
    for (const l of page) {
      const first = l.pieces.find((p) => p.text.trim() !== '');
      if (first && /^\d{1,3}$/.test(first.text.trim()) && isRaised(first, l)) footnoteNumbers.add(first.text.trim());
    }
  }
  const lines: string[] = [];
  const emptyPages: number[] = [];
  let ink = 0;
  const pitch = linePitch(pages);
  // Where text usually begins on a page: a page that begins lower begins with empty lines.
  const top = Math.max(...pages.map((page) => page[0]?.y ?? -Infinity));
  pages.forEach((page, index) => {
    if (!page.some((l) => l.pieces.some((p) => p.text.trim() !== ''))) emptyPages.push(index + 1);
    page.forEach((l, i) => {
      const previous = page[i - 1];
      // A blank line for a gap clearly wider than the spacing, and one more for each further line's
      // height, up to three (the space above the notes at the foot of a page says nothing more).
      const gap = previous ? (previous.y - l.y) / pitch : i === 0 && lines.length > 0 ? 1 + (top - l.y) / pitch : 0;
      if (gap > 1.35) for (let k = Math.min(MAX_BLANKS, Math.max(1, Math.round(gap - 1))); k > 0; k--) lines.push('');
      const text = lineText(l, footnoteNumbers);
      ink += text.replace(/\s/g, '').length;
      lines.push(text);
    });
  });
  if (ink === 0) {
    throw new ImportError(`${WHAT} has no text layer (scanned?): it holds only images of pages. Import the original document, or run text recognition (OCR) on the PDF first.`, 'no-text');
  }
  const readerWarnings: string[] = [];
  if (emptyPages.length) {
    readerWarnings.push(`${emptyPages.length === 1 ? 'Page' : 'Pages'} ${emptyPages.join(', ')} of the PDF ${emptyPages.length === 1 ? 'has' : 'have'} no text (scanned images?): check nothing is missing.`);
  }
  return { format: 'pdf', lines, ...(readerWarnings.length ? { readerWarnings } : {}) };
}

/**
 * The document's line spacing: the distance between the baselines of two lines of one paragraph
 * in its main text size. It is the smallest distance that is common, not the most common one:
 * text with an empty line after every line (a text file printed to PDF) has as many double
 * distances as single ones, and the blank lines must be found on every page, not on some.
 * Measured over the whole document, so that every page is read the same way.
 */
function linePitch(pages: RawLine[][]): number {
  const half = (v: number) => Math.round(v * 2) / 2;
  const sizes = new Map<number, number>();
  for (const page of pages) for (const l of page) sizes.set(half(l.size), (sizes.get(half(l.size)) ?? 0) + 1);
  let body = 0;
  for (const [s, n] of sizes) if (body === 0 || n > sizes.get(body)!) body = s;
  const fallback = 1.2 * (body || 12);
  const counts = new Map<number, number>();
  const isBody = (l: RawLine) => Math.abs(l.size - body) <= 0.5;
  for (const page of pages) {
    for (let i = 1; i < page.length; i++) {
      const d = half(page[i - 1]!.y - page[i]!.y);
      // Closer than the text's size is not two lines of it (a table cell, a raised piece set apart).
      if (isBody(page[i - 1]!) && isBody(page[i]!) && d >= 0.9 * body) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  const most = Math.max(0, ...counts.values());
  const common = [...counts].filter(([, n]) => n >= 0.25 * most).map(([d]) => d);
  return common.length ? Math.min(...common) : fallback;
}

/**
 * The text of a line. Spaces come from the gaps between pieces, not from pdfjs's space pieces
 * (it adds them for gaps as small as a superscript's): a wide gap, as between the columns of a
 * table, becomes two spaces.
 */
function lineText(line: RawLine, footnoteNumbers: Set<string>): string {
  let out = '';
  let end: number | undefined;
  for (const p of line.pieces) {
    const text = mapGlyphs(p.text);
    if (text.trim() === '') continue;
    const gap = end === undefined ? 0 : p.x - end;
    const digits = text.trim();
    if (/^\d{1,3}$/.test(digits) && isRaised(p, line) && out !== '' && gap < 0.25 * line.size) {
      // A footnote reference glued to the word before it.
      out += footnoteNumbers.has(digits) ? marker(Number(digits)) : digits;
    } else if (/^\d{1,3}$/.test(digits) && isRaised(p, line) && out === '') {
      // A footnote's own number, at the start of its text.
      out = `${digits} `;
    } else {
      if (out !== '' && !/\s$/.test(out) && !/^\s/.test(text)) {
        if (gap > 1.5 * line.size) out += '  ';
        else if (gap > 0.15 * line.size) out += ' ';
      }
      out += text;
    }
    end = p.x + p.width;
  }
  return out.trim();
}

function mapGlyphs(text: string): string {
  const boxes = normaliseBoxes(text);
  return /[\uf000-\uf0ff]/.test(boxes) ? boxes.replace(/[\uf000-\uf0ff]/g, (c) => privateUseGlyph(c.charCodeAt(0))) : boxes;
}
