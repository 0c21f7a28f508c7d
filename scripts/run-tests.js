#!/usr/bin/env node
// Runs every *.test.ts below the given folders (default: src and test) with Node's own test
// runner. Node 20's `--test` neither expands globs nor finds .ts files, so we list them here.
// Files named *.solo.test.ts measure how the server behaves under load (e.g. /api/health while
// hostile imports run): they run after the others, one at a time, so that no other test file
// competes with them for the machine's cores. The last line sums up both runs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
for (const root of roots.length ? roots : ['src', 'test']) {
  if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) walk(root);
  else if (root.endsWith('.test.ts')) files.push(root);
}
files.sort();
if (files.length === 0) {
  console.error('run-tests: no *.test.ts files found under ' + (roots.join(', ') || 'src, test'));
  process.exit(1);
}

/** Runs node's test runner on `list`, passing its output through and counting its summary. */
function run(list, concurrency) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...flags, ...list], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const counts = { pass: 0, fail: 0, skipped: 0 };
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^# (pass|fail|skipped) (\d+)$/.exec(line);
        if (m) counts[m[1]] = Number(m[2]);
      }
    });
    child.on('close', (code) => resolve({ code: code ?? 1, counts }));
  });
}

const together = files.filter((f) => !f.endsWith('.solo.test.ts'));
const solo = files.filter((f) => f.endsWith('.solo.test.ts'));
const runs = [];
if (together.length) runs.push(await run(together, 2));
if (solo.length) runs.push(await run(solo, 1));
const sum = (k) => runs.reduce((n, r) => n + r.counts[k], 0);
if (runs.length > 1) console.log(`${sum('pass')} passed, ${sum('fail')} failed, ${sum('skipped')} skipped`);
process.exit(runs.every((r) => r.code === 0) ? 0 : 1);
