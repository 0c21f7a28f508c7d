// Runs `gcm-review` as a process of its own. `runCli` runs the sources through tsx, as the tests
// run them, so a test sees the code as it is now, built or not; bin/gcm-review.js runs the compiled
// copy in dist/node (test/integration/bin.test.ts covers it). `modulesLoaded` tells what a run loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagePath, packageRoot } from '../../src/package-root.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  /** Working folder (default: the package root). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The arguments to give node to run `gcm-review ...args` from the sources. */
export const fromSources = (...args: string[]) => ['--import', import.meta.resolve('tsx'), packagePath('src/cli/main.ts'), ...args];

/** Runs `node ...nodeArgs` as an operator would (logs silent). */
export function runNode(nodeArgs: string[], options: ProcessOptions = {}): CliRun {
  const r = spawnSync(process.execPath, nodeArgs, { cwd: options.cwd ?? packageRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `gcm-review ...args`, run from src/cli/main.ts. */
export function runCli(args: string[], options: ProcessOptions = {}): CliRun {
  return runNode(fromSources(...args), options);
}

/** Runs `node ...nodeArgs` and lists every module it loaded (paths relative to the package root), through scripts/record-modules.js. */
export function modulesLoaded(nodeArgs: string[], options: ProcessOptions = {}): { run: CliRun; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gcm-modules-'));
  try {
    const list = join(dir, 'loaded.txt');
    const run = runNode(['--import', packagePath('scripts/record-modules.js'), ...nodeArgs], { ...options, env: { ...options.env, RECORD_MODULES: list } });
    const modules = [...new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean))].map((url) => fileURLToPath(url).slice(packageRoot.length + 1));
    return { run, modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The packages in a list of loaded modules ("fastify", "@electric-sql/pglite"), each once. */
export function packagesIn(modules: string[]): string[] {
  const names = modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}
