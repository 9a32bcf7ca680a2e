"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TLoadBar = { name: string; before: number; after: number };

/** Leads per owner or queue: who has them now next to who would have them under the draft. */
export function LoadChart({ data }: { data: readonly TLoadBar[] }) {
  return (
    <div className="h-80 w-full" role="img" aria-label="Leads per owner now and under the draft (the table below lists the same figures)">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...data]} margin={{ top: 8, right: 16, bottom: 48, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={60} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="before" name="Now" fill="#94a3b8" />
          <Bar dataKey="after" name="Under the draft" fill="#2563eb" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
