"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { copyScoringVersionAction } from "@/app/(app)/policies/scoring/actions";
import { Button } from "@/components/ui/button";

/** Starts a new draft as a copy of a version and opens it in the editor. */
export function CopyVersionButton({ versionId, version }: { versionId: string; version: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await copyScoringVersionAction({ fromVersionId: versionId });
          if (result.ok) router.push(`/policies/scoring/${result.data.id}`);
          else {
            setError(result.error.message);
            setBusy(false);
          }
        }}
      >
        {busy ? "Creating draft…" : `New draft from version ${version}`}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
