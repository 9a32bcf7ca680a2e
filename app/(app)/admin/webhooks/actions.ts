"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZCreateWebhook, ZWebhookIdInput } from "@/lib/schemas/webhooks";
import { defineAction } from "@/lib/server/action";
import { createWebhookEndpoint } from "@/lib/server/commands/create-webhook-endpoint";
import { setWebhookActive } from "@/lib/server/commands/set-webhook-active";
import { enqueueWebhook } from "@/lib/server/webhooks/enqueue-webhook";

export const createWebhookAction = defineAction({ name: "createWebhook", input: ZCreateWebhook, permission: "webhooks.manage" }, async (input, { user }) => {
  const created = await createWebhookEndpoint({ actor: user, input });
  revalidatePath("/admin/webhooks");
  return created;
});

export const setWebhookActiveAction = defineAction(
  { name: "setWebhookActive", input: ZWebhookIdInput.extend({ active: z.boolean() }), permission: "webhooks.manage" },
  async ({ endpointId, active }, { user }) => {
    const updated = await setWebhookActive({ actor: user, endpointId, active });
    revalidatePath("/admin/webhooks");
    return updated;
  },
);

export const sendTestWebhookAction = defineAction({ name: "sendTestWebhook", input: ZWebhookIdInput, permission: "webhooks.manage" }, async ({ endpointId }, { user }) => {
  const ids = await enqueueWebhook("webhook.test", { message: "Test event from Arbiter", requestedBy: user.email }, { endpointId });
  revalidatePath("/admin/webhooks");
  return { queued: ids.length };
});
