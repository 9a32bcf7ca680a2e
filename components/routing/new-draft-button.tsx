"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { newRoutingDraftAction } from "@/app/(app)/policies/routing/actions";
import { Button } from "@/components/ui/button";

/** Copies the published routing matrix into a new draft and opens it in the editor. */
export function NewRoutingDraftButton({ label = "Edit as a new draft" }: { label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await newRoutingDraftAction({});
          if (result.ok) router.push(`/policies/routing/edit/${result.data.id}`);
          else {
            setBusy(false);
            setError(result.error.message);
          }
        }}
      >
        {busy ? "Creating draft…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
