"use client";
import { SelectInput } from "@/components/ui/field";
import type { TRoutingAction } from "@/lib/schemas/policies/routing";

export type TPickerOption = { id: string; name: string; note?: string };
export type TActionTargets = { users: readonly TPickerOption[]; pools: readonly TPickerOption[]; teams: readonly TPickerOption[] };

const TYPES: { type: TRoutingAction["type"]; label: string }[] = [
  { type: "ACCOUNT_OWNER", label: "Account owner" },
  { type: "USER", label: "A person" },
  { type: "POOL", label: "Round-robin pool" },
  { type: "QUEUE", label: "Team queue" },
];

/** The action a type starts with: its first target, or an empty one the schema then flags inline. */
function startAction(type: TRoutingAction["type"], targets: TActionTargets): TRoutingAction {
  if (type === "USER") return { type, userId: targets.users[0]?.id ?? "" };
  if (type === "POOL") return { type, poolId: targets.pools[0]?.id ?? "" };
  if (type === "QUEUE") return { type, teamId: targets.teams[0]?.id ?? "" };
  return { type: "ACCOUNT_OWNER" };
}

/** What a matched row does, with a picker for its target (person, pool or team). */
export function ActionInput({ id, action, targets, onChange }: { id: string; action: TRoutingAction; targets: TActionTargets; onChange: (a: TRoutingAction) => void }) {
  const list = action.type === "USER" ? targets.users : action.type === "POOL" ? targets.pools : action.type === "QUEUE" ? targets.teams : null;
  const value = action.type === "USER" ? action.userId : action.type === "POOL" ? action.poolId : action.type === "QUEUE" ? action.teamId : "";
  const set = (target: string) => {
    if (action.type === "USER") onChange({ type: "USER", userId: target });
    else if (action.type === "POOL") onChange({ type: "POOL", poolId: target });
    else if (action.type === "QUEUE") onChange({ type: "QUEUE", teamId: target });
  };
  return (
    <div className="flex flex-col gap-1">
      <SelectInput id={id} aria-label="Action" value={action.type} onChange={(e) => onChange(startAction(e.target.value as TRoutingAction["type"], targets))} className="py-1">
        {TYPES.map((t) => (
          <option key={t.type} value={t.type}>
            {t.label}
          </option>
        ))}
      </SelectInput>
      {list ? (
        <SelectInput aria-label="Target" value={value} onChange={(e) => set(e.target.value)} className="py-1">
          {list.some((o) => o.id === value) ? null : <option value={value}>{value ? `Unknown (${value})` : "Choose…"}</option>}
          {list.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
              {o.note ? ` (${o.note})` : ""}
            </option>
          ))}
        </SelectInput>
      ) : null}
    </div>
  );
}
