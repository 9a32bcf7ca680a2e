import { formatMinutes } from "@/lib/engine/sla/attainment";
import { Badge } from "@/components/ui/badge";

/** Business time left on a clock, in words and colour: overdue is red, the last fifth amber. Business time is counted in hours, never 24-hour days. */
export function TimeLeft({ minutes, target, paused, business }: { minutes: number; target: number; paused: boolean; business: boolean }) {
  const unit = business ? "business" : "wall-clock";
  const fmt = (m: number) => formatMinutes(m, { days: !business });
  if (paused) return <Badge tone="neutral">Paused · {fmt(minutes)} left</Badge>;
  if (minutes < 0) return <span title={`${unit} time`}><Badge tone="bad">Overdue by {fmt(-minutes)}</Badge></span>;
  return (
    <span title={`${unit} time`}>
      <Badge tone={minutes <= target * 0.2 ? "warn" : "good"}>{fmt(minutes)} left</Badge>
    </span>
  );
}
