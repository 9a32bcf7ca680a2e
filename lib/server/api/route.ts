import "server-only";
import type { z } from "zod";
import { userForApiKey } from "../api-keys";
import type { TSessionUser } from "../auth/session-user";
import { assertCan, logAccessDenied } from "../authz/assert-can";
import { DomainError, fieldErrorsFromZod, toErrorBody, unauthenticated, validationError } from "../errors";
import { assertValidKey, claimIdempotencyKey, releaseIdempotencyKey, requestHash, runWithIdempotencyClaim, storeIdempotentResponse } from "./idempotency";
import { json } from "./json";
import type { TApiSpec } from "./spec";

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

type THandlerArgs<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  user: TSessionUser;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  request: Request;
};

/** JSON by default; `response` for other formats (CSV exports), sent as is and never stored for idempotency replay. */
export type TApiResult = { status?: number; body: unknown } | { response: Response };

/**
 * Turns a spec and a handler into a Next route handler: authenticate the bearer key →
 * check the permission → validate params, query and body → Idempotency-Key → handler.
 * Every error leaves as {error: {code, message, fields?}}.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: TApiSpec<P, Q, B>,
  handler: (args: THandlerArgs<P, Q, B>) => Promise<TApiResult>,
) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    let user: TSessionUser | null = null;
    let claimed: { key: string } | null = null;
    try {
      user = await authenticate(request);
      assertCan(user, spec.permission);
      const params = parsePart(spec.params, await context.params, "path parameters");
      const query = parsePart(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const rawBody = spec.body ? await request.text() : "";
      const body = spec.body ? parsePart(spec.body, parseJsonBody(rawBody), "body") : undefined;

      const idempotencyKey = request.headers.get("idempotency-key");
      if (idempotencyKey && (spec.idempotent ?? spec.method === "POST")) {
        assertValidKey(idempotencyKey);
        const replay = await claimIdempotencyKey(user.id, idempotencyKey, requestHash(spec.method, new URL(request.url).pathname, rawBody));
        if (replay) return json(replay.body, { status: replay.status, headers: { "idempotent-replayed": "true" } });
        claimed = { key: idempotencyKey };
      }
      const args = { user, params, query, body: body as z.output<B>, request };
      const result = await runWithIdempotencyClaim(claimed ? { userId: user.id, key: claimed.key } : null, () => handler(args));
      if ("response" in result) {
        if (claimed) await releaseIdempotencyKey(user.id, claimed.key);
        return result.response;
      }
      const status = result.status ?? 200;
      if (claimed) await storeIdempotentResponse(user.id, claimed.key, { status, body: result.body });
      return json(result.body, { status });
    } catch (error) {
      const { status, body } = toErrorBody(error);
      if (claimed && user) {
        // Deterministic refusals are part of the key's history; unexpected failures free it for a retry.
        if (error instanceof DomainError) await storeIdempotentResponse(user.id, claimed.key, { status, body: { error: body } });
        else await releaseIdempotencyKey(user.id, claimed.key);
      }
      if (error instanceof DomainError && error.code === "FORBIDDEN" && !error.accessDenialLogged) await logAccessDenied(user, `api:${spec.operationId}`, error);
      return json({ error: body }, { status, headers: status === 401 ? { "www-authenticate": 'Bearer realm="arbiter"' } : {} });
    }
  };
}

async function authenticate(request: Request): Promise<TSessionUser> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated("Send an API key as 'Authorization: Bearer <key>'.");
  const user = await userForApiKey(match[1]!);
  if (!user) throw unauthenticated("This API key is not valid, was revoked, or its user is inactive.");
  return user;
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === "") throw validationError("The request body is empty; send a JSON object.");
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError("The request body is not valid JSON.");
  }
}

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return value as z.output<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(`The ${where} did not pass validation.`, fieldErrorsFromZod(parsed.error.issues));
  return parsed.data;
}
