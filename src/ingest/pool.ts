// A pool of worker threads that read and map documents (worker.ts), so that the server's event
// loop and the CLI's progress stay free whatever a document holds. Each document gets a wall-time
// limit (counted from when a started worker takes it) and each worker a heap limit; a worker that passes
// either, crashes or is cancelled is ended and a new one starts for the next document. Documents
// wait in a bounded queue: past it, run() refuses at once (ImportPoolBusy) rather than pile up.
//
// node:worker_threads directly rather than piscina: the pool needs the time limit to start when a
// worker takes the document (not when it is queued), the memory and crash errors told apart, idle
// workers that never keep the CLI alive, and nothing more; that is about 150 lines, and loads no
// package (piscina costs 0.1 s to load, which a one-file CLI import would pay).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { Template } from '../domain/template.ts';
import { describeLimit, importLimits, limitNames, type ImportLimits } from './limits.ts';
import { ImportError } from './source.ts';
import type { ItemImportResult } from './items.ts';
import type { ImportResult } from './types.ts';
import type { ImportOutcome, ImportSource, ImportTask, OutcomeMessage, PreloadMessage, ReadyMessage, TaskMessage, WorkerSettings } from './worker.ts';

export type { ImportSource } from './worker.ts';

export interface ImportPoolOptions {
  /** Worker threads at most (default: one less than the cores, at least one). */
  threads?: number;
  /** Documents that may wait for a worker (default 4 a thread, at least 8); more are refused with ImportPoolBusy. */
  maxQueue?: number;
  /** Changes to the default import limits (time and memory are enforced here, the rest by the readers). */
  limits?: Partial<ImportLimits>;
  /** A worker left without work this long ends (default 30 s); the next document starts a new one. */
  idleTimeoutMs?: number;
  /**
   * Workers run at a lower priority than the thread that made the pool (default true), so that a
   * server's event loop keeps answering while documents are read. The command line, which has
   * nothing else to do meanwhile, says false: a lowered worker only waits longer on a busy machine.
   */
  yieldToCaller?: boolean;
}

export interface ImportRequest {
  bytes: Uint8Array;
  /**
   * Hand the bytes' memory over to the worker instead of copying it (it is unusable here after):
   * for a buffer the caller made for this document alone.
   */
  transfer?: boolean;
  fileName: string;
  mediaType?: string | undefined;
  template: Template;
  /** Also give back the lines as read. */
  withSource?: boolean;
  /** Cancels the import: a waiting document leaves the queue, a running one ends its worker. */
  signal?: AbortSignal;
}

export interface ImportAnswer {
  result: ImportResult;
  source?: ImportSource;
}

/** A document read with an item questionnaire that has no fixed slots (src/ingest/items.ts), in the same workers and limits. */
export type ItemImportRequest = Omit<ImportRequest, 'template'> & { template: Questionnaire };
export interface ItemImportAnswer {
  result: ItemImportResult;
  source?: ImportSource;
}

/** The queue is full: the caller should try again later (HTTP 503 with Retry-After). */
export class ImportPoolBusy extends Error {
  constructor(
    /** Documents being read or waiting. */
    readonly inProgress: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`The server is busy reading documents (${inProgress} in progress or waiting); try again in ${retryAfterSeconds} seconds.`);
  }
}

interface Job {
  id: number;
  task: ImportTask;
  resolve: (answer: ImportAnswer | ItemImportAnswer) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

interface Thread {
  worker: Worker;
  /** The worker has loaded its modules and takes documents. */
  ready: boolean;
  job?: Job | undefined;
  deadline?: NodeJS.Timeout | undefined;
  idle?: NodeJS.Timeout | undefined;
}

// The worker runs as the pool does: compiled JavaScript next to this file (the build's one-file
// bundle of it when there is one: it starts a tenth of a second sooner), or, in tests and
// development, TypeScript through tsx, whose loader a worker registers for itself.
const compiled = !import.meta.url.endsWith('.ts');
const workerUrl = new URL(compiled ? (existsSync(new URL('./worker.cjs', import.meta.url)) ? './worker.cjs' : './worker.js') : './worker.ts', import.meta.url);
const workerEntry: [string | URL, { eval?: boolean }] = compiled
  ? [workerUrl, {}]
  : [`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true }];

export class ImportPool {
  readonly limits: ImportLimits;
  private readonly yieldToCaller: boolean;
  readonly threads: number;
  readonly maxQueue: number;
  private readonly idleTimeoutMs: number;
  /** Every live worker: starting, reading a document, or idle. */
  private readonly workers = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private memoryWatch: NodeJS.Timeout | undefined;

  constructor(options: ImportPoolOptions = {}) {
    this.limits = importLimits(options.limits);
    this.yieldToCaller = options.yieldToCaller ?? true;
    this.threads = Math.max(1, options.threads ?? availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? Math.max(8, 4 * this.threads);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** Documents being read and waiting for a worker. */
  get load(): { running: number; waiting: number } {
    let running = 0;
    for (const t of this.workers) if (t.job) running++;
    return { running, waiting: this.queue.length };
  }

  /** True when run() would refuse: a document for every worker, and the queue full. */
  get full(): boolean {
    const { running, waiting } = this.load;
    return running + waiting >= this.threads + this.maxQueue;
  }

  /** The refusal while the pool is full. */
  busy(): ImportPoolBusy {
    const { running, waiting } = this.load;
    return new ImportPoolBusy(running + waiting, 5);
  }

  /**
   * Reads and maps a document in a worker. Throws ImportError for a document that cannot be read or
   * passes a limit (time and memory included), ImportPoolBusy when the queue is full.
   */
  run(request: ImportRequest): Promise<ImportAnswer>;
  run(request: ItemImportRequest): Promise<ItemImportAnswer>;
  run(request: ImportRequest | ItemImportRequest): Promise<ImportAnswer | ItemImportAnswer> {
    if (this.closed) return Promise.reject(new Error('The import pool is closed.'));
    if (this.full) return Promise.reject(this.busy());
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    return new Promise<ImportAnswer | ItemImportAnswer>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        // Memory the worker owns: the caller's, or a copy, so that the caller's bytes stay theirs.
        task: {
          bytes: request.transfer ? request.bytes : new Uint8Array(request.bytes),
          fileName: request.fileName,
          mediaType: request.mediaType,
          template: request.template,
          limits: this.limits,
          withSource: request.withSource ?? false,
        },
        resolve,
        reject,
        signal: request.signal,
      };
      if (job.signal) {
        job.onAbort = () => this.cancel(job, job.signal!.reason);
        job.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /**
   * Starts a worker now, and has it load the reader a file of this name needs, so that both
   * happen while the caller does other work (the CLI: loading the template, reading the file).
   */
  warm(fileName: string): void {
    if (this.closed || this.workers.size >= this.threads) return;
    this.spawn().worker.postMessage({ preload: fileName } satisfies PreloadMessage);
  }

  /** Ends every worker; documents still waiting or being read are refused. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.memoryWatch);
    for (const job of this.queue.splice(0)) this.settle(job, new Error('The import pool was closed.'));
    const workers = [...this.workers];
    this.workers.clear();
    await Promise.all(
      workers.map((t) => {
        clearTimeout(t.deadline);
        clearTimeout(t.idle);
        if (t.job) this.settle(t.job, new Error('The import pool was closed.'));
        return this.end(t);
      }),
    );
  }

  /** Gives waiting documents to idle workers, and starts workers for the others while there is room. */
  private dispatch(): void {
    if (this.closed) return;
    let starting = 0;
    for (const t of this.workers) {
      if (!this.queue.length) return;
      if (t.ready && !t.job) this.start(t, this.queue.shift()!);
      else if (!t.ready) starting++;
    }
    for (let waiting = this.queue.length - starting; waiting > 0 && this.workers.size < this.threads; waiting--) this.spawn();
  }

  private spawn(): Thread {
    const worker = new Worker(workerEntry[0], {
      ...workerEntry[1],
      workerData: { yieldToCaller: this.yieldToCaller } satisfies WorkerSettings,
      // A backstop: the memory watch ends a worker first. Reaching V8's heap limit ends the worker
      // too, but not always cleanly: some allocations abort the whole process (nodejs/node#47224).
      resourceLimits: { maxOldGenerationSizeMb: 2 * this.limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
    });
    const thread: Thread = { worker, ready: false };
    this.workers.add(thread);
    worker.on('message', (message: OutcomeMessage | ReadyMessage) => ('ready' in message ? this.readied(thread) : this.finished(thread, message)));
    worker.on('error', (err) => this.failed(thread, err));
    worker.on('exit', () => this.failed(thread, new Error('The import worker stopped unexpectedly.')));
    return thread;
  }

  private readied(thread: Thread): void {
    thread.ready = true;
    this.rest(thread);
    this.dispatch();
  }

  /** Hands a document to a ready worker; its time limit runs from now. */
  private start(thread: Thread, job: Job): void {
    clearTimeout(thread.idle);
    thread.job = job;
    thread.worker.ref();
    thread.deadline = setTimeout(() => this.timedOut(thread), this.limits.timeoutMs);
    thread.worker.postMessage({ id: job.id, task: job.task } satisfies TaskMessage, [job.task.bytes.buffer as ArrayBuffer]);
    this.watchMemory();
  }

  private finished(thread: Thread, { id, outcome }: OutcomeMessage): void {
    const job = thread.job;
    if (!job || job.id !== id) return;
    clearTimeout(thread.deadline);
    thread.job = undefined;
    const [failure, answer] = answerOf(outcome);
    this.settle(job, failure, answer);
    this.rest(thread);
    this.dispatch();
    this.watchMemory();
  }

  /** A worker without a document does not keep the process alive, and ends after a while. */
  private rest(thread: Thread): void {
    thread.worker.unref();
    clearTimeout(thread.idle);
    thread.idle = setTimeout(() => this.discard(thread, undefined), this.idleTimeoutMs).unref();
  }

  private timedOut(thread: Thread): void {
    const ms = this.limits.timeoutMs;
    this.discard(
      thread,
      new ImportError(`The file was refused: reading it took more than ${describeLimit('timeoutMs', ms)}, the import limit. A questionnaire takes far less; the file may be damaged or hostile.`, 'timeout', {
        limit: limitNames.timeoutMs,
        max: ms,
      }),
    );
  }

  private failed(thread: Thread, err: Error): void {
    if (!thread.ready) {
      // A worker that cannot even start (a broken installation) would fail again: what waits is refused.
      const reason = new Error(`The import worker could not start: ${err.message}`);
      for (const job of this.queue.splice(0)) this.settle(job, reason);
    }
    this.discard(thread, (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.outOfMemory() : err);
  }

  private outOfMemory(): ImportError {
    const mb = this.limits.maxMemoryMb;
    return new ImportError(`The file was refused: reading it needed more than ${describeLimit('maxMemoryMb', mb)}, the import limit. A questionnaire needs far less.`, 'too-large', {
      limit: limitNames.maxMemoryMb,
      max: mb,
    });
  }

  /**
   * While documents are read, the process's memory is checked every 50 ms: past its size when the
   * first of them started plus the allowance of each, the workers reading are ended. This counts
   * what a worker's heap limit does not (buffers: a PDF's inflated streams) and ends a worker
   * before V8 must. Memory is the process's, not a worker's: every document being read then is refused.
   */
  private watchMemory(): void {
    const running = () => [...this.workers].filter((t) => t.job);
    if (!running().length) {
      clearInterval(this.memoryWatch);
      this.memoryWatch = undefined;
      return;
    }
    if (this.memoryWatch) return;
    const base = process.memoryUsage.rss();
    this.memoryWatch = setInterval(() => {
      const reading = running();
      if (process.memoryUsage.rss() - base > reading.length * this.limits.maxMemoryMb * 1024 * 1024) {
        // The next document starts a new watch, measured from the memory as it is then.
        clearInterval(this.memoryWatch);
        this.memoryWatch = undefined;
        for (const t of reading) this.discard(t, this.outOfMemory());
      }
    }, 50).unref();
  }

  private cancel(job: Job, reason: unknown): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, reason);
      return;
    }
    for (const t of this.workers) if (t.job === job) this.discard(t, reason);
  }

  /**
   * Ends a worker that is idle too long, or cannot go on (timed out, out of memory, crashed,
   * cancelled), and refuses its document; the next document starts a new worker.
   */
  private discard(thread: Thread, reason: unknown): void {
    if (!this.workers.delete(thread)) return;
    clearTimeout(thread.deadline);
    clearTimeout(thread.idle);
    const job = thread.job;
    thread.job = undefined;
    if (job) this.settle(job, reason ?? new Error('The import worker ended.'));
    void this.end(thread);
    this.dispatch();
    this.watchMemory();
  }

  private end(thread: Thread): Promise<number> {
    thread.worker.removeAllListeners('exit');
    thread.worker.removeAllListeners('message');
    // An error while ending (the worker already gone) changes nothing.
    thread.worker.removeAllListeners('error').on('error', () => {});
    return thread.worker.terminate();
  }

  private settle(job: Job, failure: unknown, answer?: ImportAnswer | ItemImportAnswer): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (answer) job.resolve(answer);
    else job.reject(failure);
  }
}

/** The worker's outcome as what run() resolves with ([undefined, answer]) or rejects with ([error]). */
function answerOf(outcome: ImportOutcome): [unknown, (ImportAnswer | ItemImportAnswer)?] {
  if (outcome.ok) return [undefined, { result: outcome.result, ...(outcome.source ? { source: outcome.source } : {}) } as ImportAnswer | ItemImportAnswer];
  if ('refused' in outcome) return [new ImportError(outcome.refused.message, outcome.refused.code, outcome.refused.details)];
  return [new Error(`Reading the document failed in the import worker: ${outcome.failed}`)];
}
