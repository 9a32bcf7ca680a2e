import { describe, expect, it } from "vitest";
import { splitDeferred } from "./defer-items";

const item = (index: number, ...keys: string[]) => ({ item: { index, lead: {} as never }, keys });
const indexes = (xs: readonly { item: { index: number } }[]) => xs.map((x) => x.item.index);

describe("splitDeferred", () => {
  it.each([
    { name: "nothing held: everything runs", held: [], runnable: [0, 1, 2, 3, 4], deferred: [] },
    { name: "a held identity defers its item and every later item sharing a key with it", held: ["email:a"], runnable: [1, 4], deferred: [0, 2, 3] },
    { name: "an item linking two people defers the later items of both", held: ["ext:x"], runnable: [0, 1, 4], deferred: [2, 3] },
    { name: "a held stored lead defers the items that match it", held: ["lead-id:L"], runnable: [0, 1, 2, 3], deferred: [4] },
  ])("$name", ({ held, runnable, deferred }) => {
    const items = [item(0, "email:a"), item(1, "email:b"), item(2, "email:a", "ext:x"), item(3, "ext:x"), item(4, "email:c", "lead-id:L")];
    const split = splitDeferred(items, (k) => held.includes(k));
    expect(indexes(split.runnable)).toEqual(runnable);
    expect(indexes(split.deferred)).toEqual(deferred);
  });

  it("lets an earlier item of the same person run before a later one that waits", () => {
    const split = splitDeferred([item(0, "email:a"), item(1, "email:a", "ext:y")], (k) => k === "ext:y");
    expect(indexes(split.runnable)).toEqual([0]);
    expect(indexes(split.deferred)).toEqual([1]);
  });
});
