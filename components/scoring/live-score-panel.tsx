"use client";
import { useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { scoreLead } from "@/lib/engine/scoring";
import { factFromText, lenientPolicy, ruleAttributes, type TScoringForm } from "@/lib/engine/scoring/form";
import type { TSampleLead } from "@/lib/server/scoring/sample-leads";

const BLANK: TSampleLead = { id: "blank", label: "A blank sample (type its fields)", facts: {}, activities: [] };
const GROUP_WORDS = { fit: "Fit", engagement: "Engagement", negative: "Negative" } as const;

/**
 * The live score of a sample lead under the model as it is being edited. The scoring engine
 * is pure, so it runs here in the browser on every keystroke; half-typed rules are left out
 * (and counted) until they are valid.
 */
export function LiveScorePanel({ control, samples }: { control: Control<TScoringForm>; samples: TSampleLead[] }) {
  const all = [...samples, BLANK];
  const [sampleId, setSampleId] = useState(all[0]!.id);
  const [edits, setEdits] = useState<Record<string, string>>({});
  // The moment the editor opened: engagement decay is computed as of then, so the score moves only when the model does.
  const [now] = useState(() => new Date());
  const values = useWatch({ control }) as Partial<TScoringForm>;
  const sample = all.find((s) => s.id === sampleId) ?? BLANK;
  const attributes = ruleAttributes({ fit: values.fit ?? [], negative: values.negative ?? [] });
  const text = (attribute: string) => edits[attribute] ?? (sample.facts[attribute] === null || sample.facts[attribute] === undefined ? "" : String(sample.facts[attribute]));
  const facts = { ...sample.facts, ...Object.fromEntries(Object.entries(edits).map(([k, t]) => [k, factFromText(k, t)])) };
  const { policy, skipped } = lenientPolicy({ fit: [], engagement: [], negative: [], fitMin: 0, engagementMin: 0, mqlThreshold: 0, reviewBy: "", ...values });
  const result = scoreLead(policy, facts, sample.activities.map((a) => ({ type: a.type, occurredAt: new Date(a.occurredAt) })), now);
  const counts = sample.activities.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.type]: (acc[a.type] ?? 0) + 1 }), {});

  return (
    <aside aria-label="Sample lead" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4">
      <h2 className="font-semibold">Live score of a sample lead</h2>
      <label className="flex flex-col text-sm">
        <span className="font-medium text-slate-700">Sample lead</span>
        <select
          value={sampleId}
          onChange={(e) => {
            setSampleId(e.target.value);
            setEdits({});
          }}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {all.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {attributes.length ? (
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Fields the rules read (edit to try)</legend>
          {attributes.map((a) => (
            <label key={a} className="flex flex-col text-xs text-slate-600">
              <span className="truncate" title={a}>
                {a}
              </span>
              <input
                aria-label={`Sample ${a}`}
                value={text(a)}
                onChange={(e) => setEdits((prev) => ({ ...prev, [a]: e.target.value }))}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="text-xs text-slate-500">
        Activities in the last year: {Object.keys(counts).length ? Object.entries(counts).map(([t, n]) => `${n} × ${t}`).join(", ") : "none"}.
      </p>
      <section aria-label="Live score" aria-live="polite" className="rounded-md bg-slate-50 p-3">
        <p className="text-lg font-semibold">
          Score <span data-testid="live-score">{result.total}</span> / 100 · {result.isMql ? "MQL" : "not an MQL"}
        </p>
        <p className="text-sm text-slate-600">
          Fit {result.fit} · engagement {Math.round(result.engagement)} · negative {result.negative}
        </p>
        {skipped ? <p className="mt-1 text-xs text-amber-800">{skipped} rule{skipped === 1 ? " has" : "s have"} errors and {skipped === 1 ? "is" : "are"} left out until fixed.</p> : null}
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {result.breakdown.map((b) => (
            <li key={`${b.group}-${b.ruleId}`}>
              <span className={b.points < 0 ? "text-red-700" : "text-emerald-700"}>
                {b.points > 0 ? "+" : ""}
                {b.points}
              </span>{" "}
              {GROUP_WORDS[b.group]}: {b.label} — {b.detail}
            </li>
          ))}
          {result.breakdown.length === 0 ? <li className="text-slate-500">No rule matches this lead.</li> : null}
        </ul>
        <p className="mt-2 text-sm">{result.reasons[0]}</p>
      </section>
    </aside>
  );
}
