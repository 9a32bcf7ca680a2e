// Pure helpers for the decision log's hash chain: canonical JSON and the chained digest.
// Canonical means: object keys sorted, no whitespace, Dates as ISO strings, bigints as
// strings, undefined dropped — so a row read back from jsonb hashes like the row written.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

/**
 * The text a decision-log entry's input, output or reasons are stored as (a json column keeps
 * it byte for byte) and hashed as (ADR 0026): the native JSON.stringify, with no canonical
 * form, which costs twice as much CPU and a copy of every object. Only what JSON itself cannot
 * say goes the canonical way: a bigint, which JSON.stringify refuses, becomes a string. As in
 * JSON, undefined properties are left out and non-finite numbers become null.
 */
export function exactJson(value: unknown): string {
  if (value === undefined) return "null";
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError && /BigInt/i.test(error.message)) return JSON.stringify(normalise(value, { nonFinite: "null" }));
    throw error;
  }
}

function normalise(value: unknown, options: { nonFinite: "throw" | "null" } = { nonFinite: "throw" }): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      if (options.nonFinite === "null") return null;
      throw new Error("Decision log values must be finite numbers");
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, options));
  if (typeof value === "object") {
    // Decimal-like values (Prisma.Decimal) serialise through their own toJSON.
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === "function" && !isPlainObject(value)) return normalise(withToJson.toJSON(), options);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v, options);
    }
    return out;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The fields of a log row that its hashes cover (everything but the hashes themselves). */
export type THashedRecord = {
  id: bigint | string;
  kind: string;
  subjectType: string;
  subjectId: string;
  actorId: string | null;
  policyVersionId: string | null;
  correctsId: bigint | string | null;
  input: unknown;
  output: unknown;
  reasons: unknown;
  createdAt: Date;
};

/**
 * The digest an entry was written with before ADR 0023 (the in-transaction chain): its
 * previous entry's hash and its whole record, id included. Verification still checks the
 * entries written that way.
 */
export function chainHash(prevHash: string, record: THashedRecord): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(record)).digest("hex");
}

/**
 * An entry's content hash: everything but its id, which the database assigns at insert. The
 * writer computes it with no lock held; the chain link binds it to the id (linkHash).
 */
export function contentHash(record: Omit<THashedRecord, "id">): string {
  return createHash("sha256").update(canonicalJson(record)).digest("hex");
}

/** An entry's content whose input, output and reasons are already JSON text (canonical, or exactly as stored: exactJson). */
export type TCanonicalContent = Omit<THashedRecord, "id" | "input" | "output" | "reasons"> & { input: string; output: string; reasons: string };

/**
 * The same digest as `contentHash`, for content whose large parts were canonicalised once by the
 * caller (appendDecisions stores and sends that same text): the canonical JSON is assembled
 * around them, keys in canonicalJson's order, instead of walking them again.
 * hash-chain.test.ts checks it against contentHash on generated records.
 * Content hash version 2 (ADR 0026) is this same envelope around the EXACT texts stored
 * (exactJson), so that neither the writer nor verification needs a canonical form of them.
 */
export function contentHashCanonical(record: TCanonicalContent): string {
  const text = (v: string | null) => JSON.stringify(v);
  // Fed to the hash piece by piece: joining the pieces first would copy every entry's text once
  // more on the heap (batch intake hashes ~100 MB of it per 20,000 leads).
  return createHash("sha256")
    .update(`{"actorId":${text(record.actorId)},"correctsId":${text(record.correctsId === null ? null : record.correctsId.toString())},"createdAt":${text(record.createdAt.toISOString())},"input":`)
    .update(record.input)
    .update(`,"kind":${text(record.kind)},"output":`)
    .update(record.output)
    .update(`,"policyVersionId":${text(record.policyVersionId)},"reasons":`)
    .update(record.reasons)
    .update(`,"subjectId":${text(record.subjectId)},"subjectType":${text(record.subjectType)}}`)
    .digest("hex");
}

/**
 * A chain link's hash, as the database function arbiter_decision_log_seal computes it:
 * sha256 of the previous link's hash, the entry's id and its content hash, one per line.
 */
export function linkHash(prevHash: string, entryId: bigint | string, entryContentHash: string): string {
  return createHash("sha256").update(`${prevHash}\n${entryId.toString()}\n${entryContentHash}`).digest("hex");
}

/** Values stored in jsonb must survive the round trip unchanged for the chain to verify. */
export function toStorableJson(value: unknown): unknown {
  return JSON.parse(canonicalJson(value));
}
