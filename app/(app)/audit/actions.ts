"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";

export const verifyLogAction = defineAction({ name: "verifyDecisionLog", input: z.object({}), permission: "decisions.verify" }, async () => {
  const result = await verifyDecisionLog(db());
  return result.ok ? { ok: true as const, checked: result.checked } : { ok: false as const, checked: result.checked, brokenId: result.brokenId.toString(), problem: result.problem };
});
