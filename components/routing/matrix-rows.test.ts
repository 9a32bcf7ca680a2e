import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TRoutingRow } from "@/lib/schemas/policies/routing";
import { addRow, deleteRow, duplicateRow, moveRow, uniqueRowId } from "./matrix-rows";

const TEAM = "00000000-0000-4000-8000-000000000900";
const row = (id: string, conditions: TRoutingRow["conditions"] = { country: { op: "equals", value: "DE" } }): TRoutingRow => ({ id, label: id.toUpperCase(), conditions, action: { type: "QUEUE", teamId: TEAM } });
const ids = (rows: TRoutingRow[]) => rows.map((r) => r.id);
const base = () => [row("a"), row("b"), row("c"), row("fallback", {})];

describe("matrix row edits", () => {
  it("moves a row up, down and to the ends, clamping out-of-range targets", () => {
    expect(ids(moveRow(base(), 1, 0))).toEqual(["b", "a", "c", "fallback"]);
    expect(ids(moveRow(base(), 1, 2))).toEqual(["a", "c", "b", "fallback"]);
    expect(ids(moveRow(base(), 0, 99))).toEqual(["b", "c", "fallback", "a"]);
    expect(ids(moveRow(base(), 2, -5))).toEqual(["c", "a", "b", "fallback"]);
    expect(ids(moveRow(base(), 7, 0))).toEqual(ids(base()));
  });

  it("duplicates below the original with a fresh id and a deep copy", () => {
    const rows = duplicateRow(base(), 0);
    expect(ids(rows)).toEqual(["a", "a-copy", "b", "c", "fallback"]);
    expect(rows[1]!.label).toBe("A (copy)");
    expect(rows[1]!.conditions).toEqual(rows[0]!.conditions);
    expect(rows[1]!.conditions).not.toBe(rows[0]!.conditions);
    expect(ids(duplicateRow(rows, 0))).toEqual(["a", "a-copy-2", "a-copy", "b", "c", "fallback"]);
  });

  it("adds new rows before the fallback, and deletes by position", () => {
    const added = addRow(addRow(base(), { type: "QUEUE", teamId: TEAM }), { type: "QUEUE", teamId: TEAM });
    expect(ids(added)).toEqual(["a", "b", "c", "row", "row-2", "fallback"]);
    expect(ids(deleteRow(added, 3))).toEqual(["a", "b", "c", "row-2", "fallback"]);
    expect(ids(addRow([row("a")], { type: "QUEUE", teamId: TEAM }))).toEqual(["a", "row"]);
  });

  it("finds the first free id", () => {
    expect(uniqueRowId("x", [])).toBe("x");
    expect(uniqueRowId("x", ["x", "x-2"])).toBe("x-3");
    expect(uniqueRowId("x-2", ["x", "x-2"])).toBe("x-3");
    expect(uniqueRowId("y".repeat(80), []).length).toBeLessThanOrEqual(64);
  });

  it("any sequence of edits keeps ids unique and never loses or invents a row except by add/delete", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("move" as const), from: fc.nat(12), to: fc.integer({ min: -2, max: 14 }) }),
      fc.record({ kind: fc.constant("dup" as const), at: fc.nat(12) }),
      fc.record({ kind: fc.constant("del" as const), at: fc.nat(12) }),
      fc.record({ kind: fc.constant("add" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let rows = base();
        for (const o of ops) {
          const before = rows.length;
          if (o.kind === "move") rows = moveRow(rows, o.from, o.to);
          else if (o.kind === "dup") rows = duplicateRow(rows, o.at);
          else if (o.kind === "del") rows = deleteRow(rows, o.at);
          else rows = addRow(rows, { type: "QUEUE", teamId: TEAM });
          const expected = o.kind === "move" ? before : o.kind === "del" ? (o.at < before ? before - 1 : before) : o.kind === "dup" ? (o.at < before ? before + 1 : before) : before + 1;
          expect(rows).toHaveLength(expected);
          expect(new Set(ids(rows)).size).toBe(rows.length);
          for (const id of ids(rows)) expect(id.length).toBeLessThanOrEqual(64);
        }
      }),
    );
  });
});
