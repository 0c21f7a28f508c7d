#!/usr/bin/env node
// The package's command line. It runs the compiled JavaScript in dist/node, which `npm run build`
// makes (and `npm ci` runs the build). No TypeScript compiler is loaded: compiling at every start
// cost seconds. A missing or stale build is refused with what to do, never run from the sources.
// Staleness is looked for in a git checkout only, where the sources are edited: an installed
// package's build and sources come together, and walking src/ at every start would cost for nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist/node/.built');

/** Why the compiled code cannot be run, or undefined when it is there and (in a git checkout) newer than every source. */
function buildProblem() {
  const built = statSync(stamp, { throwIfNoEntry: false });
  if (!built) return `the compiled code (dist/node) is missing. Run \`npm run build\` in ${root} first.`;
  if (!existsSync(join(root, '.git'))) return undefined;
  const changed = newerSource(join(root, 'src'), built.mtimeMs, true);
  return changed && `the compiled code (dist/node) is older than the sources (${relative(root, changed)} changed since). Run \`npm run build\` in ${root} first.`;
}

/** The first file compiled into dist/node (src/, without src/web and the tests) changed after `since`. */
function newerSource(dir, since, top = false) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined; // an install without the sources: nothing to compare with
  }
  for (const entry of entries) {
    const path = `${dir}${sep}${entry.name}`;
    if (entry.isDirectory()) {
      const found = top && entry.name === 'web' ? undefined : newerSource(path, since);
      if (found) return found;
    } else if (!entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > since) return path;
  }
  return undefined;
}

const problem = buildProblem();
if (problem) {
  process.stderr.write(`gcm-review: ${problem}\n`);
  process.exit(1);
}
await import('../dist/node/cli/main.js');
