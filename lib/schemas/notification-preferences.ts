import { z } from "zod";
import { EMAIL_CHOICES, NOTIFICATION_KINDS } from "@/lib/engine/email/kinds";

const KINDS = NOTIFICATION_KINDS.map((k) => k.kind) as [string, ...string[]];

/** The settings form: one e-mail choice per notification kind the app knows. */
export const ZNotificationPreferences = z.strictObject({
  preferences: z
    .array(
      z.strictObject({
        kind: z.enum(KINDS, { error: "Unknown notification kind" }),
        email: z.enum(EMAIL_CHOICES, { error: `Choose one of ${EMAIL_CHOICES.join(", ")}` }),
      }),
    )
    .max(KINDS.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, "Each kind once"),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;
