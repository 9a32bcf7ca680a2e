"use client";
import { useState, useTransition } from "react";
import { setUserActiveAction } from "@/app/(app)/admin/users/actions";
import { Button } from "@/components/ui/button";

export function UserActiveToggle({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    start(async () => {
      const result = await setUserActiveAction({ userId, active: !active });
      setError(result.ok ? null : result.error.message);
    });
  return (
    <span className="inline-flex flex-col items-end">
      <Button type="button" variant={active ? "danger" : "secondary"} onClick={toggle} disabled={pending} aria-label={`${active ? "Deactivate" : "Reactivate"} ${name}`}>
        {pending ? "Saving…" : active ? "Deactivate" : "Reactivate"}
      </Button>
      {error ? (
        <span role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
