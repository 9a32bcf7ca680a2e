"use client";
import { z } from "zod";
import { reassignLeadAction } from "@/app/(app)/leads/[id]/reassign-actions";
import { PickWithReasonForm } from "@/components/ui/pick-with-reason-form";
import { ZReassignLead } from "@/lib/schemas/lead-reassign";

type TCandidate = { id: string; name: string };

const ZForm = z.object({ pick: ZReassignLead.shape.ownerId, reason: ZReassignLead.shape.reason });

/** Manual override of the lead's owner; the reason is required because it is logged and shown in the timeline. */
export function ReassignLeadForm({ leadId, currentOwnerId, candidates }: { leadId: string; currentOwnerId: string | null; candidates: TCandidate[] }) {
  return (
    <PickWithReasonForm
      name="Reassign lead"
      idPrefix="reassign"
      schema={ZForm}
      pickLabel="New owner"
      options={candidates.filter((c) => c.id !== currentOwnerId).map((c) => ({ value: c.id, label: c.name }))}
      reasonLabel="Reason (logged)"
      submitLabel="Reassign"
      busyLabel="Reassigning…"
      submit={async ({ pick, reason }) => {
        const result = await reassignLeadAction({ leadId, ownerId: pick, reason: reason ?? "" });
        if (result.ok) return { ok: true, message: `Reassigned to ${candidates.find((c) => c.id === result.data.ownerId)?.name ?? "the new owner"}.` };
        // Server-side field errors (inactive target, …) go beside their field like client ones.
        return { ok: false, message: result.error.message, fields: { pick: result.error.fields?.ownerId?.[0], reason: result.error.fields?.reason?.[0] } };
      }}
    />
  );
}
