import { formatMinutes } from "@/lib/engine/sla/attainment";
import type { TAttainmentGroup } from "@/lib/server/queries/sla-attainment";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** One breakdown (by team, rep or source) of the attainment figures. */
export function AttainmentTable({ caption, groupHeader, rows }: { caption: string; groupHeader: string; rows: TAttainmentGroup[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-3 py-2 text-left font-semibold text-slate-800">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {[groupHeader, "Clocks", "Met", "Breached", "Open", "Share met", "Median first touch", "p90 first touch", "Median (business)", "p90 (business)"].map((h, i) => (
              <th key={h} scope="col" className={`px-3 py-2 font-semibold text-slate-700 ${i === 0 ? "text-left" : "text-right"}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {r.label}
              </th>
              {[r.clocks.toLocaleString("en"), r.met.toLocaleString("en"), r.breached.toLocaleString("en"), r.open.toLocaleString("en"), pct(r.shareMet), formatMinutes(r.medianWallMinutes), formatMinutes(r.p90WallMinutes), formatMinutes(r.medianBusinessMinutes, { days: false }), formatMinutes(r.p90BusinessMinutes, { days: false })].map((v, i) => (
                <td key={i} className="px-3 py-2 text-right tabular-nums">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
