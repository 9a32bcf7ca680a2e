import { describe, expect, it } from "vitest";
import { anchorProblem, parseAnchorLines } from "./anchor";

const H = (c: string) => c.repeat(64);
const anchor = { seq: "42", hash: H("a"), sealedAt: "2026-11-20T10:00:00.000Z" };

describe("anchorProblem", () => {
  it.each([
    { name: "the link still carries the anchored hash", link: { seq: 42n, hash: H("a") }, head: 90n, expected: null },
    { name: "the link carries another hash", link: { seq: 42n, hash: H("b") }, head: 90n, expected: "link 42 now has hash bbbbbbbbbbbb…, the anchor says aaaaaaaaaaaa…: the chain was rewritten at or before that link" },
    { name: "the link is gone", link: null, head: 17n, expected: "link 42 is gone: the chain now ends at link 17, so links published on 2026-11-20 were removed" },
  ])("$name", ({ link, head, expected }) => {
    expect(anchorProblem(anchor, link, head)).toBe(expected);
  });
});

describe("parseAnchorLines", () => {
  it("reads one anchor per line, and the anchor inside a stored webhook body", () => {
    const webhookBody = { event: "decision_log.anchored", createdAt: "2026-11-20T10:15:00.000Z", data: { ...anchor, seq: "43" } };
    const text = `${JSON.stringify(anchor)}\n\n${JSON.stringify(webhookBody)}\r\n`;
    expect(parseAnchorLines(text)).toEqual({ anchors: [anchor, { ...anchor, seq: "43" }], errors: [] });
  });

  it.each([
    { line: "{not json", message: "not JSON" },
    { line: JSON.stringify({ ...anchor, seq: "0" }), message: "seq must be a positive whole number, as a string" },
    { line: JSON.stringify({ ...anchor, seq: 42 }), message: /expected string/i },
    { line: JSON.stringify({ ...anchor, hash: "ABC" }), message: "hash must be 64 lowercase hexadecimal characters (SHA-256)" },
    { line: JSON.stringify({ ...anchor, sealedAt: "yesterday" }), message: "sealedAt must be an ISO 8601 time" },
    { line: JSON.stringify({ ...anchor, note: "extra" }), message: /unrecognized key/i },
  ])("reports a bad line by its number: $line", ({ line, message }) => {
    const parsed = parseAnchorLines(`${JSON.stringify(anchor)}\n${line}\n`);
    expect(parsed.anchors).toEqual([anchor]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.line).toBe(2);
    if (typeof message === "string") expect(parsed.errors[0]!.message).toBe(message);
    else expect(parsed.errors[0]!.message).toMatch(message);
  });
});
