import "server-only";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { DomainError, type TFieldErrors } from "../../errors";
import { activePolicies } from "../../queries/active-policy";
import { intakeLead } from "../intake/intake-lead";
import { intakeChunk, type TAssignment, type TChunkTimings, type TPipelineLink } from "../intake/batch/intake-chunk";
import { runChunkPipeline } from "../intake/batch/chunk-pipeline";
import { parseBatchItems, type TValidItem } from "../intake/batch/parse-items";
import { ChunkNeedsSinglePath, ChunkPoolsMoved } from "../intake/batch/place-chunk";
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
 * exactly as single intake would for the same items in the same order, two chunks in flight at
 * once (batch/chunk-pipeline.ts). A chunk that fails on a database error writes nothing and
 * reports each of its items as an error to retry; other chunks are unaffected.
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
  /** Leads per chunk (tests: small chunks put a batch's duplicates in different chunks in flight). */
  chunkSize?: number;
  /** Benchmarks: time per phase, summed over chunks, and each chunk's size and wall time. */
  timings?: TChunkTimings;
  /** `redone`: the chunk's pools moved under its picks and it ran again waiting for their locks (ADR 0026). */
  onChunk?: (chunk: { size: number; ms: number; redone: boolean }) => void;
}): Promise<TBatchResult> {
  const results: TBatchItemResult[] = new Array(options.leads.length);
  const { valid, invalid } = parseBatchItems(options.leads);
  for (const item of invalid) results[item.index] = { index: item.index, status: "invalid", errors: item.errors };
  if (valid.length > 0) {
    const policies = await loadPolicies();
    if ("error" in policies) {
      for (const item of valid) results[item.index] = { index: item.index, status: "error", errors: { _: [policies.error] } };
    } else {
      await runChunkPipeline(valid, { chunkSize: options.chunkSize ?? CHUNK_SIZE }, async (chunk, link) => {
        const started = performance.now();
        const { results: outcome, redone } = await runChunk(options, chunk, policies, link);
        for (const r of outcome) results[r.index] = r;
        options.onChunk?.({ size: outcome.length, ms: performance.now() - started, redone });
      });
    }
  }
  const count = (s: TBatchItemResult["status"]) => results.filter((r) => r.status === s).length;
  return { results, summary: { created: count("created"), updated: count("updated"), invalid: count("invalid") } };
}

// A missing published policy is every item's problem to report (as single intake reports it), not a failed request.
async function loadPolicies(): Promise<Parameters<typeof intakeChunk>[0]["policies"] | { error: string }> {
  try {
    const [scoring, lifecycle, routing] = await activePolicies(["SCORING", "LIFECYCLE", "ROUTING"] as const);
    return { scoring, lifecycle, routing };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

/** One chunk's items' results — of the items it ran: those it deferred come back through the link. */
async function runChunk(
  options: Parameters<typeof intakeBatch>[0],
  chunk: TValidItem[],
  policies: Parameters<typeof intakeChunk>[0]["policies"],
  link: TPipelineLink | undefined,
): Promise<{ results: TBatchItemResult[]; redone: boolean }> {
  let assignments: TAssignment[] = [];
  let items = chunk; // the items this chunk runs: all of them, or those its claim kept
  let redone = false;
  const run = (pipelined: TPipelineLink | undefined) =>
    intakeChunk({ items, actor: options.actor, channel: options.channel, policies, historical: options.historical, now: options.now, timings: options.timings, link: pipelined });
  try {
    let outcome;
    try {
      outcome = await run(link && { ...link, onClaimed: (claim) => ((items = claim.runnable), link.onClaimed(claim)) });
    } catch (error) {
      // Another intake picked from a pool between this chunk's picks and its commit, or the chunk
      // before this one is being redone and this one gave its locks back rather than wait for it
      // (ChunkYieldsToRedo): redo the chunk's items waiting for their locks, as a chunk outside a
      // pipeline does. In a pipeline, the redo's picks are what the next chunk picks from.
      if (!(error instanceof ChunkPoolsMoved)) throw error;
      redone = true;
      link?.onRedo();
      outcome = await run(link && { ...link, mode: "lock" });
    }
    assignments = outcome.assignments;
    return { results: outcome.results.map((r) => (r.status === "error" ? { index: r.index, status: "error", errors: { _: [r.error] } } : r)), redone };
  } catch (error) {
    // A matrix that cannot place some lead: redo this chunk lead by lead, so that lead alone is refused.
    if (error instanceof ChunkNeedsSinglePath) {
      const oneByOne: TBatchItemResult[] = [];
      for (const item of items) oneByOne.push(await intakeOne(options, item)); // in order: duplicates merge as sent
      return { results: oneByOne, redone };
    }
    if (items.length > 0) console.error(`[arbiter] batch intake chunk of ${items.length} leads (items ${items[0]!.index}–${items.at(-1)!.index}) rolled back`, error);
    return { results: items.map((item) => ({ index: item.index, status: "error", errors: { _: [error instanceof DomainError ? error.message : OUR_SIDE] } })), redone };
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
