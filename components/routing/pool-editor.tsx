"use client";
import { Button } from "@/components/ui/button";
import { SelectInput, TextInput } from "@/components/ui/field";
import type { TPoolMember, TRoutingPool } from "@/lib/schemas/policies/routing";
import type { TPickerOption } from "./action-input";
import type { TRowIssue } from "./matrix-row";
import { uniqueRowId } from "./matrix-rows";

type TProps = {
  pools: readonly TRoutingPool[];
  users: readonly TPickerOption[];
  /** Schema and lint findings per pool index. */
  issues: ReadonlyMap<number, readonly TRowIssue[]>;
  onChange: (pools: TRoutingPool[]) => void;
};

const optionalInt = (value: string): number | undefined => (value.trim() === "" ? undefined : Number(value));

/**
 * The round-robin pools the matrix's POOL rows route to: name, members with weight and caps,
 * required skills and catch-up. Pool ids are fixed once created: the fairness state is kept
 * per pool id, so renaming a pool keeps everyone's standing.
 */
export function PoolEditor({ pools, users, issues, onChange }: TProps) {
  const setPool = (i: number, pool: TRoutingPool) => onChange(pools.map((p, j) => (j === i ? pool : p)));
  const setMember = (i: number, m: number, member: TPoolMember) => setPool(i, { ...pools[i]!, members: pools[i]!.members.map((x, k) => (k === m ? member : x)) });
  return (
    <section aria-labelledby="pools-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="pools-heading" className="font-semibold">
        Round-robin pools
      </h2>
      <p className="mt-1 text-sm text-slate-600">Members get leads in proportion to their weight; a member on PTO, outside working hours, capped, inactive or lacking a required skill is skipped.</p>
      <ul className="mt-3 flex flex-col gap-4">
        {pools.map((pool, i) => {
          const poolIssues = issues.get(i) ?? [];
          const free = users.filter((u) => !pool.members.some((m) => m.userId === u.id));
          const name = (userId: string) => users.find((u) => u.id === userId)?.name ?? `Unknown user (${userId})`;
          return (
            <li key={pool.id} aria-label={`Pool ${pool.name}`} className="rounded border border-slate-200 p-3">
              <div className="flex flex-wrap items-end gap-3">
                <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
                  Pool name
                  <TextInput value={pool.name} onChange={(e) => setPool(i, { ...pool, name: e.target.value })} className="py-1" />
                </label>
                <span className="text-xs text-slate-400">id {pool.id}</span>
                <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
                  Required skills (comma-separated)
                  <TextInput
                    defaultValue={pool.requiredSkills.join(", ")}
                    placeholder="lang:de, product:analytics"
                    onChange={(e) => setPool(i, { ...pool, requiredSkills: e.target.value.split(",").map((s) => s.trim()).filter(Boolean) })}
                    className="py-1"
                  />
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={pool.catchUpAfterAbsence} onChange={(e) => setPool(i, { ...pool, catchUpAfterAbsence: e.target.checked })} />
                  Catch up after absence
                </label>
                <Button type="button" variant="danger" className="ml-auto px-2 py-1" onClick={() => onChange(pools.filter((_, j) => j !== i))} aria-label={`Delete pool ${pool.name}`}>
                  Delete pool
                </Button>
              </div>
              <table className="mt-2 w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1 pr-2">Member</th>
                    <th className="py-1 pr-2">Weight</th>
                    <th className="py-1 pr-2">Cap per day</th>
                    <th className="py-1 pr-2">Cap per week</th>
                    <th className="py-1" />
                  </tr>
                </thead>
                <tbody>
                  {pool.members.map((m, k) => (
                    <tr key={m.userId} className="border-t border-slate-100">
                      <td className="py-1 pr-2">{name(m.userId)}</td>
                      <td className="py-1 pr-2">
                        <TextInput type="number" min={1} max={100} aria-label={`Weight of ${name(m.userId)}`} value={m.weight} onChange={(e) => setMember(i, k, { ...m, weight: Number(e.target.value) })} className="w-20 py-1" />
                      </td>
                      <td className="py-1 pr-2">
                        <TextInput type="number" min={1} aria-label={`Daily cap of ${name(m.userId)}`} value={m.capPerDay ?? ""} placeholder="none" onChange={(e) => setMember(i, k, { ...m, capPerDay: optionalInt(e.target.value) })} className="w-20 py-1" />
                      </td>
                      <td className="py-1 pr-2">
                        <TextInput type="number" min={1} aria-label={`Weekly cap of ${name(m.userId)}`} value={m.capPerWeek ?? ""} placeholder="none" onChange={(e) => setMember(i, k, { ...m, capPerWeek: optionalInt(e.target.value) })} className="w-20 py-1" />
                      </td>
                      <td className="py-1 text-right">
                        <Button type="button" variant="ghost" className="px-2 py-1" onClick={() => setPool(i, { ...pool, members: pool.members.filter((_, x) => x !== k) })} aria-label={`Remove ${name(m.userId)} from ${pool.name}`}>
                          Remove
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pool.members.length === 0 ? <p className="text-sm text-slate-600">No members yet: add at least one active member before a row routes here.</p> : null}
              <SelectInput
                aria-label={`Add a member to ${pool.name}`}
                value=""
                onChange={(e) => e.target.value && setPool(i, { ...pool, members: [...pool.members, { userId: e.target.value, weight: 1 }] })}
                className="mt-2 py-1 text-sm"
              >
                <option value="">Add member…</option>
                {free.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                    {u.note ? ` (${u.note})` : ""}
                  </option>
                ))}
              </SelectInput>
              {poolIssues.length > 0 ? (
                <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`Problems in pool ${pool.name}`}>
                  {poolIssues.map((issue, n) => (
                    <li key={n} className={issue.severity === "error" ? "font-medium text-red-700" : "text-amber-800"}>
                      {issue.severity === "error" ? "Error: " : "Warning: "}
                      {issue.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="secondary"
        className="mt-3"
        onClick={() => onChange([...pools, { id: uniqueRowId("pool", pools.map((p) => p.id)), name: "New pool", members: [], requiredSkills: [], catchUpAfterAbsence: false }])}
      >
        Add pool
      </Button>
    </section>
  );
}
