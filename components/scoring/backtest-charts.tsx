"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TLiftBar, TRocPoint } from "@/lib/engine/scoring/chart";

const COLOR_A = "#2563eb";
const COLOR_B = "#d97706";
const DIAGONAL = [
  { fpr: 0, tpr: 0 },
  { fpr: 1, tpr: 1 },
];

type TSeries = { name: string; roc: TRocPoint[] };

/** ROC curve of one or two versions; the dashed diagonal is a model that ranks at random. */
export function RocChart({ a, b, summary }: { a: TSeries; b?: TSeries | null; summary: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 font-semibold">ROC curve</figcaption>
      <div role="img" aria-label={summary} className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="fpr" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} label={{ value: "Unconverted leads flagged (false positive rate)", position: "insideBottom", offset: -12 }} />
            <YAxis type="number" dataKey="tpr" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} labelFormatter={(v) => `FPR ${(Number(v) * 100).toFixed(1)}%`} />
            <Legend verticalAlign="top" />
            <Line data={DIAGONAL} dataKey="tpr" name="Random" stroke="#94a3b8" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
            <Line data={a.roc} dataKey="tpr" name={a.name} stroke={COLOR_A} dot={false} strokeWidth={2} isAnimationActive={false} />
            {b ? <Line data={b.roc} dataKey="tpr" name={b.name} stroke={COLOR_B} dot={false} strokeWidth={2} isAnimationActive={false} /> : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Lift by score decile (1 = top 10% of scores); 1.0 is the base rate. */
export function LiftChart({ bars, nameA, nameB, summary }: { bars: TLiftBar[]; nameA: string; nameB?: string; summary: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 font-semibold">Lift by decile</figcaption>
      <div role="img" aria-label={summary} className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="decile" label={{ value: "Score decile (1 = highest scores)", position: "insideBottom", offset: -12 }} />
            <YAxis />
            <Tooltip formatter={(v) => `${Number(v).toFixed(2)}×`} />
            <Legend verticalAlign="top" />
            <ReferenceLine y={1} stroke="#94a3b8" strokeDasharray="4 4" />
            <Bar dataKey="liftA" name={nameA} fill={COLOR_A} isAnimationActive={false} />
            {nameB ? <Bar dataKey="liftB" name={nameB} fill={COLOR_B} isAnimationActive={false} /> : null}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
