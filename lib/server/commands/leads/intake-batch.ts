import "server-only";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { DomainError, type TFieldErrors } from "../../errors";
import { intakeLead } from "../intake/intake-lead";

export type TBatchItemResult = {
  index: number;
  status: "created" | "updated" | "invalid" | "error";
  leadId?: string;
  errors?: TFieldErrors;
};

export type TBatchResult = { results: TBatchItemResult[]; summary: { created: number; updated: number; invalid: number } };

type TBatchOptions = {
  /** null for system imports (the CLI). */
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  leads: readonly unknown[];
  channel: TLeadChannel;
  /** Historical leads (imports with outcomes) are not routed and start no clocks: see intakeLead. */
  historical?: boolean;
};

/**
 * How many leads run at once. Each intake holds one pooled connection for its transaction
 * (and all of them meet at the decision-log lock), so a small number keeps a 1,000-lead
 * batch from starving the pool for every other request.
 */
export const BATCH_CONCURRENCY = 4;

/**
 * Runs each lead through intake on its own: one lead's bad data or conflict never rolls back
 * another, and the caller learns the fate of every item by its index.
 */
export async function intakeBatch(options: TBatchOptions): Promise<TBatchResult> {
  const results: TBatchItemResult[] = new Array(options.leads.length);
  let next = 0;
  const worker = async () => {
    while (next < options.leads.length) {
      const index = next++;
      results[index] = await intakeOne(options, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, options.leads.length) }, worker));
  const count = (s: TBatchItemResult["status"]) => results.filter((r) => r.status === s).length;
  return { results, summary: { created: count("created"), updated: count("updated"), invalid: count("invalid") } };
}

async function intakeOne(options: TBatchOptions, index: number): Promise<TBatchItemResult> {
  try {
    const result = await intakeLead({ actor: options.actor, raw: options.leads[index], channel: options.channel, historical: options.historical });
    return { index, status: result.status, leadId: result.leadId };
  } catch (error) {
    if (error instanceof DomainError && error.code === "VALIDATION_FAILED") return { index, status: "invalid", errors: error.fields ?? { _: [error.message] } };
    // A conflict or missing policy is this item's problem to report, not the batch's.
    if (error instanceof DomainError) return { index, status: "error", errors: { _: [error.message] } };
    console.error(`[arbiter] batch intake item ${index} failed`, error);
    return { index, status: "error", errors: { _: ["Something went wrong on our side with this lead; retry it."] } };
  }
}
