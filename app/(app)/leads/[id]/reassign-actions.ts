"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZReassignLead } from "@/lib/schemas/lead-reassign";
import { defineAction } from "@/lib/server/action";
import { reassignLead } from "@/lib/server/commands/reassign-lead";

export const reassignLeadAction = defineAction(
  { name: "reassignLead", input: ZReassignLead.extend({ leadId: z.string().uuid() }), permission: "leads.reassign" },
  async ({ leadId, ...input }, { user }) => {
    const result = await reassignLead({ actor: user, leadId, input });
    revalidatePath(`/leads/${leadId}`);
    return result;
  },
);
