"use server";
import { revalidatePath } from "next/cache";
import { ZDecideStep } from "@/lib/schemas/exception-requests";
import { defineAction } from "@/lib/server/action";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";

export const decideStepAction = defineAction({ name: "decideStep", input: ZDecideStep, permission: "approvals.decide" }, async (input, { user }) => {
  const result = await decideApprovalStep({ actor: user, input });
  revalidatePath("/approvals");
  return result;
});
