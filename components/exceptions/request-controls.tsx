"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { answerCounterOfferAction, withdrawRequestAction } from "@/app/(app)/requests/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

type TProps = { requestId: string; opportunityId: string; status: string; counterOffer: string | null; name: string };

/** What the requester can do next: answer a counter offer, withdraw, or resubmit after changes. */
export function RequestControls({ requestId, opportunityId, status, counterOffer, name }: TProps) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) =>
    start(async () => {
      setError(null);
      const result = await call();
      if (!result.ok) setError(result.error.message);
      else router.refresh();
    });
  if (status === "DRAFT") {
    return (
      <div className="mt-2" role="group" aria-label={`Actions for ${name}`}>
        <Link className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100" href={`/opportunities/${opportunityId}/request`}>
          Continue draft
        </Link>
      </div>
    );
  }
  const open = status === "PENDING" || status === "AWAITING_REQUESTER" || status === "CHANGES_REQUESTED";
  if (!open) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label={`Actions for ${name}`}>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {status === "AWAITING_REQUESTER" && counterOffer ? (
        <>
          <span className="text-xs">Counter offer: {counterOffer}</span>
          <Button disabled={pending} onClick={() => run(() => answerCounterOfferAction({ requestId, accept: true }))}>Accept counter offer</Button>
          <Button variant="danger" disabled={pending} onClick={() => run(() => answerCounterOfferAction({ requestId, accept: false }))}>Decline counter offer</Button>
        </>
      ) : null}
      {status === "CHANGES_REQUESTED" ? (
        <Link className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100" href={`/opportunities/${opportunityId}/request?resubmit=${requestId}`}>
          Change and resubmit
        </Link>
      ) : null}
      <Button variant="secondary" disabled={pending} onClick={() => run(() => withdrawRequestAction({ requestId }))}>Withdraw</Button>
    </div>
  );
}
