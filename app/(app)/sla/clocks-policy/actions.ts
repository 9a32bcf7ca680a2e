"use server";
import { revalidatePath } from "next/cache";
import { ZSaveSlaClocks } from "@/lib/schemas/sla-clock-form";
import { defineAction } from "@/lib/server/action";
import { saveSlaClocks } from "@/lib/server/sla-calendars/save-sla-clocks";

export const saveSlaClocksAction = defineAction({ name: "saveSlaClocks", input: ZSaveSlaClocks, permission: "policies.edit" }, async (input, { user }) => {
  const saved = await saveSlaClocks({ actor: user, input });
  revalidatePath("/sla/clocks-policy");
  revalidatePath("/policies", "layout");
  return saved;
});
