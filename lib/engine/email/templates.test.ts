import { describe, expect, it } from "vitest";
import { signActionToken, verifyActionToken } from "./action-link";
import { effectiveChoice } from "./kinds";
import { renderDigestEmail, renderNotificationEmail, templateFor } from "./templates";

const base = { recipientName: "Dana", body: "", url: "https://arbiter.example.com/leads/1", settingsUrl: "https://arbiter.example.com/settings/notifications" };

describe("e-mail templates", () => {
  it("picks a template per kind and the generic one for unknown kinds", () => {
    expect(["lead.assigned", "sla.warning", "sla.breached", "sla.escalated", "sla.guardrail", "approval.requested", "approval.update", "something.new"].map(templateFor)).toEqual([
      "assignment",
      "sla-warning",
      "sla-breach",
      "escalation",
      "escalation",
      "approval-needed",
      "decision-made",
      "generic",
    ]);
  });

  it("renders text and HTML with the record link, and escapes what people typed", () => {
    const mail = renderNotificationEmail({ ...base, kind: "lead.assigned", title: 'New lead: <script>alert("x")</script> & Co', body: "Score 80.\n\nFrom the webinar." });
    expect(mail.template).toBe("assignment");
    expect(mail.subject).toBe('New lead: <script>alert("x")</script> & Co');
    expect(mail.text).toContain("Hello Dana,");
    expect(mail.text).toContain("Open the lead: https://arbiter.example.com/leads/1");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(mail.html).toContain('<a href="https://arbiter.example.com/leads/1">Open the lead</a>');
    expect(mail.html).toContain("<p>Score 80.</p>");
  });

  it("prefixes SLA subjects and keeps subjects on one line", () => {
    expect(renderNotificationEmail({ ...base, kind: "sla.breached", title: "First touch\r\nBcc: x@evil", body: "" }).subject).toBe("SLA breached: First touch Bcc: x@evil");
    expect(renderNotificationEmail({ ...base, kind: "sla.escalated", title: "t", body: "" }).subject).toBe("Escalation: t");
    expect(renderNotificationEmail({ ...base, kind: "sla.warning", title: "t", body: "" }).subject).toBe("SLA warning: t");
  });

  it("puts approve and reject links with their expiry in the approval-needed mail", () => {
    const mail = renderNotificationEmail({
      ...base,
      kind: "approval.requested",
      title: "Approval needed: Acme",
      body: "",
      approvalLinks: { approveUrl: "https://a.example/act/1.x", rejectUrl: "https://a.example/act/2.y", expiresAt: new Date("2026-11-24T09:30:00Z") },
    });
    expect(mail.template).toBe("approval-needed");
    expect(mail.text).toContain("Approve: https://a.example/act/1.x");
    expect(mail.text).toContain("Reject (you will be asked for a reason): https://a.example/act/2.y");
    expect(mail.text).toContain("until 2026-11-24 09:30 UTC");
    expect(mail.html).toContain('href="https://a.example/act/1.x"');
  });

  it("never turns a non-http link into an href", () => {
    const mail = renderNotificationEmail({ ...base, kind: "x", title: "t", body: "", url: "javascript:alert(1)" });
    expect(mail.html).not.toContain("javascript:");
  });

  it("lists every digest item", () => {
    const at = new Date("2026-11-21T08:00:00Z");
    const mail = renderDigestEmail({ recipientName: "Dana", settingsUrl: base.settingsUrl, items: [{ kind: "sla.warning", title: "Lead A <b>", body: "80% used", url: null, createdAt: at }, { kind: "lead.requalified", title: "Lead B", body: "", url: "https://x.example/l/2", createdAt: at }] });
    expect(mail).toMatchObject({ template: "digest", subject: "Your Arbiter digest: 2 updates" });
    expect(mail.text).toContain("- Lead A <b> (2026-11-21 08:00 UTC)");
    expect(mail.html).toContain("Lead A &lt;b&gt;");
    expect(mail.html).toContain('<a href="https://x.example/l/2">Lead B</a>');
  });
});

describe("preferences and link signatures", () => {
  it("uses the person's choice, else the kind's default, else IMMEDIATE", () => {
    const chosen = new Map([["lead.assigned", "OFF"], ["sla.breached", "bogus"]]);
    expect(effectiveChoice("lead.assigned", chosen)).toBe("OFF");
    expect(effectiveChoice("sla.breached", chosen)).toBe("IMMEDIATE");
    expect(effectiveChoice("sla.warning", undefined)).toBe("DIGEST");
    expect(effectiveChoice("brand.new.kind", chosen)).toBe("IMMEDIATE");
  });

  it("accepts its own signature and refuses edits, other secrets and garbage", () => {
    const id = "3f1c2a4e-8d9b-4c1e-9f2a-0b1c2d3e4f50";
    const signed = signActionToken("secret-one-secret-one", id);
    expect(verifyActionToken("secret-one-secret-one", signed)).toBe(id);
    expect(verifyActionToken("secret-two-secret-two", signed)).toBeNull();
    expect(verifyActionToken("secret-one-secret-one", signed.replace(id, "3f1c2a4e-8d9b-4c1e-9f2a-0b1c2d3e4f51"))).toBeNull();
    expect(verifyActionToken("secret-one-secret-one", `${signed.slice(0, -1)}${signed.endsWith("Q") ? "g" : "Q"}`)).toBeNull();
    expect(verifyActionToken("secret-one-secret-one", "nonsense")).toBeNull();
    expect(verifyActionToken("secret-one-secret-one", `${id}.`)).toBeNull();
  });
});

describe("request summary for the link page", () => {
  it("reads known deviations in words and keeps unknown ones readable", async () => {
    const { describeRequestedDeviations } = await import("./request-summary");
    expect(describeRequestedDeviations("DISCOUNT", { deviations: [{ type: "DISCOUNT", discountPct: 27 }, { type: "PAYMENT_TERMS", paymentTermsDays: 90 }] })).toEqual(["Discount of 27%", "Payment terms of 90 days"]);
    expect(describeRequestedDeviations("DISCOUNT", { deviations: [{ type: "NEW_THING", extraSeats: 4 }] })).toEqual(["New thing: Extra seats 4"]);
    expect(describeRequestedDeviations("PAYMENT_TERMS", {})).toEqual(["Payment terms"]);
  });
});
