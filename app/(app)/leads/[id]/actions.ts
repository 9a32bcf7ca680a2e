"use server";
import { revalidatePath } from "next/cache";
import { ZMqlDecisionForm } from "@/lib/schemas/mql-decision";
import { defineAction } from "@/lib/server/action";
import { decideMql } from "@/lib/server/commands/leads/decide-mql";

// Anyone who can open their own leads may try; decideMql checks owner / manager / RevOps on the record.
export const decideMqlAction = defineAction({ name: "decideMql", input: ZMqlDecisionForm, permission: "app.use" }, async ({ leadId, decision, reasonCode }, { user }) => {
  const result = await decideMql({ actor: user, leadId, input: { decision, reasonCode } });
  revalidatePath(`/leads/${leadId}`);
  revalidatePath("/leads");
  return result;
});
