// One vocabulary of expected failures. Services throw these; the HTTP layer turns them into
// RFC 9457 problem responses and the CLI into one-line messages.

export interface FieldProblem {
  /** Where the problem is, e.g. "clusters[0].questions[2].prompt" or "deadline". */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FieldProblem[] = [],
    /** Facts a program may act on, e.g. the version a conflicting save made (problem extension members in HTTP). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class InvalidInput extends AppError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super(400, 'invalid-input', problems.length ? `${message}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` : message, problems);
  }
}
export class Unauthenticated extends AppError {
  constructor(message = 'Please sign in.') {
    super(401, 'unauthenticated', message);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super(403, 'forbidden', message);
  }
}
export class NotFound extends AppError {
  constructor(what: string) {
    super(404, 'not-found', `${what} was not found.`);
  }
}
export class Conflict extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'conflict', message, [], details);
  }
}
