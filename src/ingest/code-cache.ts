// Loading the import worker's bundled CommonJS files with V8's code cache. A worker thread
// compiles its code from scratch every time (no start-up snapshot, and Node 20 has no compile
// cache for modules): for a PDF that was about 0.4 s of compiling pdfjs and the importer before
// the first page was read, on every `gcm-review import`. Here a file is compiled with the code V8
// kept from an earlier run, and the code of a first run is kept for the next one, beside the file:
//   FILE.<hash of its text>.v8-cache
// The hash of the file's text names the cache, so a rebuilt file never meets the code of an old
// one (V8 itself checks its version and flags, and refuses a cache that does not fit; then the file
// is compiled as usual and the cache written again). The build computes the hashes (the worker is
// given them: loading node:crypto costs a worker thread tens of milliseconds); without one, the
// file's hash is computed here. Where the folder cannot be written (a read-only install) nothing
// is kept and nothing fails.
import type { Hash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { constants, Script } from 'node:vm';

/** Caches to write once the code has run (so that they hold the functions it compiled on the way). */
const unsaved: { file: string; script: Script }[] = [];

/** The name of a file's cache: the first 16 hex digits of the SHA-256 of its bytes (scripts/build-node.js computes the same). */
export function codeHash(bytes: Uint8Array): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as { createHash: (algorithm: string) => Hash };
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** `require(file)` for a CommonJS file, compiled with its code cache when there is one; `hash`: codeHash of the file, when known. */
export function requireWithCodeCache(file: string, hash?: string): unknown {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const cacheFile = `${file}.${hash ?? codeHash(bytes)}.v8-cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) unsaved.push({ file: cacheFile, script });
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/** Writes the caches of the files loaded without one (a first run). Call it once some work has run. */
export function saveCodeCaches(): void {
  for (const { file, script } of unsaved.splice(0)) {
    const partial = `${file}.${process.pid}-${threadId}.tmp`;
    try {
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file); // whole or not at all, whoever else writes it at the same time
    } catch {
      rmSync(partial, { force: true });
    }
  }
}
