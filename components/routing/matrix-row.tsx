"use client";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import type { TRoutingRow } from "@/lib/schemas/policies/routing";
import { ActionInput, type TActionTargets } from "./action-input";
import { ConditionInput } from "./condition-input";

export type TRowIssue = { severity: "error" | "warning"; message: string };

type TProps = {
  row: TRoutingRow;
  index: number;
  count: number;
  columns: readonly string[];
  columnOptions: Readonly<Record<string, readonly string[]>>;
  targets: TActionTargets;
  issues: readonly TRowIssue[];
  onChange: (row: TRoutingRow) => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onDelete: () => void;
};

/**
 * One row of the matrix as a card: drag handle (pointer, or Space then arrows), label, KPI
 * note, one typed condition per column, the action, and move / duplicate / delete buttons.
 * Alt+↑ / Alt+↓ anywhere in the row move it too. Schema and lint findings show under it.
 */
export function MatrixRow({ row, index, count, columns, columnOptions, targets, issues, onChange, onMove, onDuplicate, onDelete }: TProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: row.id });
  const number = index + 1;
  const headingId = `row-${row.id}-heading`;
  const errors = issues.filter((i) => i.severity === "error");
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    onMove(e.key === "ArrowUp" ? index - 1 : index + 1);
  };
  const setCondition = (column: string, c: TRoutingCondition) => {
    const conditions = { ...row.conditions };
    // "any" is the same as leaving the column out; the stored body stays small.
    if (c.op === "any") delete conditions[column];
    else conditions[column] = c;
    onChange({ ...row, conditions });
  };
  const optional = (value: string) => (value.trim() === "" ? undefined : value);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      aria-labelledby={headingId}
      onKeyDown={onKeyDown}
      className={`rounded-lg border bg-white p-3 ${errors.length > 0 ? "border-red-300" : issues.length > 0 ? "border-amber-300" : "border-slate-200"} ${isDragging ? "z-10 shadow-lg" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Drag row ${number} (Space to pick up, arrows to move)`}
          className="cursor-grab rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          ⋮⋮
        </button>
        <h3 id={headingId} className="font-semibold">
          Row {number}
          {row.label ? ` · ${row.label}` : ""}
        </h3>
        <span className="text-xs text-slate-400">id {row.id}</span>
        <div className="ml-auto flex gap-1">
          <Button type="button" variant="ghost" className="px-2 py-1" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move row ${number} up`} title="Move up (Alt+↑)">
            ↑
          </Button>
          <Button type="button" variant="ghost" className="px-2 py-1" onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={`Move row ${number} down`} title="Move down (Alt+↓)">
            ↓
          </Button>
          <Button type="button" variant="secondary" className="px-2 py-1" onClick={onDuplicate} aria-label={`Duplicate row ${number}`}>
            Duplicate
          </Button>
          <Button type="button" variant="danger" className="px-2 py-1" onClick={onDelete} disabled={count === 1} aria-label={`Delete row ${number}`}>
            Delete
          </Button>
        </div>
      </div>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Label
          <TextInput value={row.label ?? ""} onChange={(e) => onChange({ ...row, label: optional(e.target.value) })} className="py-1" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          KPI note (why the row exists)
          <TextInput value={row.kpiNote ?? ""} onChange={(e) => onChange({ ...row, kpiNote: optional(e.target.value) })} className="py-1" />
        </label>
      </div>
      <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {columns.map((column) => (
          <div key={column} className="flex flex-col gap-1">
            <span className="text-xs font-medium text-slate-600">{column}</span>
            <ConditionInput
              id={`row-${row.id}-${column}`}
              column={column}
              condition={Object.hasOwn(row.conditions, column) ? row.conditions[column]! : { op: "any" }}
              {...(columnOptions[column] ? { options: columnOptions[column] } : {})}
              onChange={(c) => setCondition(column, c)}
            />
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Then route to</span>
          <ActionInput id={`row-${row.id}-action`} action={row.action} targets={targets} onChange={(action) => onChange({ ...row, action })} />
        </div>
      </div>
      {issues.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`Problems in row ${number}`}>
          {issues.map((issue, i) => (
            <li key={i} className={issue.severity === "error" ? "font-medium text-red-700" : "text-amber-800"}>
              {issue.severity === "error" ? "Error: " : "Warning: "}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
