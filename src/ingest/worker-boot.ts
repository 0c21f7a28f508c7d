// The import worker as the build ships it (dist/node/ingest/worker.cjs): loads the bundled worker
// (worker-main.cjs, made from worker.ts) and, for PDFs, the bundled pdfjs (pdfjs.cjs), each with
// V8's code cache (code-cache.ts), and writes the caches after the first document.
import { join } from 'node:path';
import { requireWithCodeCache, saveCodeCaches } from './code-cache.ts';

declare const __dirname: string;

/** Where readers/pdf.ts finds pdfjs when it runs in this worker (see loadPdfjs there). */
(globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.pdfjs')] = () => requireWithCodeCache(join(__dirname, 'pdfjs.cjs'));
/** worker.ts calls it once a document has been read. */
(globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.codeCache')] = saveCodeCaches;

requireWithCodeCache(join(__dirname, 'worker-main.cjs'));
