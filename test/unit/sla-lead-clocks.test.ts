import { describe, expect, it } from "vitest";
import { FIRST_TOUCH_ACTIVITY_TYPES, leadClockStarts } from "@/lib/server/sla/lead-clocks";

const lead = { leadId: "L1", ownerId: "U1", queueTeamId: null, region: "EMEA", assigned: true, becameMql: false };

describe("which clocks a lead starts", () => {
  it("starts first touch for a newly placed lead, and MQL accept when it just became an MQL", () => {
    expect(leadClockStarts(lead)).toEqual([{ kind: "LEAD_FIRST_TOUCH", subjectType: "LEAD", subjectId: "L1", ownerId: "U1", teamId: null, region: "EMEA", reason: "the lead was assigned to its owner" }]);
    expect(leadClockStarts({ ...lead, becameMql: true }).map((s) => s.kind)).toEqual(["LEAD_FIRST_TOUCH", "MQL_ACCEPT"]);
    expect(leadClockStarts({ ...lead, assigned: false, becameMql: true }).map((s) => s.kind)).toEqual(["MQL_ACCEPT"]);
  });

  it("says when a queue holds the lead, and starts nothing without owner and queue", () => {
    expect(leadClockStarts({ ...lead, ownerId: null, queueTeamId: "T1" })[0]).toMatchObject({ teamId: "T1", reason: "the lead was assigned to a team queue" });
    expect(leadClockStarts({ ...lead, ownerId: null, queueTeamId: null, becameMql: true })).toEqual([]);
  });

  it("counts calls, sent messages and meetings as touches, not prospect behaviour", () => {
    expect(FIRST_TOUCH_ACTIVITY_TYPES).toEqual(expect.arrayContaining(["call", "email_sent", "meeting"]));
    for (const t of ["page_visit", "email_open", "pricing_page_visit", "content_download"]) expect(FIRST_TOUCH_ACTIVITY_TYPES).not.toContain(t);
  });
});
