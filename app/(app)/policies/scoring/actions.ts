"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZCreatePolicyDraft } from "@/lib/schemas/policy-inputs";
import { defineAction } from "@/lib/server/action";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { saveScoringDraft } from "@/lib/server/commands/save-scoring-draft";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

const ZName = ZCreatePolicyDraft.shape.name;

/** Saves the editor's model into a scoring draft. */
export const saveScoringDraftAction = defineAction(
  { name: "saveScoringDraft", input: z.object({ versionId: z.string().uuid(), name: ZName, body: ZCreatePolicyDraft.shape.body }), permission: "policies.edit" },
  async ({ versionId, ...input }, { user }) => {
    const saved = await saveScoringDraft({ actor: user, versionId, input });
    revalidatePath("/policies/scoring", "layout");
    return saved;
  },
);

/** A new scoring draft from a model body (a calibration proposal, as reviewed). */
export const createScoringDraftAction = defineAction(
  { name: "createScoringDraft", input: z.object({ name: ZName, body: ZCreatePolicyDraft.shape.body }), permission: "policies.edit" },
  async (input, { user }) => {
    const draft = await createPolicyDraft({ actor: user, kind: "SCORING", input });
    revalidatePath("/policies/scoring", "layout");
    return { id: draft.id, version: draft.version };
  },
);

/** A new scoring draft that starts as a copy of an existing version (usually the published one). */
export const copyScoringVersionAction = defineAction(
  { name: "copyScoringVersion", input: z.object({ fromVersionId: z.string().uuid() }), permission: "policies.edit" },
  async ({ fromVersionId }, { user }) => {
    const source = await db().policyVersion.findFirst({ where: { id: fromVersionId, kind: "SCORING" }, select: { version: true, body: true } });
    if (!source) throw notFound("That scoring version");
    const draft = await createPolicyDraft({ actor: user, kind: "SCORING", input: { name: `Draft from version ${source.version}`, body: source.body ?? {} } });
    revalidatePath("/policies/scoring", "layout");
    return { id: draft.id, version: draft.version };
  },
);
