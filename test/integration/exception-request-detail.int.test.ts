// The request page: full context, chain, history and the decision log in plain words, for
// the people who may see the request; the same 404 for everyone else.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { db } from "@/lib/server/db";
import { loadExceptionRequestDetail } from "@/lib/server/queries/exception-request-detail";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
const { default: RequestPage } = await import("@/app/(app)/requests/[id]/page");

const WHY = { justification: "Displacing the incumbent; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: ["https://crm.example.com/notes/42"] };
const u: Record<string, TSessionUser> = {};
let requestId: string;

const render = (user: TSessionUser, id: string) => {
  session.user = user;
  return RequestPage({ params: Promise.resolve({ id }) });
};

describe("exception request detail", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2", "manager", "vp", "dealdesk"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    const opportunityId = await newOpportunity(u.rep!.id, 10_000);
    ({ requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } }));
    await decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } });
    await decideApprovalStep({ actor: u.vp!, input: { requestId, decision: "APPROVE" } });
  });

  it("shows the requester the chain with each step's decider and the whole timeline in plain words", async () => {
    const d = await loadExceptionRequestDetail(u.rep!, requestId);
    expect(d.request.status).toBe("APPROVED");
    expect(d.request.steps.map((s) => [s.stageIndex, s.approverRole, s.status, s.decidedBy?.name])).toEqual([
      [0, "MANAGER", "APPROVED", u.manager!.name],
      [1, "REGION_VP", "APPROVED", u.vp!.name],
    ]);
    // The SLA clocks of each stage are in the log too (their own words); the decisions read:
    expect(d.timeline.some((t) => t.kind === "sla.clock_started")).toBe(true);
    const decisions = d.timeline.filter((t) => !t.kind.startsWith("sla."));
    expect(decisions.map((t) => t.text)).toEqual([
      `${u.rep!.name} submitted the request; approval chain: manager → region vp.`,
      `${u.manager!.name} approved stage 1 (sales manager). The request is now waiting on the next stage.`,
      `${u.vp!.name} approved stage 2 (VP Sales). The request is now approved.`,
    ]);
    expect(decisions[0]!.details).toEqual(["Needs the sales manager: a 27% discount is above the 10% auto-approve limit", "Needs VP Sales: a 27% discount is above the 20% limit of tier 1"]);
    expect(d.links).toEqual([{ url: "https://crm.example.com/notes/42", label: "https://crm.example.com/notes/42" }]);
    // The rep's other (seeded) requests, newest first, never this one.
    expect(d.pastByRep.length).toBeGreaterThan(0);
    expect(d.pastByRep.every((r) => r.id !== requestId)).toBe(true);
    expect(d.pastApproved.decided).toBeGreaterThanOrEqual(d.pastApproved.approved);
  });

  it("shows the approvers, the deal desk and the requester's manager the same request", async () => {
    for (const who of ["manager", "vp", "dealdesk"]) expect((await loadExceptionRequestDetail(u[who]!, requestId)).request.id, who).toBe(requestId);
  });

  it("answers 404 to another rep and to approvers from another team or region", async () => {
    const outsiders = await db().user.findMany({
      where: { role: { in: ["SALES_MANAGER", "VP_SALES"] }, id: { notIn: [u.manager!.id, u.vp!.id] }, active: true },
      select: { id: true, email: true },
    });
    // Keep only people outside the requester's management chain.
    const chain = new Set([u.manager!.id, u.vp!.id, (await db().user.findUniqueOrThrow({ where: { id: u.vp!.id } })).managerId]);
    const strangers = outsiders.filter((o) => !chain.has(o.id)).slice(0, 3);
    expect(strangers.length).toBeGreaterThan(0);
    for (const who of [u.rep2!, ...(await Promise.all(strangers.map((s) => sessionUser(s.email))))]) {
      await expect(loadExceptionRequestDetail(who, requestId), who.email).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(render(who, requestId), who.email).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    }
    await expect(render(u.rep!, "not-a-uuid")).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });

  it("renders the page for the requester", async () => {
    const page = await render(u.rep!, requestId);
    expect(page).toBeTruthy();
  });
});
