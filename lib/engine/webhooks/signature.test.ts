import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ event: "lead.assigned", data: { id: 1 } });

  it("verifies what it signs", () => {
    expect(verifySignature(secret, signatureHeader(secret, body, 1_700_000_000), body, 1_700_000_010)).toEqual({ ok: true });
  });

  it.each([
    ["a changed body", () => verifySignature(secret, signatureHeader(secret, body, 1_700_000_000), `${body} `, 1_700_000_000), "signature mismatch"],
    ["another secret", () => verifySignature("whsec_other", signatureHeader(secret, body, 1_700_000_000), body, 1_700_000_000), "signature mismatch"],
    ["an old timestamp", () => verifySignature(secret, signatureHeader(secret, body, 1_700_000_000), body, 1_700_000_301), "timestamp outside the tolerance"],
    ["a malformed header", () => verifySignature(secret, "nonsense", body, 1_700_000_000), "malformed signature header"],
  ])("refuses %s", (_what, check, reason) => {
    expect(check()).toEqual({ ok: false, reason });
  });
});
