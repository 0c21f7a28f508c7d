// The import worker as the build ships it (dist/node/ingest/worker.cjs): loads the bundled worker
// (worker-main.cjs, made from worker.ts) and, for PDFs, the bundled pdfjs (pdfjs.cjs), each with
// V8's code cache (code-cache.ts), and writes the caches after the first document.
import { join } from 'node:path';
import { requireWithCodeCache, saveCodeCaches } from './code-cache.ts';

declare const __dirname: string;
/** The codeHash of each file beside this one, written in by the build (scripts/build-node.js). */
declare const __GCM_CODE_HASHES__: Record<string, string> | undefined;
const hashes = typeof __GCM_CODE_HASHES__ === 'undefined' ? {} : __GCM_CODE_HASHES__;
const load = (file: string) => requireWithCodeCache(join(__dirname, file), hashes[file]);

/** Where readers/pdf.ts finds pdfjs when it runs in this worker (see loadPdfjs there). */
(globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.pdfjs')] = () => load('pdfjs.cjs');
/** worker.ts calls it once a document has been read. */
(globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.codeCache')] = saveCodeCaches;

load('worker-main.cjs');
