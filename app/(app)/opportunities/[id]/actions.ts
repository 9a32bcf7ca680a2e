"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZChangeOpportunityStage } from "@/lib/schemas/opportunity-stage";
import { defineAction } from "@/lib/server/action";
import { changeOpportunityStage } from "@/lib/server/commands/opportunities/change-opportunity-stage";

export const changeOpportunityStageAction = defineAction(
  { name: "changeOpportunityStage", input: ZChangeOpportunityStage.extend({ opportunityId: z.string().uuid() }), permission: "opportunities.stage.change" },
  async ({ opportunityId, toStage, reason }, { user }) => {
    const result = await changeOpportunityStage({ actor: user, opportunityId, toStage, reason });
    revalidatePath(`/opportunities/${opportunityId}`);
    revalidatePath("/opportunities");
    return result;
  },
);
