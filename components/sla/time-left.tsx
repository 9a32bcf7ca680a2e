import { formatMinutes } from "@/lib/engine/sla/attainment";
import { Badge } from "@/components/ui/badge";

/** Business time left on a clock, in words and colour: overdue is red, the last fifth amber. */
export function TimeLeft({ minutes, target, paused, business }: { minutes: number; target: number; paused: boolean; business: boolean }) {
  const unit = business ? "business" : "wall-clock";
  if (paused) return <Badge tone="neutral">Paused · {formatMinutes(minutes)} left</Badge>;
  if (minutes < 0) return <span title={`${unit} time`}><Badge tone="bad">Overdue by {formatMinutes(-minutes)}</Badge></span>;
  return (
    <span title={`${unit} time`}>
      <Badge tone={minutes <= target * 0.2 ? "warn" : "good"}>{formatMinutes(minutes)} left</Badge>
    </span>
  );
}
