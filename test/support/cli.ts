// Runs `gcm-review` commands in-process and captures what they print. Only writes made on behalf
// of the command are taken: the test runner reports on the same stdout meanwhile, and its lines
// must go through (swapping process.stdout.write outright would swallow them).
import { AsyncLocalStorage } from 'node:async_hooks';
import { Command } from 'commander';

const capture = new AsyncLocalStorage<{ out: string }>();
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  const store = capture.getStore();
  if (!store) return write(chunk, ...rest);
  store.out += String(chunk);
  return true;
}) as typeof process.stdout.write;

/** Registers the given commands on a fresh program, runs `gcm-review ...args`, returns stdout. */
export async function runCommand(register: ((program: Command) => void)[], ...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  for (const r of register) r(program);
  const store = { out: '' };
  await capture.run(store, () => program.parseAsync(['node', 'gcm-review', ...args]));
  return store.out;
}
