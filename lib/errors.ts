/** One way to fail a route: an AppError becomes a JSON Response with a stable shape. */
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

  toResponse(): Response {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (this.retryAfter !== undefined) headers["Retry-After"] = String(this.retryAfter);
    return Response.json(
      { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } },
      { status: this.status, headers },
    );
  }
}

export function invalidRequest(fields: FieldError[]): AppError {
  const summary = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ");
  return new AppError(400, "invalid_request", `Invalid request: ${summary}`, fields);
}
