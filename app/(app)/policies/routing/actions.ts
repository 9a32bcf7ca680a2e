"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { createRoutingDraftFromPublished } from "@/lib/server/commands/copy-routing-draft";
import { lintPolicyBody } from "@/lib/server/commands/lint-policy-version";
import { saveRoutingDraft } from "@/lib/server/commands/save-routing-draft";
import { db } from "@/lib/server/db";
import { ZSimulateRouting } from "@/lib/server/routing/simulate-input";
import { startRoutingSimulation } from "@/lib/server/routing/simulate-start";

// The matrix editor's actions. Every one needs policies.edit (RevOps); the editor page checks
// the same permission, but these are public POST endpoints and check it again themselves.

const ZVersionId = z.string().uuid("Unknown policy version");

export const lintRoutingDraftAction = defineAction(
  { name: "lintRoutingDraft", input: z.object({ body: z.unknown() }), permission: "policies.edit" },
  async ({ body }) => lintPolicyBody(db(), "ROUTING", body),
);

export const saveRoutingDraftAction = defineAction(
  { name: "saveRoutingDraft", input: z.object({ versionId: ZVersionId, name: z.string().max(120).optional(), body: z.unknown() }), permission: "policies.edit" },
  async ({ versionId, name, body }, { user }) => {
    const saved = await saveRoutingDraft({ actor: user, versionId, body, ...(name !== undefined ? { name } : {}) });
    revalidatePath("/policies", "layout");
    return saved;
  },
);

export const newRoutingDraftAction = defineAction(
  { name: "newRoutingDraft", input: z.object({}), permission: "policies.edit" },
  async (_input, { user }) => {
    const draft = await createRoutingDraftFromPublished({ actor: user });
    revalidatePath("/policies", "layout");
    return { id: draft.id, version: draft.version };
  },
);

export const simulateRoutingDraftAction = defineAction(
  { name: "simulateRoutingDraft", input: ZSimulateRouting.extend({ versionId: ZVersionId }), permission: "policies.edit" },
  async ({ versionId, days }, { user }) => {
    const run = await startRoutingSimulation({ actor: user, versionId, input: { days } });
    return { runId: run.id };
  },
);
