// The first decision-log entry of an intake (the lead was created, or merged into a stored
// one), built the same way by the single and the batch path.
import type { TMergeResult } from "@/lib/engine/intake/merge";
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TDecisionEntry } from "../../decision-log";

type TEntry = Omit<TDecisionEntry, "subjectId">;

export function createdEntry(channel: TLeadChannel, lead: TNormalisedLead, leadId: string): TEntry {
  return { kind: "lead.created", subjectType: "lead", input: { channel, lead }, output: { leadId }, reasons: [`New lead from ${channel}`] };
}

export function mergedEntry(channel: TLeadChannel, lead: TNormalisedLead, merge: TMergeResult): TEntry {
  return { kind: "lead.merged", subjectType: "lead", input: { channel, lead }, output: { changes: merge.changes }, reasons: merge.reasons };
}

export function conflictMessage(lead: Pick<TNormalisedLead, "email" | "externalId">): string {
  return `The e-mail ${lead.email} and externalId ${lead.externalId} belong to two different leads; fix one of them in the source.`;
}
