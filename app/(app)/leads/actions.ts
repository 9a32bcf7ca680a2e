"use server";
import { revalidatePath } from "next/cache";
import { ZLeadInput } from "@/lib/schemas/leads";
import { defineAction } from "@/lib/server/action";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";

export const createLeadAction = defineAction({ name: "createLead", input: ZLeadInput, permission: "leads.create" }, async (input, { user }) => {
  const result = await intakeLead({ actor: user, raw: input, channel: "MANUAL" });
  revalidatePath("/leads");
  return { leadId: result.leadId, status: result.status };
});
