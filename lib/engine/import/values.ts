// Domain values hidden in text columns: historical outcomes and opportunity stages, as the
// CRMs we have seen write them.

export type TOutcome = "CONVERTED" | "WON" | "LOST";
export type TOpportunityStage = "QUALIFIED" | "DISCOVERY" | "EVALUATION" | "PROPOSAL" | "NEGOTIATION" | "CLOSED_WON" | "CLOSED_LOST";

const OUTCOMES: Record<string, TOutcome> = {
  won: "WON",
  closedwon: "WON",
  converted: "CONVERTED",
  yes: "CONVERTED",
  true: "CONVERTED",
  "1": "CONVERTED",
  lost: "LOST",
  closedlost: "LOST",
  notconverted: "LOST",
  no: "LOST",
  false: "LOST",
  "0": "LOST",
};

export function parseOutcome(raw: string): { ok: true; value: TOutcome } | { ok: false; message: string } {
  const value = OUTCOMES[raw.toLowerCase().replace(/[^a-z0-9]/g, "")];
  return value ? { ok: true, value } : { ok: false, message: `"${raw}" is not an outcome (use converted, won or lost; 1/0 and yes/no also work)` };
}

const STAGES: Record<string, TOpportunityStage> = {
  prospecting: "QUALIFIED",
  qualified: "QUALIFIED",
  qualification: "QUALIFIED",
  new: "QUALIFIED",
  engaging: "DISCOVERY",
  discovery: "DISCOVERY",
  evaluation: "EVALUATION",
  demo: "EVALUATION",
  proposal: "PROPOSAL",
  quote: "PROPOSAL",
  negotiation: "NEGOTIATION",
  won: "CLOSED_WON",
  closedwon: "CLOSED_WON",
  lost: "CLOSED_LOST",
  closedlost: "CLOSED_LOST",
};

export function parseOpportunityStage(raw: string): { ok: true; value: TOpportunityStage } | { ok: false; message: string } {
  const value = STAGES[raw.toLowerCase().replace(/[^a-z]/g, "")];
  return value
    ? { ok: true, value }
    : { ok: false, message: `"${raw}" is not a stage (use Prospecting, Engaging, Evaluation, Proposal, Negotiation, Won or Lost)` };
}
