// One writer per embedded store. PGlite runs a whole PostgreSQL inside the process that opens a
// folder, with its own buffers: two processes on one folder each believe they own it, and what one
// of them saved is lost. So the process that opens a folder holds a lock file beside it (JSON:
// who holds it, since when, and where it serves the data), and any other process is refused at
// once with that holder named. A lock whose process has died is taken over.
//
// The lock file, not a PostgreSQL lock: PGlite has no postmaster to ask. It also tells a refused
// command where the data is being served, so a later version could send the command there.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';

export interface LockHolder {
  pid: number;
  /** The command line, with secrets (passwords) masked. */
  command: string;
  /** ISO 8601. */
  startedAt: string;
  host: string;
  /** Where the holder serves the data (`gcm-review serve`), once it listens. */
  url?: string;
}

/** Refused: another process (or this one) holds the store. The message says who and what to do. */
export class StoreLocked extends Error {
  constructor(
    readonly folder: string,
    readonly lockFile: string,
    /** Undefined when the lock file cannot be read. */
    readonly holder: LockHolder | undefined,
  ) {
    super(lockedMessage(folder, lockFile, holder));
    this.name = 'StoreLocked';
  }
}

export interface StoreLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Records where this process serves the data, for the message other processes get. */
  announce(details: { url: string }): void;
  /** Removes the lock file (if it is still ours). Safe to call more than once. */
  release(): void;
}

/** Locks held by this process, by lock file: a second open of the same folder in one process is refused too. */
const held = new Map<string, StoreLock>();

/** The lock file of an embedded store folder: beside it, e.g. data/pglite.lock for data/pglite. */
export function lockFileOf(folder: string): string {
  return `${resolve(folder)}.lock`;
}

/** Who holds `folder`, if anyone holds it (a holder whose process has died is still returned). */
export function readStoreLock(folder: string): LockHolder | undefined {
  const found = readLock(lockFileOf(folder));
  return found?.holder;
}

/** Takes the lock of `folder` for this process, or throws StoreLocked naming the holder. */
export function acquireStoreLock(folder: string): StoreLock {
  const file = lockFileOf(folder);
  const mine = held.get(file);
  if (mine) throw new StoreLocked(resolve(folder), file, mine.holder);
  const holder: LockHolder = { pid: process.pid, command: describeCommand(process.argv), startedAt: new Date().toISOString(), host: hostname() };
  mkdirSync(dirname(file), { recursive: true });
  // A few rounds: a lock released or taken over by another process between two steps is looked at again.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(file, JSON.stringify(holder))) return remember(file, holder);
    const found = readLock(file);
    if (!found) continue; // released meanwhile
    if (!found.holder || isAlive(found.holder, file)) throw new StoreLocked(resolve(folder), file, found.holder);
    // Its process is gone. Move the file aside (only one process can move it), check that what was
    // moved is the stale lock and not one another process has just taken, and try again.
    const aside = `${file}.${process.pid}.stale`;
    try {
      renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== found.text && !createExclusive(file, moved)) {
      // What was moved was another process's new lock, and a third has taken the lock meanwhile. That
      // needs three processes within microseconds on the lock of a dead one; this one gives up.
      rmSync(aside, { force: true });
      throw new StoreLocked(resolve(folder), file, parseHolder(moved));
    }
    rmSync(aside, { force: true });
  }
  throw new StoreLocked(resolve(folder), file, readLock(file)?.holder);
}

function remember(file: string, holder: LockHolder): StoreLock {
  let text = JSON.stringify(holder);
  let released = false;
  const lock: StoreLock = {
    file,
    holder,
    announce(details) {
      if (released) return;
      Object.assign(holder, details);
      text = JSON.stringify(holder);
      // Write aside and rename over: a reader sees the old or the new content, never half of it.
      const next = `${file}.${process.pid}.next`;
      writeFileSync(next, text);
      renameSync(next, file);
    },
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      if (readLock(file)?.text === text) rmSync(file, { force: true });
    },
  };
  held.set(file, lock);
  releaseOnExit();
  return lock;
}

/** Creates `file` holding `text` if it does not exist; false if it does. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(file: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return { text, holder: parseHolder(text) };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.command === 'string' && typeof value.startedAt === 'string' && typeof value.host === 'string') {
      return value as LockHolder;
    }
  } catch {
    // an empty or half-written file: another process is creating it right now, or crashed doing so
  }
  return undefined;
}

/**
 * Whether the holder may still run. Only a process on this machine can be checked: one on another
 * host (a data folder shared over the network) counts as alive. A lock with this process's own PID
 * that this process does not hold was left by an earlier process with the same PID (PID 1 in a container).
 */
function isAlive(holder: LockHolder, file: string): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, run by another user
  }
}

function lockedMessage(folder: string, file: string, holder: LockHolder | undefined): string {
  const rule =
    'Only one process at a time can use an embedded database. To use the data from several processes at once, ' +
    'move it to a PostgreSQL server and point every one of them at it with DATABASE_URL (or --database-url).';
  if (!holder) return `The embedded database ${folder} is being opened by another process (its lock file ${file} is incomplete). ${rule} If no other process uses it, delete ${file}.`;
  const who = `PID ${holder.pid} (\`${holder.command}\`, started ${holder.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})`;
  if (holder.pid === process.pid && holder.host === hostname()) {
    return `The embedded database ${folder} is already open in this process, ${who}: close it before opening it again.`;
  }
  if (holder.host !== hostname()) {
    return `The embedded database ${folder} is in use by ${who} on host ${holder.host}. ${rule} This machine cannot tell whether that process still runs: if it does not, delete ${file}.`;
  }
  const serving = holder.url ? `, which serves it at ${holder.url}: use the web app or the API there, or stop that process first` : ': stop that process first';
  return `The embedded database ${folder} is in use by another process, ${who}${serving} (Ctrl+C where it runs, or \`kill ${holder.pid}\`). ${rule}`;
}

/** The command line to show other processes: `gcm-review serve --demo`, never a password. */
export function describeCommand(argv: readonly string[]): string {
  const [, script, ...args] = argv;
  const name = !script ? 'node' : /(gcm-review(\.js)?|cli[/\\]main\.[jt]s)$/.test(script) ? 'gcm-review' : basename(script);
  const shown: string[] = [];
  let maskNext = false;
  for (const arg of args) {
    if (maskNext) {
      shown.push('***');
      maskNext = false;
    } else if (/^--[\w-]*(password|secret|token|url)[\w-]*=/i.test(arg)) shown.push(`${arg.slice(0, arg.indexOf('=') + 1)}***`);
    else {
      maskNext = /^--[\w-]*(password|secret|token|url)[\w-]*$/i.test(arg);
      shown.push(arg);
    }
  }
  return [name, ...shown].join(' ');
}

let exitHooks = false;

/**
 * Locks go with the process: on exit, and on a signal nobody else handles (`serve` handles its
 * own, closing the database, which releases the lock). A lock left by a killed process is stale
 * and taken over, so this is tidiness, not safety.
 */
function releaseOnExit(): void {
  if (exitHooks) return;
  exitHooks = true;
  const releaseAll = () => {
    for (const lock of [...held.values()]) lock.release();
  };
  process.on('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // as if nobody had listened: the default action ends the process
    };
    process.on(signal, onSignal);
  }
}
