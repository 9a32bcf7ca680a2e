"use client";
import { useState } from "react";
import { SelectInput, TextInput } from "@/components/ui/field";
import { attributeType, type TRoutingCondition } from "@/lib/schemas/policies/common";

// One cell of the matrix: the condition a row puts on one column, with an input typed by the
// condition (a list, a numeric range, a yes/no) and by the column (numbers stay numbers;
// countries, industries, regions and segments are picked from their known values).

const OP_LABELS: Record<TRoutingCondition["op"], string> = {
  any: "any",
  equals: "equals",
  in: "is one of",
  range: "in range",
  prefix: "starts with",
  suffix: "ends with",
  isEmpty: "is empty / set",
};

const OPS_BY_TYPE: Record<string, TRoutingCondition["op"][]> = {
  string: ["any", "equals", "in", "prefix", "suffix", "isEmpty"],
  number: ["any", "equals", "in", "range", "isEmpty"],
  boolean: ["any", "equals", "isEmpty"],
  unknown: ["any", "equals", "in", "range", "prefix", "suffix", "isEmpty"],
};

/** The condition an op starts with when picked, keeping what can be kept of the previous one. */
function startCondition(op: TRoutingCondition["op"], previous: TRoutingCondition, type: string): TRoutingCondition {
  const values = previous.op === "in" || previous.op === "prefix" || previous.op === "suffix" ? previous.values : previous.op === "equals" ? [previous.value] : [];
  switch (op) {
    case "any":
      return { op };
    case "equals":
      return { op, value: type === "boolean" ? true : type === "number" ? Number(values[0] ?? 0) || 0 : String(values[0] ?? "") };
    case "in":
      return { op, values: values.filter((v): v is string | number => typeof v !== "boolean") };
    case "prefix":
    case "suffix":
      return { op, values: values.map(String).filter(Boolean) };
    case "range":
      return { op, min: 0 };
    case "isEmpty":
      return { op, value: true };
  }
}

/** Comma-separated entries; keeps the typed text while it is being written ("DE, "). */
function ListInput({ id, label, values, numeric, onValues }: { id: string; label: string; values: readonly (string | number)[]; numeric: boolean; onValues: (v: (string | number)[]) => void }) {
  const [text, setText] = useState(values.join(", "));
  return (
    <TextInput
      id={id}
      aria-label={label}
      value={text}
      placeholder="DE, AT, CH"
      onChange={(e) => {
        setText(e.target.value);
        const parts = e.target.value.split(",").map((s) => s.trim()).filter(Boolean);
        onValues(numeric ? parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p)) : parts);
      }}
    />
  );
}

export function ConditionInput({
  id,
  column,
  condition,
  options,
  onChange,
}: {
  id: string;
  column: string;
  condition: TRoutingCondition;
  /** Known values of the column (countries, industries …), when there is a fixed list. */
  options?: readonly string[];
  onChange: (c: TRoutingCondition) => void;
}) {
  const type = attributeType(column) ?? "unknown";
  const ops = OPS_BY_TYPE[type] ?? OPS_BY_TYPE.unknown!;
  const numeric = type === "number";
  const label = (what: string) => `${column} ${what}`;
  return (
    <div className="flex flex-col gap-1">
      <SelectInput
        id={id}
        aria-label={label("condition")}
        value={condition.op}
        onChange={(e) => onChange(startCondition(e.target.value as TRoutingCondition["op"], condition, type))}
        className="py-1"
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {OP_LABELS[op]}
          </option>
        ))}
      </SelectInput>
      {condition.op === "equals" ? (
        type === "boolean" ? (
          <SelectInput aria-label={label("value")} value={String(condition.value)} onChange={(e) => onChange({ op: "equals", value: e.target.value === "true" })} className="py-1">
            <option value="true">yes</option>
            <option value="false">no</option>
          </SelectInput>
        ) : options && !numeric ? (
          <SelectInput aria-label={label("value")} value={String(condition.value)} onChange={(e) => onChange({ op: "equals", value: e.target.value })} className="py-1">
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </SelectInput>
        ) : (
          <TextInput
            aria-label={label("value")}
            type={numeric ? "number" : "text"}
            value={String(condition.value)}
            onChange={(e) => onChange({ op: "equals", value: numeric && e.target.value !== "" ? Number(e.target.value) : e.target.value })}
            className="py-1"
          />
        )
      ) : null}
      {condition.op === "in" ? (
        options && !numeric ? (
          <SelectInput
            multiple
            aria-label={label("values")}
            value={condition.values.map(String)}
            onChange={(e) => onChange({ op: "in", values: [...e.target.selectedOptions].map((o) => o.value) })}
            className="h-24 py-1"
          >
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </SelectInput>
        ) : (
          <ListInput id={`${id}-values`} label={label("values")} values={condition.values} numeric={numeric} onValues={(values) => onChange({ op: "in", values: values as [string | number, ...(string | number)[]] })} />
        )
      ) : null}
      {condition.op === "prefix" || condition.op === "suffix" ? (
        <ListInput
          id={`${id}-values`}
          label={label("values")}
          values={condition.values}
          numeric={false}
          onValues={(values) => onChange({ op: condition.op, values: values.map(String) } as TRoutingCondition)}
        />
      ) : null}
      {condition.op === "range" ? (
        <div className="flex items-center gap-1 text-xs text-slate-600">
          <TextInput
            aria-label={label("minimum (inclusive)")}
            type="number"
            value={condition.min ?? ""}
            placeholder="min"
            className="w-20 py-1"
            onChange={(e) => onChange({ op: "range", min: e.target.value === "" ? undefined : Number(e.target.value), max: condition.max })}
          />
          ≤ x &lt;
          <TextInput
            aria-label={label("maximum (exclusive)")}
            type="number"
            value={condition.max ?? ""}
            placeholder="max"
            className="w-20 py-1"
            onChange={(e) => onChange({ op: "range", min: condition.min, max: e.target.value === "" ? undefined : Number(e.target.value) })}
          />
        </div>
      ) : null}
      {condition.op === "isEmpty" ? (
        <SelectInput aria-label={label("emptiness")} value={condition.value === false ? "false" : "true"} onChange={(e) => onChange({ op: "isEmpty", value: e.target.value === "true" })} className="py-1">
          <option value="true">is empty</option>
          <option value="false">is set</option>
        </SelectInput>
      ) : null}
    </div>
  );
}
