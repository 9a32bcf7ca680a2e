import "server-only";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { DomainError, type TFieldErrors } from "../../errors";
import { activePolicy } from "../../queries/active-policy";
import { intakeLead } from "../intake/intake-lead";
import { intakeChunk, type TAssignment, type TChunkTimings } from "../intake/batch/intake-chunk";
import { parseBatchItems, type TValidItem } from "../intake/batch/parse-items";
import { ChunkNeedsSinglePath } from "../intake/batch/place-chunk";
import { enqueueAssignedWebhooks } from "../intake/batch/enqueue-assigned";

export type TBatchItemResult = {
  index: number;
  status: "created" | "updated" | "invalid" | "error";
  leadId?: string;
  errors?: TFieldErrors;
};

export type TBatchResult = { results: TBatchItemResult[]; summary: { created: number; updated: number; invalid: number } };

/**
 * Leads per transaction. Large enough that the per-transaction costs (locks, reads, the
 * decision-log round trips, commit) are spread thin; small enough that a chunk holds its
 * pool and log locks for a fraction of a second. See docs/decisions/0012-set-based-intake.md.
 */
export const CHUNK_SIZE = 500;

const OUR_SIDE = "Something went wrong on our side with this lead; retry it.";

/**
 * Batch intake, set-based: invalid items are reported by index and the valid ones go through
 * intake chunk by chunk, each chunk in one transaction (batch/intake-chunk.ts) that decides
 * exactly as single intake would for the same items in the same order. A chunk that fails on
 * a database error writes nothing and reports each of its items as an error to retry; other
 * chunks are unaffected.
 */
export async function intakeBatch(options: {
  /** null for system imports (the CLI). */
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  leads: readonly unknown[];
  channel: TLeadChannel;
  /** Past leads from a CSV import: not routed, no SLA clocks. */
  historical?: boolean;
  /** The intake time (tests); by default the time each chunk starts. */
  now?: Date;
  /** Benchmarks: time per phase, summed over chunks, and each chunk's size and wall time. */
  timings?: TChunkTimings;
  onChunk?: (chunk: { size: number; ms: number }) => void;
}): Promise<TBatchResult> {
  const results: TBatchItemResult[] = new Array(options.leads.length);
  const { valid, invalid } = parseBatchItems(options.leads);
  for (const item of invalid) results[item.index] = { index: item.index, status: "invalid", errors: item.errors };
  if (valid.length > 0) {
    const policies = await loadPolicies();
    for (let start = 0; start < valid.length; start += CHUNK_SIZE) {
      const chunk = valid.slice(start, start + CHUNK_SIZE);
      const started = performance.now();
      const outcome = "error" in policies ? chunk.map((item) => ({ index: item.index, status: "error" as const, errors: { _: [policies.error] } })) : await runChunk(options, chunk, policies);
      for (const r of outcome) results[r.index] = r;
      options.onChunk?.({ size: chunk.length, ms: performance.now() - started });
    }
  }
  const count = (s: TBatchItemResult["status"]) => results.filter((r) => r.status === s).length;
  return { results, summary: { created: count("created"), updated: count("updated"), invalid: count("invalid") } };
}

// A missing published policy is every item's problem to report (as single intake reports it), not a failed request.
async function loadPolicies(): Promise<Parameters<typeof intakeChunk>[0]["policies"] | { error: string }> {
  try {
    const [scoring, lifecycle, routing] = await Promise.all([activePolicy("SCORING"), activePolicy("LIFECYCLE"), activePolicy("ROUTING")]);
    return { scoring, lifecycle, routing };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

async function runChunk(
  options: Parameters<typeof intakeBatch>[0],
  chunk: TValidItem[],
  policies: Parameters<typeof intakeChunk>[0]["policies"],
): Promise<TBatchItemResult[]> {
  let assignments: TAssignment[] = [];
  try {
    const outcome = await intakeChunk({ items: chunk, actor: options.actor, channel: options.channel, policies, historical: options.historical, now: options.now, timings: options.timings });
    assignments = outcome.assignments;
    return outcome.results.map((r) => (r.status === "error" ? { index: r.index, status: "error", errors: { _: [r.error] } } : r));
  } catch (error) {
    // A matrix that cannot place some lead: redo this chunk lead by lead, so that lead alone is refused.
    if (error instanceof ChunkNeedsSinglePath) {
      const oneByOne: TBatchItemResult[] = [];
      for (const item of chunk) oneByOne.push(await intakeOne(options, item)); // in order: duplicates merge as sent
      return oneByOne;
    }
    console.error(`[arbiter] batch intake chunk of ${chunk.length} leads (items ${chunk[0]!.index}–${chunk.at(-1)!.index}) rolled back`, error);
    return chunk.map((item) => ({ index: item.index, status: "error", errors: { _: [error instanceof DomainError ? error.message : OUR_SIDE] } }));
  } finally {
    // After commit, never inside: a webhook must not announce an assignment that rolled back.
    if (assignments.length > 0) await enqueueAssignedWebhooks(assignments);
  }
}

async function intakeOne(options: Parameters<typeof intakeBatch>[0], item: TValidItem): Promise<TBatchItemResult> {
  try {
    const result = await intakeLead({ actor: options.actor, raw: options.leads[item.index], channel: options.channel, now: options.now, historical: options.historical });
    return { index: item.index, status: result.status, leadId: result.leadId };
  } catch (error) {
    if (error instanceof DomainError && error.code === "VALIDATION_FAILED") return { index: item.index, status: "invalid", errors: error.fields ?? { _: [error.message] } };
    if (error instanceof DomainError) return { index: item.index, status: "error", errors: { _: [error.message] } };
    console.error(`[arbiter] batch intake item ${item.index} failed`, error);
    return { index: item.index, status: "error", errors: { _: [OUR_SIDE] } };
  }
}
