"use client";
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch, type FieldErrors } from "react-hook-form";
import { lintRoutingDraftAction, saveRoutingDraftAction } from "@/app/(app)/policies/routing/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ATTRIBUTE_TYPES } from "@/lib/schemas/policies/common";
import { ZRoutingPolicy, type TRoutingPolicy, type TRoutingRow } from "@/lib/schemas/policies/routing";
import type { TPolicyLint } from "@/lib/server/commands/lint-policy-version";
import type { TPickerOption } from "./action-input";
import { addRow, deleteRow, duplicateRow, moveRow } from "./matrix-rows";
import { MatrixRow, type TRowIssue } from "./matrix-row";
import { SimulateForm } from "./simulate-form";

const LINT_DELAY_MS = 400;

type TProps = {
  versionId: string;
  version: number;
  name: string;
  body: TRoutingPolicy;
  users: readonly TPickerOption[];
  teams: readonly TPickerOption[];
  columnOptions: Readonly<Record<string, readonly string[]>>;
};

/** Every message under one node of react-hook-form's error tree (row errors nest by field). */
function messagesIn(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === "ref") continue;
    if (key === "message" && typeof value === "string") out.push(value);
    else messagesIn(value, out);
  }
  return out;
}

/**
 * The routing matrix editor for one draft. State lives in react-hook-form, validated with the
 * same zod schema the server uses (errors inline on the rows); every edit is also linted on the
 * server a moment later (unreachable or shadowed rows, empty pools, inactive users), since lint
 * needs the live user directory. Saving writes the draft; publishing happens below the editor.
 */
export function MatrixEditor({ versionId, version, name: initialName, body, users, teams, columnOptions }: TProps) {
  const router = useRouter();
  const form = useForm<TRoutingPolicy>({ resolver: zodResolver(ZRoutingPolicy), mode: "onChange", defaultValues: body });
  const { errors, isDirty, isSubmitting } = form.formState;
  const values = useWatch({ control: form.control }) as TRoutingPolicy;
  const rows = values.rows ?? [];
  const columns = values.columns ?? [];
  const [name, setName] = useState(initialName);
  const [lint, setLint] = useState<TPolicyLint | null>(null);
  const [lintedSnapshot, setLintedSnapshot] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const lintRequest = useRef(0);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  // Lint on every edit, debounced; a slower earlier answer never overwrites a later one.
  const snapshot = JSON.stringify(values);
  const linting = lintedSnapshot !== snapshot;
  useEffect(() => {
    const request = ++lintRequest.current;
    const timer = setTimeout(async () => {
      const result = await lintRoutingDraftAction({ body: JSON.parse(snapshot) });
      if (request !== lintRequest.current) return;
      setLintedSnapshot(snapshot);
      if (result.ok) setLint(result.data);
    }, LINT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [snapshot]);

  const setRows = (next: TRoutingRow[]) => {
    setMessage(null);
    form.setValue("rows", next, { shouldDirty: true, shouldValidate: true });
  };
  const setColumns = (next: string[]) => {
    form.setValue("columns", next, { shouldDirty: true, shouldValidate: true });
  };

  const issuesByRow = (() => {
    const map = new Map<string, TRowIssue[]>();
    const add = (rowId: string, issue: TRowIssue) => map.set(rowId, [...(map.get(rowId) ?? []), issue]);
    const rowErrors = (errors as FieldErrors<TRoutingPolicy>).rows;
    rows.forEach((row, i) => {
      const node = Array.isArray(rowErrors) ? rowErrors[i] : (rowErrors as Record<number, unknown> | undefined)?.[i];
      for (const m of new Set(messagesIn(node))) add(row.id, { severity: "error", message: m });
    });
    for (const issue of lint?.errors ?? []) if (issue.rowId && issue.code !== "INVALID") add(issue.rowId, { severity: "error", message: issue.message });
    for (const issue of lint?.warnings ?? []) if (issue.rowId) add(issue.rowId, { severity: "warning", message: issue.message });
    return map;
  })();
  const generalIssues = [
    ...messagesIn(errors.columns).map((m) => ({ severity: "error" as const, message: m })),
    ...messagesIn((errors.rows as { root?: unknown } | undefined)?.root).map((m) => ({ severity: "error" as const, message: m })),
    ...(lint?.errors ?? []).filter((i) => !i.rowId && i.code !== "INVALID").map((i) => ({ severity: "error" as const, message: i.message })),
    ...(lint?.warnings ?? []).filter((i) => !i.rowId).map((i) => ({ severity: "warning" as const, message: i.message })),
  ];
  const errorCount = [...issuesByRow.values()].flat().filter((i) => i.severity === "error").length + generalIssues.filter((i) => i.severity === "error").length;
  const warningCount = [...issuesByRow.values()].flat().filter((i) => i.severity === "warning").length + generalIssues.filter((i) => i.severity === "warning").length;

  const targets = { users, teams, pools: (values.pools ?? []).map((p) => ({ id: p.id, name: p.name, note: `${p.members.length} member${p.members.length === 1 ? "" : "s"}` })) };
  const defaultAction = teams[0] ? ({ type: "QUEUE", teamId: teams[0].id } as const) : ({ type: "ACCOUNT_OWNER" } as const);
  const unusedColumns = Object.keys(ATTRIBUTE_TYPES).filter((c) => !columns.includes(c));

  const onDragEnd = (event: DragEndEvent) => {
    if (!event.over || event.active.id === event.over.id) return;
    const from = rows.findIndex((r) => r.id === event.active.id);
    const to = rows.findIndex((r) => r.id === event.over!.id);
    if (from >= 0 && to >= 0) setRows(moveRow(rows, from, to));
  };

  const onSave = form.handleSubmit(
    async (parsed) => {
      const result = await saveRoutingDraftAction({ versionId, name, body: parsed });
      if (!result.ok) {
        setMessage({ tone: "error", text: result.error.message });
        return;
      }
      form.reset(parsed);
      setMessage({ tone: "success", text: `Draft v${version} saved.` });
      router.refresh();
    },
    () => setMessage({ tone: "error", text: "Fix the rows marked in red before saving." }),
  );

  return (
    <>
    <form onSubmit={onSave} noValidate aria-label="Routing matrix editor" className="flex flex-col gap-4">
      <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[2fr_3fr]">
        <Field id="draft-name" label="Draft name">
          <TextInput id="draft-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-700">Columns (lead and account attributes the rows test)</span>
          <div className="flex flex-wrap items-center gap-2">
            {columns.map((c) => (
              <span key={c} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs">
                {c}
                <button
                  type="button"
                  aria-label={`Remove column ${c}`}
                  className="text-slate-500 hover:text-red-700"
                  onClick={() => {
                    setColumns(columns.filter((x) => x !== c));
                    setRows(rows.map((r) => ({ ...r, conditions: Object.fromEntries(Object.entries(r.conditions).filter(([k]) => k !== c)) })));
                  }}
                >
                  ×
                </button>
              </span>
            ))}
            <SelectInput aria-label="Add column" value="" onChange={(e) => e.target.value && setColumns([...columns, e.target.value])} className="py-1 text-xs">
              <option value="">Add column…</option>
              {unusedColumns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectInput>
          </div>
        </div>
      </div>

      <div role="status" aria-live="polite" className="flex flex-wrap items-center gap-3 text-sm">
        <span className={errorCount > 0 ? "font-semibold text-red-700" : "text-emerald-700"}>
          {errorCount === 0 ? "No errors" : `${errorCount} error${errorCount === 1 ? "" : "s"}`}
        </span>
        <span className={warningCount > 0 ? "text-amber-800" : "text-slate-500"}>
          {warningCount} warning{warningCount === 1 ? "" : "s"}
        </span>
        <span className="text-slate-500">{linting ? "Checking…" : lint ? "Lint up to date" : ""}</span>
        <span className="text-slate-500">First matching row wins; a row that cannot assign falls through to the next. The last row must match every lead.</span>
      </div>
      {generalIssues.length > 0 ? (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Problems with the whole matrix">
          {generalIssues.map((i, n) => (
            <li key={n} className={i.severity === "error" ? "font-medium text-red-700" : "text-amber-800"}>
              {i.severity === "error" ? "Error: " : "Warning: "}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}

      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={rows.map((r) => r.id)} strategy={verticalListSortingStrategy}>
          <ol className="flex flex-col gap-3" aria-label="Matrix rows">
            {rows.map((row, i) => (
              <MatrixRow
                key={row.id}
                row={row}
                index={i}
                count={rows.length}
                columns={columns}
                columnOptions={columnOptions}
                targets={targets}
                issues={issuesByRow.get(row.id) ?? []}
                onChange={(next) => setRows(rows.map((r, j) => (j === i ? next : r)))}
                onMove={(to) => to >= 0 && to < rows.length && setRows(moveRow(rows, i, to))}
                onDuplicate={() => setRows(duplicateRow(rows, i))}
                onDelete={() => setRows(deleteRow(rows, i))}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={() => setRows(addRow(rows, defaultAction))}>
          Add row
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save draft"}
        </Button>
        <span className="text-sm text-slate-500">{isDirty ? "Unsaved changes" : "All changes saved"}</span>
      </div>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
    </form>
    <SimulateForm versionId={versionId} {...(isDirty ? { disabledReason: "Save the draft first: the simulation replays the saved version." } : {})} />
    </>
  );
}
