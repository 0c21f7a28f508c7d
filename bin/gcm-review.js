#!/usr/bin/env node
// The package's command line. It runs the compiled JavaScript in dist/node, which `npm run build`
// makes (and `npm ci` runs the build). No TypeScript compiler is loaded: compiling at every start
// cost seconds. A missing or stale build is refused with what to do, never run from the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist/node/.built');

/** Why the compiled code cannot be run, or undefined when it is there and newer than every source. */
function buildProblem() {
  const built = statSync(stamp, { throwIfNoEntry: false });
  if (!built) return `the compiled code (dist/node) is missing. Run \`npm run build\` in ${root} first.`;
  const src = join(root, 'src');
  if (!existsSync(src)) return undefined; // an install without the sources: nothing to compare with
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || path.startsWith(join(src, 'web') + sep) || path.endsWith('.test.ts')) continue;
    if (statSync(path).mtimeMs > built.mtimeMs) {
      return `the compiled code (dist/node) is older than the sources (${relative(root, path)} changed since). Run \`npm run build\` in ${root} first.`;
    }
  }
  return undefined;
}

const problem = buildProblem();
if (problem) {
  process.stderr.write(`gcm-review: ${problem}\n`);
  process.exit(1);
}
await import('../dist/node/cli/main.js');
