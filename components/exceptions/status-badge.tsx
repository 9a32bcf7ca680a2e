import { Badge } from "@/components/ui/badge";
import { humanize } from "@/lib/format";

/** A request's or a step's status, coloured by how it ended (or that it still waits). */
export function StatusBadge({ status }: { status: string }) {
  const tone = status.startsWith("APPROVED") ? "good" : status === "REJECTED" ? "bad" : ["WITHDRAWN", "DRAFT", "SKIPPED", "WAITING"].includes(status) ? "neutral" : "warn";
  return <Badge tone={tone}>{humanize(status)}</Badge>;
}
