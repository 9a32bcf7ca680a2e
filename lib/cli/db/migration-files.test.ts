import { describe, expect, it } from "vitest";
import { checksumMatches, checksumOf, migrationTimestamp, nextTimestamp } from "./migration-files";

describe("migration naming", () => {
  it("formats UTC yyyymmddHHMMSS", () => {
    expect(migrationTimestamp(new Date("2026-11-21T18:42:04.900Z"))).toBe("20261121184204");
  });

  it("uses the clock when it is past the newest migration", () => {
    expect(nextTimestamp(["20261121184204_init"], new Date("2026-11-22T00:00:00Z"))).toBe("20261122000000");
  });

  it("sorts after the newest migration when the clock does not (same second, skewed clock)", () => {
    const now = new Date("2026-11-21T18:42:05Z");
    expect(nextTimestamp(["20261121184204_init", "20261121184205_invariants"], now)).toBe("20261121184206");
    expect(nextTimestamp(["20261231235959_later"], now)).toBe("20270101000000");
  });
});

describe("checksums", () => {
  it("is the hex sha256 of the file, as Prisma records it", () => {
    expect(checksumOf("SELECT 1;\n")).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf("SELECT 1;\n")).not.toBe(checksumOf("SELECT 2;\n"));
  });

  it("tolerates a change of line endings only", () => {
    const recorded = checksumOf("A;\nB;\n");
    expect(checksumMatches("A;\r\nB;\r\n", recorded)).toBe(true);
    expect(checksumMatches("A;\nB;\nC;\n", recorded)).toBe(false);
  });
});
