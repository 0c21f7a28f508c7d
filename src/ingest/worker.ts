// The import pool's worker thread: reads and maps one document at a time, so that a slow or hostile
// document costs this thread, never the server's event loop. It answers every task with an outcome
// (a result, or the ImportError's message and code); anything it cannot answer (out of memory,
// time) the pool handles by ending the thread.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { Template } from '../domain/template.ts';
import { formatByName, mapDocument, preloadReader, readSource } from './index.ts';
import type { ItemImportResult } from './items.ts';
import type { ImportLimits } from './limits.ts';
import { ImportError, type SourceDocument } from './source.ts';
import type { ImportResult } from './types.ts';

/** What the pool tells a worker as it starts (pool.ts). */
export interface WorkerSettings {
  /** Run at a lower priority than the pool's thread (a server's event loop). */
  yieldToCaller: boolean;
}

export interface ImportTask {
  bytes: Uint8Array;
  fileName: string;
  mediaType?: string | undefined;
  /** A fixed-slot template (mapper.ts), or an item questionnaire that has no fixed slots (items.ts). */
  template: Template | Questionnaire;
  limits: ImportLimits;
  /** Send back the lines as read too (the web app shows them beside the result). */
  withSource?: boolean;
}

export interface ImportSource {
  format: SourceDocument['format'];
  lines: string[];
}

export type ImportOutcome =
  | { ok: true; result: ImportResult | ItemImportResult; source?: ImportSource }
  | { ok: false; refused: { message: string; code: string; details: Record<string, unknown> } }
  | { ok: false; failed: string };

export async function readAndMap(task: ImportTask): Promise<ImportOutcome> {
  try {
    const doc = await readSource(task.bytes, task.fileName, { mediaType: task.mediaType, limits: task.limits });
    // The item importer (and the questionnaire model it reads with) loads for the first item questionnaire only.
    const result = 'items' in task.template ? (await import('./items.ts')).importItems(task.template, doc) : await mapDocument(task.template, doc);
    return { ok: true, result, ...(task.withSource ? { source: { format: doc.format, lines: doc.lines } } : {}) };
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, refused: { message: err.message, code: err.code, details: err.details } };
    return { ok: false, failed: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

export interface TaskMessage {
  id: number;
  task: ImportTask;
}

/** Load the reader for a file of this name now: its document comes soon. */
export interface PreloadMessage {
  preload: string;
}

/** The worker has loaded its modules: documents it takes from now on are timed from when they come. */
export interface ReadyMessage {
  ready: true;
}

export interface OutcomeMessage {
  id: number;
  outcome: ImportOutcome;
}

/**
 * Reading documents yields the processor to the event loop of the server: on Linux a thread has
 * a niceness of its own, set through its thread id. (Elsewhere the worker keeps the process's.)
 */
function yieldToTheEventLoop(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the same priority as the server, as without this.
  }
}

if (parentPort && (workerData as WorkerSettings | undefined)?.yieldToCaller !== false) yieldToTheEventLoop();

parentPort?.on('message', async (message: TaskMessage | PreloadMessage) => {
  if ('preload' in message) {
    // A failure here shows again, with its message, when the document comes.
    await preloadReader(formatByName(message.preload)).catch(() => {});
    return;
  }
  const outcome = await readAndMap(message.task);
  // The bundled worker keeps the code it compiled for the next run (worker-boot.ts); once, after the first document.
  const saveCodeCaches = (globalThis as Record<symbol, unknown>)[Symbol.for('gcm-review.codeCache')] as (() => void) | undefined;
  saveCodeCaches?.();
  parentPort!.postMessage({ id: message.id, outcome } satisfies OutcomeMessage);
});
parentPort?.postMessage({ ready: true } satisfies ReadyMessage);
