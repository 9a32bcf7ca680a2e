// Submit and decide run their whole transaction on a pg client of db()'s pool, not through
// Prisma (ADR 0025; before it, everything after the first lock, ADR 0024). This test counts which
// path each statement took (Prisma's pg adapter asks pg for array rows; our own statements do
// not), so a change that sends the commands back through Prisma — or adds a proof round trip —
// shows here.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };
const u: Record<string, TSessionUser> = {};
const original = pg.Client.prototype.query;
let seen: { path: "prisma" | "direct"; text: string; pid: number | undefined }[] | null = null;

async function counted<T>(run: () => Promise<T>) {
  seen = [];
  try {
    const result = await run();
    return { result, statements: seen };
  } finally {
    seen = null;
  }
}
const texts = (xs: { text: string }[]) => xs.map((s) => s.text.trim().replace(/\s+/g, " ").slice(0, 40));

describe("approval commands on the transaction's own connection", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.05, log: () => {} });
    for (const who of ["rep", "manager", "vp"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string; rowMode?: string };
      const text = typeof config === "string" ? config : config.text;
      seen?.push({ path: typeof config === "object" && config.rowMode === "array" ? "prisma" : "direct", text, pid: (this as unknown as { processID?: number }).processID });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    // Warm-up: first uses in a process (the timer queue's check, the SLA policy's body) read once.
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const { requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
    await decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } });
  });

  afterAll(() => {
    pg.Client.prototype.query = original;
  });

  it("no statement goes through Prisma; the transaction's statements all run on one backend, between BEGIN and COMMIT", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const submit = await counted(() => submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } }));
    expect(submit.statements.filter((s) => s.path === "prisma")).toEqual([]);
    // The planning read first (before the transaction, on whichever connection), then the transaction.
    const all = texts(submit.statements);
    expect(all[0]).toMatch(/^SELECT \(SELECT json_build_object/);
    expect(all[1]).toMatch(/^BEGIN/);
    expect(all[2]).toMatch(/^SELECT o\.id/);
    expect(all.at(-1)).toBe("COMMIT");
    expect(all.length).toBeGreaterThanOrEqual(8); // request check, request + steps, notices, figures, clocks, timers, log
    const inTransaction = submit.statements.slice(1);
    expect(new Set(inTransaction.map((s) => s.pid)).size).toBe(1);
    expect(all.filter((t) => /pg_backend_pid\(\) AS pid/.test(t))).toEqual([]); // no proof round trip

    const decide = await counted(() => decideApprovalStep({ actor: u.manager!, input: { requestId: submit.result.requestId, decision: "APPROVE" } }));
    expect(decide.statements.filter((s) => s.path === "prisma")).toEqual([]);
    const steps = texts(decide.statements);
    expect(steps[0]).toMatch(/^BEGIN/);
    expect(steps[1]).toMatch(/^SELECT r\.id/);
    expect(steps.at(-1)).toBe("COMMIT");
    expect(new Set(decide.statements.map((s) => s.pid)).size).toBe(1);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    expect(decide.result).toMatchObject({ stepStatus: "APPROVED", requestStatus: "PENDING" });
  });
});
