/**
 * Domain errors. Services throw these; one exception filter (common/http-exception.filter.ts)
 * turns them into JSON responses. No Nest imports, so the quant core and providers may use them.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Extra JSON-safe fields merged into the response body. */
  details?: unknown;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An error about named request fields: the message lists them, `details` carries them. */
abstract class FieldsError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.details = problems;
  }
  /** One field's problem, as an instance of the subclass it is called on. */
  static field<T>(this: new (problems: FieldProblem[]) => T, field: string, message: string): T {
    return new this([{ field, message }]);
  }
}

/** 400: one or more request fields are wrong. */
export class ValidationFailedError extends FieldsError {
  readonly status = 400;
  readonly code = 'validation_failed';
}

/**
 * 422: every field fits the published schema, but together they cannot be served: fields that
 * contradict each other (a long plan's stop above its entry, `from` after `to`), or a value the schema
 * cannot rule out (the 30th of February, a cursor that is not a page of this query). 400 stays for
 * input the schema itself refuses, so a client generated from the document knows which is which.
 */
export class UnprocessableError extends FieldsError {
  readonly status = 422;
  readonly code = 'unprocessable_request';
}

/** 404: the thing does not exist for this caller (also used for other users' ideas). */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}

/**
 * 502/503: every provider able to answer failed and no cached value was usable.
 * 503 when the cause is unavailability (circuit open, timeout, rate limit), 502 when an upstream
 * answered badly (5xx, malformed body).
 */
export class UpstreamError extends AppError {
  readonly code: string;
  constructor(
    message: string,
    readonly status: 502 | 503,
    code = status === 503 ? 'upstream_unavailable' : 'upstream_bad_response',
    readonly attempts: Array<{ provider: string; error: string }> = [],
  ) {
    super(message);
    this.code = code;
    this.details = attempts.length ? { attempts } : undefined;
  }
}

/** 409: the request conflicts with the current state (e.g. adopting a scenario of another symbol). */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
}
