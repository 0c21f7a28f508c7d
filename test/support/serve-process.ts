// Runs `gcm-review serve` as a process of its own, from the sources (as cli-process.ts runs the
// other commands), on a free port; for tests where two processes meet, e.g. on one data folder.
//
//   const server = await startServeProcess(['--demo', '--data-dir', dataDir]);
//   await fetch(`${server.url}/api/health`);
//   await server.stop();
import { spawn } from 'node:child_process';
import { packagePath, packageRoot } from '../../src/package-root.ts';
import { fromSources } from './cli-process.ts';

export interface ServeProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** As the server prints it, e.g. http://localhost:41234 */
  shownUrl: string;
  pid: number;
  /** What it has written to stderr so far. */
  stderr(): string;
  /** SIGTERM (or `signal`), then its exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `gcm-review serve --port 0 ...args` and resolves once it says where it listens (it has
 * opened its database by then): from the sources, or as installed (`compiled`: bin/gcm-review.js
 * running the bundle in dist/node).
 */
export async function startServeProcess(args: string[], timeoutMs = 120_000, options: { compiled?: boolean } = {}): Promise<ServeProcess> {
  const command = ['serve', '--port', '0', ...args];
  const child = spawn(process.execPath, options.compiled ? [packagePath('bin/gcm-review.js'), ...command] : fromSources(...command), {
    cwd: packageRoot,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const shownUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const found = /GCM Review is running at (http:\/\/\S+) /.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  return {
    url: shownUrl.replace('//localhost:', '//127.0.0.1:'),
    shownUrl,
    pid: child.pid!,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
