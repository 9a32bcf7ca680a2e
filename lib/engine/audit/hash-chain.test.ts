import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { canonicalJson, chainHash, contentHash, contentHashCanonical, exactJson, GENESIS_HASH, linkHash, toStorableJson, type THashedRecord } from "./hash-chain";

const record = (over: Partial<THashedRecord> = {}): THashedRecord => ({
  id: 1n,
  kind: "policy.published",
  subjectType: "policy_version",
  subjectId: "v1",
  actorId: null,
  policyVersionId: null,
  correctsId: null,
  input: { b: 1, a: [1, { d: 2, c: 3 }] },
  output: {},
  reasons: ["because"],
  createdAt: new Date("2026-11-21T10:00:00.123Z"),
  ...over,
});

describe("canonicalJson", () => {
  it("writes a Decimal-like value through its toJSON, and a plain object's own keys", () => {
    class Money {
      constructor(private readonly cents: number) {}
      toJSON() {
        return (this.cents / 100).toFixed(2);
      }
    }
    const value = { b: new Money(12345), a: [new Money(5), { z: -0, y: 1e21, x: 1e-7 }] };
    expect(canonicalJson(value)).toBe('{"a":["0.05",{"x":1e-7,"y":1e+21,"z":0}],"b":"123.45"}');
  });

  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [[{ z: 1, y: 2 }], '[{"y":2,"z":1}]'],
    [{ n: 10n }, '{"n":"10"}'],
    [{ t: new Date("2026-01-01T00:00:00Z") }, '{"t":"2026-01-01T00:00:00.000Z"}'],
    // Integer-like keys come first, in numeric order (JS objects list them so): entries are hashed with this order.
    [{ b: 1, "10": 2, "9": 3, a: 4 }, '{"9":3,"10":2,"a":4,"b":1}'],
  ])("canonical form, case %#", (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("refuses non-finite numbers, which jsonb cannot store", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/finite/);
  });

  it("survives a JSON round trip unchanged (what jsonb gives back)", () => {
    const value = { z: [3, 2, 1], a: { y: "é", x: 0.1 + 0.2 } };
    expect(canonicalJson(JSON.parse(JSON.stringify(toStorableJson(value))))).toBe(canonicalJson(value));
  });
});

describe("chainHash", () => {
  it("is deterministic and independent of key order", () => {
    const a = chainHash(GENESIS_HASH, record());
    const b = chainHash(GENESIS_HASH, record({ input: { a: [1, { c: 3, d: 2 }], b: 1 } }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it.each([
    ["reasons", { reasons: ["other"] }],
    ["time", { createdAt: new Date("2026-11-21T10:00:00.124Z") }],
    ["id", { id: 2n }],
    ["actor", { actorId: "someone" }],
  ])("changes when the %s changes", (_what, over) => {
    expect(chainHash(GENESIS_HASH, record(over))).not.toBe(chainHash(GENESIS_HASH, record()));
  });

  it("depends on the previous hash", () => {
    expect(chainHash("a".repeat(64), record())).not.toBe(chainHash(GENESIS_HASH, record()));
  });
});

describe("contentHash", () => {
  const content = (over: Partial<THashedRecord> = {}) => {
    const { id: _id, ...rest } = record(over);
    return rest;
  };
  it("is deterministic, independent of key order, and does not cover the id", () => {
    expect(contentHash(content())).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(content({ input: { a: [1, { c: 3, d: 2 }], b: 1 } }))).toBe(contentHash(content()));
  });

  it.each([
    ["reasons", { reasons: ["other"] }],
    ["time", { createdAt: new Date("2026-11-21T10:00:00.124Z") }],
    ["actor", { actorId: "someone" }],
    ["subject", { subjectId: "v2" }],
    ["correction", { correctsId: 3n }],
  ])("changes when the %s changes", (_what, over) => {
    expect(contentHash(content(over))).not.toBe(contentHash(content()));
  });
});

describe("linkHash", () => {
  it("is sha256 of the previous hash, the id and the content hash, one per line (what the database's sealer computes)", () => {
    const expected = createHash("sha256").update(`${GENESIS_HASH}\n42\n${"c".repeat(64)}`).digest("hex");
    expect(linkHash(GENESIS_HASH, 42n, "c".repeat(64))).toBe(expected);
  });

  it("changes with each of its three parts", () => {
    const base = linkHash(GENESIS_HASH, 1n, "c".repeat(64));
    expect(linkHash("a".repeat(64), 1n, "c".repeat(64))).not.toBe(base);
    expect(linkHash(GENESIS_HASH, 2n, "c".repeat(64))).not.toBe(base);
    expect(linkHash(GENESIS_HASH, 1n, "d".repeat(64))).not.toBe(base);
  });
});

describe("contentHashCanonical", () => {
  const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  const nullable = (a: fc.Arbitrary<string>) => fc.option(a, { nil: null });
  it("gives contentHash's digest when input, output and reasons come as canonical text", () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.string(),
          subjectType: fc.string(),
          subjectId: fc.string(),
          actorId: nullable(fc.uuid()),
          policyVersionId: nullable(fc.uuid()),
          correctsId: fc.option(fc.bigInt({ min: 1n, max: 2n ** 62n }), { nil: null }),
          input: json,
          output: json,
          reasons: fc.array(fc.string()),
          createdAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        }),
        (r) => {
          const stored = { ...r, input: toStorableJson(r.input), output: toStorableJson(r.output), reasons: toStorableJson(r.reasons) };
          const canonical = { ...r, input: canonicalJson(r.input), output: canonicalJson(r.output), reasons: canonicalJson(r.reasons) };
          expect(contentHashCanonical(canonical)).toBe(contentHash(stored));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches on a record with nested, unsorted and dated values", () => {
    const { id: _id, ...r } = record({ actorId: "a", correctsId: 7n, input: { z: [new Date("2026-01-01T00:00:00Z"), { y: 1, x: 2n }] } });
    const canonical = { ...r, input: canonicalJson(r.input), output: canonicalJson(r.output), reasons: canonicalJson(r.reasons) };
    expect(contentHashCanonical(canonical)).toBe(contentHash({ ...r, input: toStorableJson(r.input) }));
  });
});

describe("exactJson", () => {
  it("is JSON.stringify's text, key order as built (the stored text the content hash covers)", () => {
    const value = { b: 1, a: [1, { d: 2, c: 3 }], at: new Date("2026-11-22T10:00:00.000Z"), gone: undefined };
    expect(exactJson(value)).toBe('{"b":1,"a":[1,{"d":2,"c":3}],"at":"2026-11-22T10:00:00.000Z"}');
  });

  it.each([
    { name: "undefined at the top", value: undefined, text: "null" },
    { name: "a bigint, which JSON.stringify refuses, as a string", value: { id: 12345678901234567890n, n: 1 }, text: '{"id":"12345678901234567890","n":1}' },
    { name: "a non-finite number as null, as JSON does", value: { x: Number.NaN, y: [Infinity] }, text: '{"x":null,"y":[null]}' },
    { name: "a non-finite number next to a bigint, as null too", value: { x: Number.NaN, id: 1n }, text: '{"id":"1","x":null}' },
  ])("writes $name", ({ value, text }) => {
    expect(exactJson(value)).toBe(text);
  });

  it("round-trips through JSON.parse to the value canonicalJson describes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(exactJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });
});
