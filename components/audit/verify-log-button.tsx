"use client";
import { useState, useTransition } from "react";
import { verifyLogAction } from "@/app/(app)/audit/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function VerifyLogButton() {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const verify = () =>
    start(async () => {
      const result = await verifyLogAction({});
      if (!result.ok) setMessage({ tone: "error", text: result.error.message });
      else if (result.data.ok) setMessage({ tone: "success", text: `Chain intact: ${result.data.checked.toLocaleString("en")} entries verified.` });
      else setMessage({ tone: "error", text: `Chain broken at entry #${result.data.brokenId}: ${result.data.problem}.` });
    });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button type="button" variant="secondary" onClick={verify} disabled={pending}>
        {pending ? "Verifying…" : "Verify the chain"}
      </Button>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
    </div>
  );
}
