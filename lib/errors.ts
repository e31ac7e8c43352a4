/**
 * One way to fail a request: an AppError carries the status, a stable code, a readable message and
 * the fields at fault; lib/server/http/error-response.ts answers it in the client's dialect.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** Next bundles instrumentation, proxy and routes separately, so this module can load more than once. */
const APP_ERROR = Symbol.for("mixtral-playground.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  /** `instanceof` holds for an AppError from any copy of this module. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export function invalidRequest(fields: FieldError[]): AppError {
  const summary = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ");
  return new AppError(400, "invalid_request", `Invalid request: ${summary}`, fields);
}
