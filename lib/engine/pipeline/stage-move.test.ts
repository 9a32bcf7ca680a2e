import { describe, expect, it } from "vitest";
import { defaultPipelinePolicy } from "@/lib/schemas/policies/default-governance";
import type { TOpportunityField } from "@/lib/schemas/policies/pipeline";
import { planStageMove } from "./stage-move";

const policy = defaultPipelinePolicy();
const all = new Set<TOpportunityField>(["account", "amount", "closeDate", "products", "termMonths", "paymentTermsDays", "discountPct", "source", "lossReason", "competitor"]);

describe("planStageMove", () => {
  it("advances one stage when the stage's fields and earlier ones are filled", () => {
    const move = planStageMove(policy, { from: "QUALIFIED", to: "DISCOVERY", filled: new Set(["account", "source", "closeDate"]) });
    expect(move).toMatchObject({ allowed: true, direction: "FORWARD", skipped: [] });
  });

  it("refuses an advance with missing fields and names them", () => {
    const move = planStageMove(policy, { from: "DISCOVERY", to: "EVALUATION", filled: new Set(["account", "source", "closeDate"]) });
    expect(move).toEqual({ allowed: false, problem: "Demo / evaluation needs products filled in first.", missingFields: ["products"] });
  });

  it("flags a skip under FLAG and refuses it under BLOCK", () => {
    const flagged = planStageMove(policy, { from: "QUALIFIED", to: "PROPOSAL", filled: all });
    expect(flagged).toMatchObject({ allowed: true, skipped: ["DISCOVERY", "EVALUATION"] });
    if (flagged.allowed) expect(flagged.reasons.join(" ")).toMatch(/Skipped Discovery, Demo \/ evaluation/);
    const blocked = planStageMove({ ...policy, skipPolicy: "BLOCK" }, { from: "QUALIFIED", to: "PROPOSAL", filled: all });
    expect(blocked).toMatchObject({ allowed: false, problem: "The pipeline policy does not allow skipping stages: move through Discovery, Demo / evaluation first." });
  });

  it("moves back without checks, and keeps closed deals closed", () => {
    expect(planStageMove(policy, { from: "PROPOSAL", to: "DISCOVERY", filled: new Set() })).toMatchObject({ allowed: true, direction: "BACKWARD" });
    expect(planStageMove(policy, { from: "CLOSED_WON", to: "NEGOTIATION", filled: all })).toMatchObject({ allowed: false });
    expect(planStageMove(policy, { from: "PROPOSAL", to: "PROPOSAL", filled: all })).toMatchObject({ allowed: false, problem: "The opportunity is already in Proposal." });
  });

  it("closing lost needs the loss fields only; closing won needs every open stage's fields", () => {
    expect(planStageMove(policy, { from: "QUALIFIED", to: "CLOSED_LOST", filled: new Set(["lossReason", "competitor"]) })).toMatchObject({ allowed: true, direction: "CLOSE" });
    expect(planStageMove(policy, { from: "QUALIFIED", to: "CLOSED_LOST", filled: new Set(["lossReason"]) })).toMatchObject({ allowed: false, missingFields: ["competitor"] });
    const won = planStageMove(policy, { from: "NEGOTIATION", to: "CLOSED_WON", filled: new Set(["account", "source", "closeDate", "products", "amount", "termMonths", "paymentTermsDays"]) });
    expect(won).toMatchObject({ allowed: false, missingFields: ["discountPct"] });
  });
});
