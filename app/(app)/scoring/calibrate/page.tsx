import type { Metadata } from "next";
import Link from "next/link";
import { BacktestFigures } from "@/components/scoring/backtest-figures";
import { ScoringModelForm } from "@/components/scoring/scoring-model-form";
import { AccessDenied } from "@/components/shell/access-denied";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { confusionCells } from "@/lib/engine/scoring/chart";
import { policyToForm } from "@/lib/engine/scoring/form";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { backtestChoices } from "@/lib/server/scoring/backtest-view";
import { calibrationParams, calibrationView } from "@/lib/server/scoring/calibration-view";
import { sampleLeads } from "@/lib/server/scoring/sample-leads";

export const metadata: Metadata = { title: "Calibrate the scoring model" };

const fixed = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
const CONTROL = "rounded-md border border-slate-300 bg-white px-3 py-2";

export default async function CalibratePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, denied } = await pageAccess("policies.edit", "/scoring/calibrate");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = calibrationParams(await searchParams);
  const choices = await backtestChoices();
  const view = params.success && params.data.run ? await calibrationView(params.data) : null;
  const samples = view?.ok ? await sampleLeads() : [];
  const values = params.success ? params.data : { source: undefined, target: "precision", percent: 30 };

  return (
    <>
      <PageHeader
        title="Calibrate the scoring model"
        description="Fits a logistic regression on leads with a known outcome, turns it into whole-point rules and proposes an MQL threshold for your target. Every figure below is measured on held-out leads the fit never saw."
        actions={
          <Link href="/policies/scoring" className="text-sm font-medium text-brand-700 underline">
            Scoring versions
          </Link>
        }
      />
      <FilterForm label="Calibration settings" submitLabel="Run calibration">
        <input type="hidden" name="run" value="1" />
        <SelectFilter label="Source" name="source" value={values.source} allLabel="All sources" options={choices.sources} />
        <label className="flex flex-col text-sm">
          <span className="font-medium text-slate-700">Target</span>
          <select name="target" defaultValue={values.target} className={CONTROL}>
            <option value="precision">Precision (MQLs that convert)</option>
            <option value="mqlRate">MQL rate (share of leads flagged)</option>
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium text-slate-700">Target, %</span>
          <input name="percent" type="number" min={1} max={100} step="any" defaultValue={values.percent} className={CONTROL} />
        </label>
      </FilterForm>
      {!params.success ? (
        <Notice tone="error" title="Check the settings">
          {params.error.issues.map((i) => i.message).join("; ")}
        </Notice>
      ) : !view ? (
        <Notice>Choose the history and a target, then run the calibration. It reads leads with a known outcome (converted, won or lost).</Notice>
      ) : !view.ok ? (
        <Notice tone="warning">{view.message}</Notice>
      ) : (
        <div className="flex flex-col gap-4">
          <section aria-label="Held-out figures" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">Held-out figures</h2>
            <p className="text-sm text-slate-600">
              {view.result.heldOut.rows} held-out leads ({view.result.heldOut.positives} converted), not used to fit. Point model ROC AUC <strong>{fixed(view.result.heldOut.pointAuc)}</strong>; plain logistic regression {fixed(view.result.heldOut.logisticAuc)}. Training figure, for comparison only: {fixed(view.result.train.pointAuc)}. Proposed MQL threshold: <strong>{view.result.threshold.value}</strong>
              {view.result.threshold.reachable ? "" : " (the target is not reachable on this history; this is the closest)"}.
            </p>
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
              {view.result.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </section>
          <BacktestFigures title="Proposed model on held-out leads" report={view.result.heldOut.report} confusion={confusionCells(view.result.heldOut.report.atThreshold.confusion)} />
          <section aria-label="Why these points" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">Why these points</h2>
            <table className="mt-2 w-full text-sm">
              <thead>
                <tr className="text-left text-slate-500">
                  <th scope="col">Attribute</th>
                  <th scope="col">Level</th>
                  <th scope="col" className="text-right">
                    Points
                  </th>
                  <th scope="col" className="text-right">
                    Leads
                  </th>
                  <th scope="col" className="text-right">
                    Converted
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.result.rules.map((r) => (
                  <tr key={`${r.column}-${r.level}`} title={r.explanation} className="border-t border-slate-100">
                    <td>{r.attribute}</td>
                    <td>{r.level}</td>
                    <td className="text-right font-mono">{r.points}</td>
                    <td className="text-right font-mono">{r.support}</td>
                    <td className="text-right font-mono">{r.conversionRate === null ? "n/a" : `${(r.conversionRate * 100).toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <h2 className="text-lg font-semibold">Review and edit the proposal, then save it as a draft</h2>
          <ScoringModelForm initial={policyToForm(view.result.proposal)} name={`Calibrated ${values.target === "precision" ? "for precision" : "for MQL rate"} ${values.percent}%`} samples={samples} mode={{ kind: "create" }} />
        </div>
      )}
    </>
  );
}
