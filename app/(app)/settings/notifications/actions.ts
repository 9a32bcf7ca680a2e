"use server";
import { revalidatePath } from "next/cache";
import { ZNotificationPreferences } from "@/lib/schemas/notification-preferences";
import { defineAction } from "@/lib/server/action";
import { saveNotificationPreferences } from "@/lib/server/commands/email-save-preferences";

export const saveNotificationPreferencesAction = defineAction(
  { name: "saveNotificationPreferences", input: ZNotificationPreferences, permission: "app.use" },
  async (input, { user }) => {
    const result = await saveNotificationPreferences({ actor: user, input });
    revalidatePath("/settings/notifications");
    return result;
  },
);
