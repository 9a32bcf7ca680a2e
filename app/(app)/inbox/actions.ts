"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { markNotificationsRead } from "@/lib/server/commands/mark-notifications-read";

export const markReadAction = defineAction(
  { name: "markNotificationsRead", input: z.object({ ids: z.array(z.string().uuid()).min(1).max(200).optional() }), permission: "app.use" },
  async ({ ids }, { user }) => {
    const result = await markNotificationsRead({ user, ids });
    revalidatePath("/", "layout");
    return result;
  },
);
