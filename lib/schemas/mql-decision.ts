import { z } from "zod";

// Accepting or rejecting an MQL. A rejection needs a reason code; whether the code exists is
// for the published lifecycle policy to say (the command checks it), not this schema.

export const MQL_DECISIONS = ["ACCEPT", "REJECT"] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ZMqlDecision = z
  .strictObject({
    decision: z.enum(MQL_DECISIONS, { error: "Decision is ACCEPT or REJECT" }),
    reasonCode: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  })
  .refine((d) => d.decision !== "REJECT" || Boolean(d.reasonCode), { path: ["reasonCode"], message: "Choose a reason code to reject an MQL" });

/** The lead page's form: the same decision, plus which lead. */
export const ZMqlDecisionForm = z
  .strictObject({
    leadId: z.string().uuid("Lead id must be a UUID"),
    decision: z.enum(MQL_DECISIONS, { error: "Decision is ACCEPT or REJECT" }),
    reasonCode: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  })
  .refine((d) => d.decision !== "REJECT" || Boolean(d.reasonCode), { path: ["reasonCode"], message: "Choose a reason code to reject an MQL" });

export type TMqlDecision = z.output<typeof ZMqlDecision>;
