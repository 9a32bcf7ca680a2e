import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { pgRows } from "../pg-transaction";
import { DomainError } from "../errors";

// Idempotency-Key on writes: the first request claims the key with a pending row; a replay
// with the same body gets the stored response, a replay with another body is refused, and
// a replay while the first is still running is told to retry.
//
// The response is stored after the handler's transaction commits, so that store can fail after
// data changed (the database gone for a moment). The key must not then be freed for a retry that
// would apply the request twice: every transaction that writes the decision log while a key is
// claimed also marks the key APPLIED, in that transaction (decision-log.ts reads the claim from
// `idempotencyClaimInScope`). An APPLIED key is never released, and a replay of it is told
// what happened instead of running again.
//
// A key still PENDING long after its claim belongs to a request that died (its process
// crashed or was killed) before any of its transactions committed: a retry takes the key over
// and runs the request, rather than being told "still being processed" forever.
const PENDING_STATUS = 0;
export const APPLIED_STATUS = 1;
/** Longer than any request runs: a transaction may run 60 s, and a batch request runs one per chunk. */
const LONGEST_REQUEST_MS = 5 * 60_000;

export type TIdempotencyClaim = { userId: string; key: string };
const claims = new AsyncLocalStorage<TIdempotencyClaim>();

/** Runs the handler of a request that claimed a key, so that its transactions can mark it applied. */
export function runWithIdempotencyClaim<T>(claim: TIdempotencyClaim | null, work: () => Promise<T>): Promise<T> {
  return claim ? claims.run(claim, work) : work();
}

/** The key claimed by the API request this code runs for, if any. */
export function idempotencyClaimInScope(): TIdempotencyClaim | undefined {
  return claims.getStore();
}
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

export type TStoredResponse = { status: number; body: unknown };

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError("VALIDATION_FAILED", "Idempotency-Key must be 8–200 characters of letters, digits, '.', '_', ':' or '-'.");
  }
}

/** Returns the stored response to replay, or null when this request now owns the key. */
export async function claimIdempotencyKey(userId: string, key: string, hash: string): Promise<TStoredResponse | null> {
  // Over pg rather than Prisma's raw-query path: every API write runs this and the store below (ADR 0027).
  const inserted = await pgRows(Prisma.sql`
    INSERT INTO idempotency_records (user_id, key, request_hash, response_status, response_body)
    VALUES (${userId}::uuid, ${key}, ${hash}, ${PENDING_STATUS}, '{}'::jsonb)
    ON CONFLICT (user_id, key) DO NOTHING RETURNING 1 AS claimed`);
  if (inserted.length === 1) return null;
  const existing = await db().idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } });
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new DomainError("CONFLICT", "This Idempotency-Key was already used with a different request body. Use a new key for a new request.");
  }
  if (existing.responseStatus === PENDING_STATUS) {
    if (await takeOverAbandonedClaim(userId, key, hash)) return null;
    throw new DomainError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
  }
  // APPLIED is also the normal state between the handler's commit and the response being kept;
  // only an old one means the server failed in between.
  if (existing.responseStatus === APPLIED_STATUS && Date.now() - existing.createdAt.getTime() < LONGEST_REQUEST_MS) {
    throw new DomainError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
  }
  if (existing.responseStatus === APPLIED_STATUS) {
    throw new DomainError(
      "CONFLICT",
      "The first request with this Idempotency-Key was applied, but the server failed before it could keep its response. It was not applied again: read the record to see the result.",
    );
  }
  return { status: existing.responseStatus, body: existing.responseBody };
}

/**
 * Claims a PENDING key again when its request is older than any request runs: it died before
 * changing anything (a change would have marked it APPLIED in the same transaction). Judged by
 * the database's clock, so app servers with skewed clocks agree; the claim's new time makes
 * concurrent retries race on one row, and only one of them gets it.
 */
async function takeOverAbandonedClaim(userId: string, key: string, hash: string): Promise<boolean> {
  const taken = await pgRows(Prisma.sql`
    UPDATE idempotency_records SET created_at = now()
    WHERE user_id = ${userId}::uuid AND key = ${key} AND request_hash = ${hash} AND response_status = ${PENDING_STATUS}
      AND created_at < now() - make_interval(secs => ${LONGEST_REQUEST_MS / 1000})
    RETURNING 1 AS taken`);
  return taken.length === 1;
}

export async function storeIdempotentResponse(userId: string, key: string, response: TStoredResponse): Promise<void> {
  // Raw SQL: the body is serialised once and sent as one jsonb parameter (the model API would
  // parse it back into objects and walk them again); every API write pays for this statement.
  const stored = await pgRows(Prisma.sql`
    UPDATE idempotency_records SET response_status = ${response.status}, response_body = ${JSON.stringify(response.body, bigintReplacer)}::jsonb
    WHERE user_id = ${userId}::uuid AND key = ${key} RETURNING 1 AS stored`);
  if (stored.length !== 1) throw new Error(`Idempotency record ${key} vanished before its response could be stored`);
}

/** Unexpected failures release the key so the client can retry — unless the request already changed data (APPLIED). */
export async function releaseIdempotencyKey(userId: string, key: string): Promise<void> {
  await db().idempotencyRecord.deleteMany({ where: { userId, key, responseStatus: PENDING_STATUS } });
}

function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}
