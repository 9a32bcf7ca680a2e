"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { confirmActionLinkAction } from "./actions";

const ZApprove = z.object({ reason: z.string().trim().max(2000, "At most 2,000 characters").optional() });
const ZReject = z.object({ reason: z.string().trim().min(1, "A rejection needs a reason").max(2000, "At most 2,000 characters") });
type TForm = { reason?: string };

/** The one button that decides (a POST): approve, or reject with a reason. */
export function ConfirmActionForm({ token, action, opportunity }: { token: string; action: "APPROVE" | "REJECT"; opportunity: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<TForm>({ resolver: zodResolver(action === "REJECT" ? ZReject : ZApprove) });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await confirmActionLinkAction({ token, reason: values.reason || undefined });
    if (result.ok) {
      setDone(`${action === "APPROVE" ? "Approved" : "Rejected"}. ${result.data.summary}`);
      return;
    }
    const reasonError = result.error.fields?.reason?.[0];
    if (reasonError) setError("reason", { message: reasonError });
    setFailure(result.error.message);
  });
  if (done) {
    return (
      <div className="grid gap-3">
        <Notice tone="success" title="Done">
          {done}
        </Notice>
        <p className="text-sm">
          <Link href="/approvals" className="text-brand-700 underline">
            Open your approvals queue
          </Link>{" "}
          (you may need to sign in).
        </p>
      </div>
    );
  }
  const reasonError = errors.reason?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`${action === "APPROVE" ? "Approve" : "Reject"}: ${opportunity}`} className="grid gap-3">
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Field id="act-reason" label={action === "REJECT" ? "Reason (required)" : "Note (optional)"} error={reasonError} hint={action === "REJECT" ? "The requester sees this reason." : undefined}>
        <textarea
          id="act-reason"
          rows={3}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={describedBy("act-reason", reasonError, action === "REJECT" ? "x" : undefined)}
          {...register("reason")}
        />
      </Field>
      <div>
        <Button type="submit" variant={action === "APPROVE" ? "primary" : "danger"} disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : action === "APPROVE" ? "Confirm approval" : "Confirm rejection"}
        </Button>
      </div>
    </form>
  );
}
