"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TWeekPoint } from "@/lib/engine/sla/attainment";

/**
 * Weekly attainment: share met as a line (left axis, %) over the breached count as bars (right
 * axis). The same figures are in the table under the chart for keyboard and screen-reader users.
 */
export function AttainmentChart({ weeks }: { weeks: TWeekPoint[] }) {
  const data = weeks.map((w) => ({ week: w.week.slice(5), shareMet: w.shareMet === null ? null : Math.round(w.shareMet * 1000) / 10, breached: w.breached }));
  return (
    <div className="h-72 w-full" role="img" aria-label="Share of SLA clocks met per week, with the number breached">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="share" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="count" dataKey="breached" name="Breached" fill="#fca5a5" isAnimationActive={false} />
          <Line yAxisId="share" dataKey="shareMet" name="Share met (%)" stroke="#1d4ed8" strokeWidth={2} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
