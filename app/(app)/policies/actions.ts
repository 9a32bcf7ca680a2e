"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZPublishPolicy } from "@/lib/schemas/policy-inputs";
import { defineAction } from "@/lib/server/action";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";

export const publishPolicyAction = defineAction(
  { name: "publishPolicy", input: ZPublishPolicy.extend({ versionId: z.string().uuid() }), permission: "policies.publish" },
  async ({ versionId, ...input }, { user }) => {
    const published = await publishPolicyVersion({ actor: user, versionId, input });
    revalidatePath("/policies", "layout");
    return { version: published.version };
  },
);
