// Shared helpers for command output: one error type, JSON printing.

/** An expected failure: printed as one clear line, exit code 1 (or as given), no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
