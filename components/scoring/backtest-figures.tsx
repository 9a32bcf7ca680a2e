import type { TBacktestReport } from "@/lib/engine/scoring";
import type { TConfusionCell } from "@/lib/engine/scoring/chart";

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));

/** One version's backtest figures and confusion matrix, with what each number means. */
export function BacktestFigures({ title, report, confusion }: { title: string; report: TBacktestReport; confusion: TConfusionCell[] }) {
  const t = report.atThreshold;
  const rows: [string, string, string][] = [
    ["ROC AUC", fixed(report.auc), "Chance a converted lead outscores an unconverted one (0.5 = random, 1 = perfect)"],
    ["Precision", pct(t.precision), "MQLs that converted"],
    ["Recall", pct(t.recall), "Converted leads the model made MQLs"],
    ["F1", fixed(t.f1), "Balance of precision and recall"],
    ["MQL rate", pct(t.mqlRate), "Leads flagged as MQL at the thresholds"],
    ["Base rate", pct(report.baseRate), `${report.positives} of ${report.rows} leads converted`],
  ];
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">{title}</h2>
      <dl className="mt-2 grid grid-cols-[auto_auto_1fr] items-baseline gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value, meaning]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="font-mono tabular-nums">{value}</dd>
            <dd className="text-xs text-slate-500">{meaning}</dd>
          </div>
        ))}
      </dl>
      <table className="mt-4 w-full text-sm">
        <caption className="mb-1 text-left font-medium">Confusion matrix at the MQL thresholds</caption>
        <thead>
          <tr className="text-left text-slate-500">
            <th scope="col" />
            <th scope="col">Converted</th>
            <th scope="col">Not converted</th>
          </tr>
        </thead>
        <tbody>
          {(["MQL", "Not MQL"] as const).map((predicted) => (
            <tr key={predicted}>
              <th scope="row" className="pr-2 text-left font-medium">
                {predicted}
              </th>
              {confusion
                .filter((c) => c.predicted === predicted)
                .map((c) => (
                  <td key={c.key} title={c.meaning} className="font-mono tabular-nums">
                    {c.count} <span className="text-xs text-slate-500">({pct(c.share)})</span>
                  </td>
                ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="mt-3 list-disc pl-5 text-xs text-slate-600">
        {report.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}
