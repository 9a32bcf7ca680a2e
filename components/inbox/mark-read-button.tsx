"use client";
import { useTransition } from "react";
import { markReadAction } from "@/app/(app)/inbox/actions";
import { Button } from "@/components/ui/button";

/** Marks one notification read, or all of them when no id is given. */
export function MarkReadButton({ id, label }: { id?: string; label: string }) {
  const [pending, start] = useTransition();
  return (
    <Button type="button" variant="secondary" disabled={pending} onClick={() => start(async () => void (await markReadAction(id ? { ids: [id] } : {})))}>
      {pending ? "Saving…" : label}
    </Button>
  );
}
