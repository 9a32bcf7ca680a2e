"use client";
import { z } from "zod";
import { changeOpportunityStageAction } from "@/app/(app)/opportunities/[id]/actions";
import { PickWithReasonForm } from "@/components/ui/pick-with-reason-form";
import { ZChangeOpportunityStage } from "@/lib/schemas/opportunity-stage";

type TStageOption = { stage: string; label: string };

const ZForm = z.object({ pick: ZChangeOpportunityStage.shape.toStage, reason: ZChangeOpportunityStage.shape.reason });

/** Moves the deal to another stage; the pipeline policy decides which moves are allowed and the server says why when not. */
export function MoveStageForm({ opportunityId, currentStage, stages }: { opportunityId: string; currentStage: string; stages: TStageOption[] }) {
  return (
    <PickWithReasonForm
      name="Move to stage"
      idPrefix="move"
      schema={ZForm}
      pickLabel="Move to stage"
      options={stages.filter((s) => s.stage !== currentStage).map((s) => ({ value: s.stage, label: s.label }))}
      reasonLabel="Reason (optional, logged)"
      submitLabel="Move"
      busyLabel="Moving…"
      submit={async ({ pick, reason }) => {
        const result = await changeOpportunityStageAction({ opportunityId, toStage: pick as z.output<typeof ZForm>["pick"], reason });
        if (result.ok) return { ok: true, message: `Moved to ${stages.find((s) => s.stage === result.data.toStage)?.label ?? result.data.toStage}.` };
        return { ok: false, message: result.error.message, fields: { pick: result.error.fields?.toStage?.[0] } };
      }}
    />
  );
}
