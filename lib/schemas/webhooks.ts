import { z } from "zod";

export const WEBHOOK_EVENTS = ["lead.assigned", "sla.warning", "sla.breached", "exception.decided", "policy.published", "decision_log.anchored"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";

export const ZCreateWebhook = z.object({
  url: z
    .string()
    .trim()
    .url("Enter a full URL such as https://hooks.example.com/arbiter")
    .refine((u) => /^https?:\/\//i.test(u), "Webhook URLs use http or https"),
  description: z.string().trim().max(200, "At most 200 characters").default(""),
  events: z.array(z.enum(WEBHOOK_EVENTS, { message: "Unknown event" })).min(1, "Choose at least one event"),
});
export type TCreateWebhook = z.infer<typeof ZCreateWebhook>;

export const ZWebhookIdInput = z.object({ endpointId: z.string().uuid("Unknown webhook") });
