import { Badge } from "@/components/ui/badge";

const TONE = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "good", FAILED: "bad" } as const;
const LABEL = { QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Done", FAILED: "Failed" } as const;

export function RunStatusBadge({ status }: { status: string }) {
  const key = status as keyof typeof TONE;
  return <Badge tone={TONE[key] ?? "neutral"}>{LABEL[key] ?? status}</Badge>;
}
