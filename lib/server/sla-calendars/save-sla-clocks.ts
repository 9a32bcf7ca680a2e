import "server-only";
import { clockFormPath, clockFromForm, type TSaveSlaClocks } from "@/lib/schemas/sla-clock-form";
import { formatMinutes } from "@/lib/engine/sla/clock-form-summary";
import type { TSessionUser } from "../auth/session-user";
import { saveSlaDraftPart } from "./save-sla-draft";

/** A policy issue on clocks.N.<policy field> restated on the editor's input (clocks.N.<form field>). */
function onFormPath(path: ReadonlyArray<PropertyKey>): PropertyKey[] {
  const [head, index, ...rest] = path;
  return head === "clocks" && typeof index === "number" ? ["clocks", index, ...clockFormPath(rest)] : [...path];
}

/**
 * Saves the clock editor into a DRAFT SLA policy version, with the same draft semantics as
 * the calendar editor (save-sla-draft.ts). Only the clocks change.
 */
export async function saveSlaClocks(options: { actor: Pick<TSessionUser, "id">; input: TSaveSlaClocks }) {
  const { actor, input } = options;
  const clocks = input.clocks.map(clockFromForm);
  return saveSlaDraftPart({
    actor,
    baseVersionId: input.baseVersionId,
    part: "clocks",
    apply: (previous) => ({ ...previous, clocks }),
    issuePath: onFormPath,
    logged: (body, previous) => ({
      input: { clocks: body.clocks, previousClocks: previous.clocks },
      summary: body.clocks
        .map((c) => `${c.id}: ${c.multiplier !== undefined ? `${c.multiplier}×` : formatMinutes(c.durationMinutes ?? 0)}${c.businessHours ? " business" : ""}, ${c.escalation.length} level${c.escalation.length === 1 ? "" : "s"}`)
        .join("; "),
    }),
  });
}
