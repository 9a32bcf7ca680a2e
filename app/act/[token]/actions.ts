"use server";
import { z } from "zod";
import { definePublicAction } from "@/lib/server/action";
import { useActionLink } from "@/lib/server/commands/email-action-link";

// Public on purpose: the person clicked a link in their e-mail and may not be signed in.
// The signed, single-use token is the credential; the command checks it, the user behind
// it (active, allowed to decide) and then every approval rule through the decide command.
const ZUseActionLink = z.strictObject({
  token: z.string().min(40, "This link is not complete").max(200, "This link is not valid"),
  reason: z.string().trim().max(2000, "At most 2,000 characters").optional(),
});

export const confirmActionLinkAction = definePublicAction({ name: "useActionLink", input: ZUseActionLink }, async (input) => {
  const result = await useActionLink({ signed: input.token, reason: input.reason });
  return { action: result.action, stepStatus: result.stepStatus, requestStatus: result.requestStatus, summary: result.summary };
});
