// A pool of worker threads that read and map documents (worker.ts), so that the server's event
// loop and the CLI's progress stay free whatever a document holds. Each document gets a wall-time
// limit (counted from when a worker takes it) and each worker a heap limit; a worker that passes
// either, crashes or is cancelled is ended and a new one starts for the next document. Documents
// wait in a bounded queue: past it, run() refuses at once (ImportPoolBusy) rather than pile up.
//
// node:worker_threads directly rather than piscina: the pool needs the time limit to start when a
// worker takes the document (not when it is queued), the memory and crash errors told apart, idle
// workers that never keep the CLI alive, and nothing more; that is about 150 lines, and loads no
// package (piscina costs 0.1 s to load, which a one-file CLI import would pay).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Template } from '../domain/template.ts';
import { describeLimit, importLimits, limitNames, type ImportLimits } from './limits.ts';
import { ImportError } from './source.ts';
import type { ImportResult } from './types.ts';
import type { ImportOutcome, ImportSource, ImportTask, OutcomeMessage, TaskMessage } from './worker.ts';

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
}

export interface ImportRequest {
  bytes: Uint8Array;
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

/** The queue is full: the caller should try again later (HTTP 503 with Retry-After). */
export class ImportPoolBusy extends Error {
  constructor(
    readonly waiting: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`The server is already reading ${waiting} documents; try again in ${retryAfterSeconds} seconds.`);
  }
}

interface Job {
  id: number;
  task: ImportTask;
  resolve: (answer: ImportAnswer) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

interface Thread {
  worker: Worker;
  job?: Job | undefined;
  deadline?: NodeJS.Timeout | undefined;
  idle?: NodeJS.Timeout | undefined;
}

// The worker runs as the pool does: compiled JavaScript next to this file, or, in tests and
// development, TypeScript through tsx, whose loader a worker registers for itself.
const compiled = !import.meta.url.endsWith('.ts');
const workerUrl = new URL(compiled ? './worker.js' : './worker.ts', import.meta.url);
const workerEntry: [string | URL, { eval?: boolean }] = compiled
  ? [workerUrl, {}]
  : [`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true }];

export class ImportPool {
  readonly limits: ImportLimits;
  readonly threads: number;
  readonly maxQueue: number;
  private readonly idleTimeoutMs: number;
  private readonly running = new Set<Thread>();
  private readonly idle: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ImportPoolOptions = {}) {
    this.limits = importLimits(options.limits);
    this.threads = Math.max(1, options.threads ?? availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? Math.max(8, 4 * this.threads);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** True when run() would refuse: every worker busy and the queue full. */
  get full(): boolean {
    return this.running.size >= this.threads && this.queue.length >= this.maxQueue;
  }

  /** Documents being read and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.running.size, waiting: this.queue.length };
  }

  /**
   * Reads and maps a document in a worker. Throws ImportError for a document that cannot be read or
   * passes a limit (time and memory included), ImportPoolBusy when the queue is full.
   */
  run(request: ImportRequest): Promise<ImportAnswer> {
    if (this.closed) return Promise.reject(new Error('The import pool is closed.'));
    if (this.full) return Promise.reject(new ImportPoolBusy(this.queue.length, 5));
    request.signal?.throwIfAborted();
    return new Promise<ImportAnswer>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        // A copy the worker owns: handed over without copying again, and the caller's bytes stay theirs.
        task: {
          bytes: new Uint8Array(request.bytes), // (a Buffer's slice() would share its memory)
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

  /** Ends every worker; documents still waiting or being read are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new Error('The import pool was closed.'));
    const threads = [...this.running, ...this.idle.splice(0)];
    this.running.clear();
    await Promise.all(
      threads.map((t) => {
        if (t.job) this.settle(t.job, new Error('The import pool was closed.'));
        return this.end(t);
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread = this.idle.pop() ?? (this.running.size < this.threads ? this.spawn() : undefined);
      if (!thread) return;
      this.start(thread, this.queue.shift()!);
    }
  }

  private spawn(): Thread {
    const worker = new Worker(workerEntry[0], {
      ...workerEntry[1],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
    });
    const thread: Thread = { worker };
    worker.on('message', (message: OutcomeMessage) => this.finished(thread, message));
    worker.on('error', (err) => this.failed(thread, err));
    worker.on('exit', () => this.failed(thread, new Error('The import worker stopped unexpectedly.')));
    return thread;
  }

  private start(thread: Thread, job: Job): void {
    clearTimeout(thread.idle);
    thread.job = job;
    this.running.add(thread);
    thread.worker.ref();
    thread.deadline = setTimeout(() => this.timedOut(thread), this.limits.timeoutMs);
    thread.worker.postMessage({ id: job.id, task: job.task } satisfies TaskMessage, [job.task.bytes.buffer as ArrayBuffer]);
  }

  private finished(thread: Thread, { id, outcome }: OutcomeMessage): void {
    const job = thread.job;
    if (!job || job.id !== id) return;
    clearTimeout(thread.deadline);
    thread.job = undefined;
    this.running.delete(thread);
    const [failure, result] = answerOf(outcome);
    this.settle(job, failure, result);
    if (this.closed) return void this.end(thread);
    // Idle workers do not keep the process alive, and end after a while.
    thread.worker.unref();
    thread.idle = setTimeout(() => {
      const i = this.idle.indexOf(thread);
      if (i >= 0) this.idle.splice(i, 1);
      void this.end(thread);
    }, this.idleTimeoutMs).unref();
    this.idle.push(thread);
    this.dispatch();
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
    if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const mb = this.limits.maxMemoryMb;
      err = new ImportError(`The file was refused: reading it needed more than ${describeLimit('maxMemoryMb', mb)}, the import limit. A questionnaire needs far less.`, 'too-large', {
        limit: limitNames.maxMemoryMb,
        max: mb,
      });
    }
    this.discard(thread, err);
  }

  private cancel(job: Job, reason: unknown): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, reason);
      return;
    }
    const thread = [...this.running].find((t) => t.job === job);
    if (thread) this.discard(thread, reason);
  }

  /** Ends a worker that cannot go on (timed out, out of memory, crashed, cancelled) and refuses its document. */
  private discard(thread: Thread, reason: unknown): void {
    clearTimeout(thread.deadline);
    clearTimeout(thread.idle);
    const i = this.idle.indexOf(thread);
    if (i >= 0) this.idle.splice(i, 1);
    const wasKnown = this.running.delete(thread) || i >= 0;
    const job = thread.job;
    thread.job = undefined;
    if (job) this.settle(job, reason);
    if (wasKnown) void this.end(thread);
    this.dispatch();
  }

  private end(thread: Thread): Promise<number> {
    thread.worker.removeAllListeners('exit');
    thread.worker.removeAllListeners('message');
    // An error while ending (the worker already gone) changes nothing.
    thread.worker.removeAllListeners('error').on('error', () => {});
    return thread.worker.terminate();
  }

  private settle(job: Job, failure: unknown, answer?: ImportAnswer): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (answer) job.resolve(answer);
    else job.reject(failure);
  }
}

/** The worker's outcome as what run() resolves with ([undefined, answer]) or rejects with ([error]). */
function answerOf(outcome: ImportOutcome): [unknown, ImportAnswer?] {
  if (outcome.ok) return [undefined, { result: outcome.result, ...(outcome.source ? { source: outcome.source } : {}) }];
  if ('refused' in outcome) return [new ImportError(outcome.refused.message, outcome.refused.code, outcome.refused.details)];
  return [new Error(`Reading the document failed in the import worker: ${outcome.failed}`)];
}
