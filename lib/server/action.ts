import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentUser } from "./auth/current-user";
import type { TSessionUser } from "./auth/session-user";
import { assertCan, logAccessDenied } from "./authz/assert-can";
import type { TAction } from "./authz/permissions";
import { DomainError, fieldErrorsFromZod, toErrorBody, unauthenticated, type TErrorBody } from "./errors";

// The one wrapper every exported server action goes through (a unit test walks the
// "use server" files to prove it): validate the input with the same zod schema the form
// uses → load the user from the session (never from the input) → check the permission →
// run the command → return a typed result. Only DomainErrors reach the user as written.

export type TActionResult<T> = { ok: true; data: T } | { ok: false; error: TErrorBody };

type TCtx = { user: TSessionUser };

export function defineAction<S extends z.ZodType, R>(
  options: { name: string; input: S; permission: TAction },
  handler: (input: z.output<S>, ctx: TCtx) => Promise<R>,
): (input: z.input<S> | FormData) => Promise<TActionResult<R>> {
  return async (raw) => {
    let user: TSessionUser | null = null;
    try {
      user = await currentUser();
      if (!user) throw unauthenticated("Your session has ended. Sign in again.");
      assertCan(user, options.permission);
      const input = parseInput(options.input, raw);
      return { ok: true, data: await handler(input, { user }) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof DomainError && error.code === "FORBIDDEN" && !error.accessDenialLogged) await logAccessDenied(user, `action:${options.name}`, error);
      return { ok: false, error: toErrorBody(error).body };
    }
  };
}

/** For the few actions a signed-out visitor may call (sign-in). Still validated. */
export function definePublicAction<S extends z.ZodType, R>(
  options: { name: string; input: S },
  handler: (input: z.output<S>) => Promise<R>,
): (input: z.input<S> | FormData) => Promise<TActionResult<R>> {
  return async (raw) => {
    try {
      return { ok: true, data: await handler(parseInput(options.input, raw)) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, error: toErrorBody(error).body };
    }
  };
}

function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = raw instanceof FormData ? formDataToObject(raw) : raw;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DomainError("VALIDATION_FAILED", "Some fields need attention.", fieldErrorsFromZod(parsed.error.issues));
  }
  return parsed.data;
}

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
