import "server-only";

// Expected failures are typed domain errors: their message is written for the user and
// reaches them as is. Anything else is logged and shown as a generic error.
export type TErrorCode =
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "THROTTLED"
  | "INVALID_STATE";

export type TFieldErrors = Record<string, string[]>;

const STATUS: Record<TErrorCode, number> = {
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  THROTTLED: 429,
  INVALID_STATE: 409,
};

export class DomainError extends Error {
  readonly code: TErrorCode;
  readonly fields?: TFieldErrors;
  /** Set by a command that already logged this refusal with its own subject, so the wrappers do not log it twice. */
  accessDenialLogged = false;
  constructor(code: TErrorCode, message: string, fields?: TFieldErrors) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fields = fields;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const validationError = (message: string, fields?: TFieldErrors) => new DomainError("VALIDATION_FAILED", message, fields);
export const unauthenticated = (message = "Sign in to continue.") => new DomainError("UNAUTHENTICATED", message);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string) => new DomainError("CONFLICT", message);
export const invalidState = (message: string) => new DomainError("INVALID_STATE", message);

export type TErrorBody = { code: TErrorCode | "INTERNAL"; message: string; fields?: TFieldErrors };

export function toErrorBody(error: unknown): { status: number; body: TErrorBody } {
  if (error instanceof DomainError) {
    return { status: error.status, body: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
  }
  console.error("[arbiter] unexpected error", error);
  return { status: 500, body: { code: "INTERNAL", message: "Something went wrong on our side. The error was logged; please try again." } };
}

/** zod issues → { "a.b": ["message"] } so forms can show each error beside its field. */
export function fieldErrorsFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): TFieldErrors {
  const fields: TFieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
