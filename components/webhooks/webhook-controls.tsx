"use client";
import { useState, useTransition } from "react";
import { sendTestWebhookAction, setWebhookActiveAction } from "@/app/(app)/admin/webhooks/actions";
import { Button } from "@/components/ui/button";

export function WebhookControls({ endpointId, url, active }: { endpointId: string; url: string; active: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        aria-label={`Send a test event to ${url}`}
        onClick={() =>
          start(async () => {
            const r = await sendTestWebhookAction({ endpointId });
            setMessage(r.ok ? (r.data.queued ? "Test event queued; its delivery appears below in a few seconds." : "Nothing was queued.") : r.error.message);
          })
        }
      >
        Send test
      </Button>
      <Button
        type="button"
        variant={active ? "danger" : "secondary"}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await setWebhookActiveAction({ endpointId, active: !active });
            setMessage(r.ok ? null : r.error.message);
          })
        }
      >
        {active ? "Pause" : "Resume"}
      </Button>
      {message ? (
        <span role="status" className="text-sm text-slate-600">
          {message}
        </span>
      ) : null}
    </div>
  );
}
