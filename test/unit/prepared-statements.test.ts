import { describe, expect, it } from "vitest";

import { preparedStatementNames } from "@/lib/server/prepared-statements";

describe("prepared statement names", () => {
  it("names a text from its second use, the same name every time and in every process", () => {
    const name = preparedStatementNames();
    const sql = "SELECT id FROM leads WHERE email = $1";
    expect(name({ sql })).toBe("");
    const second = name({ sql });
    expect(second).toMatch(/^s[0-9a-f]{24}$/);
    expect(name({ sql })).toBe(second);
    expect(preparedStatementNames()({ sql: "x" })).toBe("");
    const other = preparedStatementNames();
    other({ sql });
    expect(other({ sql })).toBe(second);
  });

  it("gives two texts two names", () => {
    const name = preparedStatementNames();
    for (const sql of ["SELECT 1", "SELECT 2", "SELECT 1", "SELECT 2"]) name({ sql });
    expect(name({ sql: "SELECT 1" })).not.toBe(name({ sql: "SELECT 2" }));
  });

  it("stops naming at its limit, so a connection's prepared statements stay bounded", () => {
    const name = preparedStatementNames({ named: 3, seen: 100 });
    const texts = Array.from({ length: 5 }, (_, i) => `SELECT ${i}`);
    for (const sql of texts) name({ sql });
    const names = texts.map((sql) => name({ sql }));
    expect(names.filter((n) => n !== "")).toHaveLength(3);
    expect(names.slice(3)).toEqual(["", ""]);
  });

  it("never names a text that is too long to be worth keeping", () => {
    const name = preparedStatementNames();
    const sql = `SELECT ${"1,".repeat(10_000)}1`;
    name({ sql });
    expect(name({ sql })).toBe("");
  });
});
