"use server";
import { revalidatePath } from "next/cache";
import { ZExceptionPreview, ZResubmitException, ZSaveDraft, ZSubmitFromForm } from "@/lib/schemas/exception-requests";
import { defineAction } from "@/lib/server/action";
import { saveExceptionDraft } from "@/lib/server/commands/exceptions/save-exception-draft";
import { resubmitExceptionRequest } from "@/lib/server/commands/exceptions/resubmit-exception-request";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { previewExceptionRequest } from "@/lib/server/commands/preview-exception-request";

/** The chain the form shows live while the rep edits; writes nothing. */
export const previewExceptionAction = defineAction({ name: "previewException", input: ZExceptionPreview, permission: "exceptions.submit" }, async (input, { user }) => {
  const plan = await previewExceptionRequest({ actor: user, input });
  return { outcome: plan.outcome, reasons: plan.reasons, stages: plan.stages.map((s) => ({ index: s.index, slaBusinessHours: s.slaBusinessHours, approvers: s.approvers.map((a) => ({ role: a.role, reason: a.reason })) })) };
});

export const submitExceptionAction = defineAction({ name: "submitException", input: ZSubmitFromForm, permission: "exceptions.submit" }, async (input, { user }) => {
  const result = await submitExceptionRequest({ actor: user, input });
  revalidatePath("/requests");
  return result;
});

/** Keeps the form as it is, to finish later (a DRAFT request: nothing to approve, nothing locked). */
export const saveDraftAction = defineAction({ name: "saveExceptionDraft", input: ZSaveDraft, permission: "exceptions.submit" }, async (input, { user }) => {
  const result = await saveExceptionDraft({ actor: user, input });
  revalidatePath("/requests");
  return result;
});

export const resubmitExceptionAction = defineAction({ name: "resubmitException", input: ZResubmitException, permission: "exceptions.submit" }, async (input, { user }) => {
  const result = await resubmitExceptionRequest({ actor: user, input });
  revalidatePath("/requests");
  return result;
});
