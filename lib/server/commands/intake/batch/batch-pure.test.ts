import { describe, expect, it } from "vitest";
import { clockStartsFor, type TPlacedLead } from "./clock-starts";
import { parseBatchItems } from "./parse-items";
import { identityKeys } from "../lead-row";

const placed = (over: Partial<TPlacedLead>): TPlacedLead => ({
  leadId: "L1", assigned: true, ownerId: "U1", queueTeamId: null, becameMql: false, region: "EMEA", historical: false, ...over,
});

describe("clockStartsFor", () => {
  it.each([
    { name: "assigned to a person: first touch", lead: placed({}), kinds: ["LEAD_FIRST_TOUCH"] },
    { name: "queued: first touch on the team", lead: placed({ ownerId: null, queueTeamId: "T1" }), kinds: ["LEAD_FIRST_TOUCH"] },
    { name: "assigned and became an MQL: both clocks", lead: placed({ becameMql: true }), kinds: ["LEAD_FIRST_TOUCH", "MQL_ACCEPT"] },
    { name: "queued MQL: the team's queue decides", lead: placed({ ownerId: null, queueTeamId: "T1", becameMql: true }), kinds: ["LEAD_FIRST_TOUCH", "MQL_ACCEPT"] },
    { name: "kept its owner and became an MQL: only the MQL clock", lead: placed({ assigned: false, becameMql: true }), kinds: ["MQL_ACCEPT"] },
    { name: "kept its owner: its first-touch clock already runs", lead: placed({ assigned: false }), kinds: [] },
    { name: "neither owner nor queue: nothing to run", lead: placed({ ownerId: null, queueTeamId: null }), kinds: [] },
    { name: "historical row: never", lead: placed({ historical: true }), kinds: [] },
  ])("$name", ({ lead, kinds }) => {
    const starts = clockStartsFor([lead]);
    expect(starts.map((s) => s.kind)).toEqual(kinds);
    for (const s of starts) expect(s).toMatchObject({ subjectType: "LEAD", subjectId: "L1", ownerId: lead.ownerId, teamId: lead.queueTeamId, region: "EMEA" });
    for (const s of starts) expect(s.reason.length).toBeGreaterThan(0);
  });

  it("keeps the order of the leads", () => {
    expect(clockStartsFor([placed({ leadId: "A" }), placed({ leadId: "B" })]).map((s) => s.subjectId)).toEqual(["A", "B"]);
  });
});

describe("parseBatchItems", () => {
  it("reports invalid items by index with field errors and normalises the valid ones", () => {
    const { valid, invalid } = parseBatchItems([{ email: " A@B.io " }, { email: "nope" }, {}, { email: "c@d.io", country: "Atlantis" }, { externalId: "x-1", favourite: 1 }], 10);
    expect(valid.map((v) => [v.index, v.lead.email])).toEqual([[10, "a@b.io"]]);
    expect(invalid.map((i) => i.index)).toEqual([11, 12, 13, 14]);
    expect(invalid[0]!.errors.email).toBeTruthy();
    expect(invalid[2]!.errors.country![0]).toMatch(/Unknown country "Atlantis"/);
  });
});

describe("identityKeys", () => {
  it("names e-mail and external id in one fixed order", () => {
    expect(identityKeys({ email: "a@b.io", externalId: "crm-1" })).toEqual(["email:a@b.io", "ext:crm-1"]);
    expect(identityKeys({ email: null, externalId: "crm-1" })).toEqual(["ext:crm-1"]);
  });
});
