import { describe, expect, it } from "vitest";
import { entryReasons } from "./entry-reasons";

const breakdown = [
  { group: "fit", ruleId: "geo-core", label: "Core market", points: 5, detail: "country is one of US, DE (it is DE)" },
  { group: "negative", ruleId: "student", label: "Student", points: -30, detail: "title contains Student (it is Student)" },
];
const verdict = ["Not an MQL: total 0 is below the MQL threshold 60", "Total 0 = fit 5 + engagement 0 + negative -30 (-25 clamped to the 0–100 scale)"];
const lines = ["+5 fit · Core market: country is one of US, DE (it is DE)", "-30 negative · Student: title contains Student (it is Student)"];

describe("entryReasons", () => {
  it.each([
    ["a score stored with its verdict only gets each contribution back, in breakdown order", "lead.scored", verdict, breakdown, [...verdict, ...lines]],
    ["a rescore the same, after its own first line", "lead.rescored", ["Rescored with scoring version 2: 40 → 0.", ...verdict], breakdown, ["Rescored with scoring version 2: 40 → 0.", ...verdict, ...lines]],
    ["a score written before ADR 0031 already lists them: unchanged", "lead.scored", [...verdict, ...lines], breakdown, [...verdict, ...lines]],
    ["a score where no rule matched", "lead.scored", [...verdict, "No rule of the model matched this lead"], [], [...verdict, "No rule of the model matched this lead"]],
    ["any other kind: its reasons as stored", "lead.routed", ["Routed to the Inbound Desk queue by row 12"], breakdown, ["Routed to the Inbound Desk queue by row 12"]],
    ["a breakdown that is not one (hand-made entry): the reasons as stored", "lead.scored", verdict, [{ label: "x" }], verdict],
  ])("%s", (_name, kind, reasons, items, expected) => {
    expect(entryReasons({ kind, reasons, output: { breakdown: items } })).toEqual(expected);
  });

  it("reads what is not a list as no reasons", () => {
    expect(entryReasons({ kind: "lead.scored", reasons: null, output: null })).toEqual([]);
  });
});
