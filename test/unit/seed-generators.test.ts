import { describe, expect, it } from "vitest";
import { defaultPolicyBodies } from "@/lib/schemas/policies/defaults";
import { buildAccounts } from "@/prisma/seed/accounts";
import { planApprovalStages, type TRequestFacts } from "@/prisma/seed/approval-plan";
import { companyName } from "@/prisma/seed/companies";
import { buildLeadBatch, type TLeadContext } from "@/prisma/seed/leads";
import { buildOrg } from "@/prisma/seed/org";
import { createRng, streamSeed, weightedIndex } from "@/prisma/seed/prng";
import { scoreLead } from "@/prisma/seed/score";
import { normalizeCompanyName, stripLegalSuffix } from "@/prisma/seed/words";

// The seed's pure generators (prisma/seed/*), tested without a database. The integration
// test (test/integration/seed.int.test.ts) covers what lands in Postgres.

const REF = new Date("2026-11-21T00:00:00Z");
const org = buildOrg(REF);
const bodies = defaultPolicyBodies({ referenceDate: REF, pools: org.pools, fallbackTeamId: org.teamByKey.get("inbound")!.id });

function leadContext(scale: number): TLeadContext {
  const accounts = buildAccounts(org, REF, scale);
  const prospects = Math.round(3000 * scale * 0.16);
  return {
    org, ref: REF, accounts, model: bodies.SCORING, inboundTeamId: org.teamByKey.get("inbound")!.id, partnerRepIds: [],
    pickAccount: weightedIndex(accounts.map(() => 1)),
    prospectCount: prospects, accountCounters: new Int32Array(accounts.length), prospectCounters: new Int32Array(prospects), competitorCounters: new Int32Array(8),
  };
}

describe("prng", () => {
  it("repeats a stream exactly and separates named streams", () => {
    const a = createRng(streamSeed("leads", 3));
    const b = createRng(streamSeed("leads", 3));
    const c = createRng(streamSeed("leads", 4));
    const draw = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("makes RFC 4122 version-4 ids", () => {
    const rng = createRng(1);
    for (let i = 0; i < 100; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("generated identities", () => {
  it("gives every company number its own name and domain, across name tiers", () => {
    const names = new Set<string>();
    const domains = new Set<string>();
    const n = 250_000; // beyond the single-stem tier (~3,700)
    for (let k = 0; k < n; k++) {
      const c = companyName(k);
      names.add(c.base);
      domains.add(c.domainSlug);
    }
    expect(names.size).toBe(n);
    expect(domains.size).toBe(n);
  });

  it("builds the same org and accounts every time", () => {
    expect(buildOrg(REF)).toEqual(org);
    expect(buildAccounts(org, REF, 1)).toEqual(buildAccounts(org, REF, 1));
  });

  it("never repeats a lead e-mail, batch after batch", () => {
    const ctx = leadContext(10);
    const emails = new Set<string>();
    let total = 0;
    for (let b = 0; b < 6; b++) {
      for (const lead of buildLeadBatch(ctx, b, b * 5000, (b + 1) * 5000).leads) {
        emails.add(lead.email!);
        total += 1;
      }
    }
    expect(emails.size).toBe(total);
  });

  it("normalises company names for matching", () => {
    expect(normalizeCompanyName("Northwind Logistics GmbH")).toBe("northwind logistics");
    expect(normalizeCompanyName("Atlas Group S.A. de C.V.")).toBe("atlas group");
    expect(normalizeCompanyName("Crescent Cloud, Inc.")).toBe("crescent cloud");
    expect(stripLegalSuffix("Tidal Labs Pty Ltd")).toBe("Tidal Labs");
  });
});

describe("seeded scores and approval chains follow the default policies", () => {
  it("scores a senior buyer at an ICP company who asked for a demo as an MQL", () => {
    const score = scoreLead(
      bodies.SCORING,
      { title: "VP of Sales", employees: 5000, industry: "software", country: "US", domain: "northwindlabs.com" },
      [{ type: "demo_request", occurredAt: REF }, { type: "pricing_page_visit", occurredAt: REF }],
      REF,
    );
    expect(score).toMatchObject({ fit: 20 + 10 + 15 + 5 + 5, engagement: 40, negative: 0, total: 95, isMql: true });
  });

  it("penalises a student with a personal address", () => {
    const score = scoreLead(bodies.SCORING, { title: "Student", domain: "gmail.com" }, [], REF);
    expect(score).toMatchObject({ negative: -45, total: 0, isMql: false });
  });

  const facts = (f: Partial<TRequestFacts>): TRequestFacts => ({ type: "DISCOUNT", discountPct: 0, acv: 10_000, termMonths: 12, paymentTermsDays: 30, ...f });
  it.each([
    ["8% is auto-approved", facts({ discountPct: 8 }), []],
    ["15% needs the manager", facts({ discountPct: 15 }), [["MANAGER"]]],
    // Cumulative discount tiers (ADR 0015): each rung adds its approver.
    ["27% needs the manager, then the VP", facts({ discountPct: 27 }), [["MANAGER"], ["REGION_VP"]]],
    ["45% needs the manager, the VP, then the deal desk", facts({ discountPct: 45 }), [["MANAGER"], ["REGION_VP"], ["DEAL_DESK"]]],
    ["18% on a $30K deal adds finance + legal", facts({ discountPct: 18, acv: 30_000 }), [["MANAGER"], ["FINANCE", "LEGAL"]]],
    ["a large multi-year deal asks finance + legal once", facts({ type: "MULTI_YEAR", termMonths: 36, acv: 42_000 }), [["FINANCE", "LEGAL"]]],
    ["net 60 goes to deal desk, then finance", facts({ type: "PAYMENT_TERMS", paymentTermsDays: 60 }), [["DEAL_DESK"], ["FINANCE"]]],
  ] as const)("%s", (_name, f, chain) => {
    expect(planApprovalStages(bodies.APPROVAL, f).stages.map((s) => s.approvers)).toEqual(chain);
  });
});
