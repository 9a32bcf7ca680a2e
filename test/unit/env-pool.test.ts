import { describe, expect, it } from "vitest";

import { parseEnv } from "@/lib/server/env";

const URL = "postgres://u:p@localhost:5432/arbiter";

describe("database pool settings", () => {
  it.each([
    { given: {}, min: 2, max: 10, idle: 60_000 },
    { given: { DATABASE_POOL_MAX: "1" }, min: 1, max: 1, idle: 60_000 },
    { given: { DATABASE_POOL_MAX: "20", DATABASE_POOL_MIN: "20" }, min: 20, max: 20, idle: 60_000 },
    { given: { DATABASE_POOL_MIN: "0", DATABASE_POOL_IDLE_MS: "5000" }, min: 0, max: 10, idle: 5_000 },
  ])("$given → min $min, max $max, idle $idle ms", ({ given, min, max, idle }) => {
    const e = parseEnv({ DATABASE_URL: URL, ...given });
    expect({ min: e.DATABASE_POOL_MIN, max: e.DATABASE_POOL_MAX, idle: e.DATABASE_POOL_IDLE_MS }).toEqual({ min, max, idle });
  });

  it("refuses more connections kept open than the pool may hold, naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: URL, DATABASE_POOL_MAX: "4", DATABASE_POOL_MIN: "5" })).toThrow("DATABASE_POOL_MIN: DATABASE_POOL_MIN must not exceed DATABASE_POOL_MAX");
  });

  it("refuses an idle time under a second and a negative minimum", () => {
    expect(() => parseEnv({ DATABASE_URL: URL, DATABASE_POOL_IDLE_MS: "10" })).toThrow(/DATABASE_POOL_IDLE_MS/);
    expect(() => parseEnv({ DATABASE_URL: URL, DATABASE_POOL_MIN: "-1" })).toThrow(/DATABASE_POOL_MIN/);
  });
});
