// The exception archive and its analytics over a seeded organisation: filters, sorts, the CSV
// export (same rows, formulas neutralised, permission checked), consistent figures and drift.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AccessDenied } from "@/components/shell/access-denied";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { storeArchiveFigures } from "@/lib/server/commands/exceptions/archive-figures";
import { db } from "@/lib/server/db";
import { readExceptionAnalytics } from "@/lib/server/queries/exception-analytics";
import { ARCHIVE_SORTS, ARCHIVE_TIERS, listExceptionArchive, type TArchiveOptions, type TArchiveRow } from "@/lib/server/queries/exception-archive";
import { seedDemo } from "@/prisma/seed";

// The export route and the pages read the session through currentUser; the test picks the user.
const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));

const { GET: exportCsv } = await import("@/app/(app)/exceptions/export/route");
const { default: ArchivePage } = await import("@/app/(app)/exceptions/page");
const { default: AnalyticsPage } = await import("@/app/(app)/exceptions/analytics/page");

const userByEmail = (email: string): Promise<TSessionUser> => db().user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
const base: TArchiveOptions = { sort: "submittedAt", dir: "desc" };
const all = (o: Partial<TArchiveOptions> = {}) => listExceptionArchive({ ...base, ...o, page: 1 });
const APPROVED = ["APPROVED", "APPROVED_WITH_CONDITIONS"] as const;

/** RFC 4180 records (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      records.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return records;
}

describe("exception archive", () => {
  let dealdesk: TSessionUser;
  let rep: TSessionUser;
  let formulaId: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.3, log: () => {} });
    dealdesk = await userByEmail("dealdesk@arbiter.demo");
    rep = await userByEmail("rep@arbiter.demo");
    const opportunity = await db().opportunity.findFirstOrThrow({ where: { ownerId: rep.id } });
    const request = await db().exceptionRequest.create({
      data: { opportunityId: opportunity.id, requesterId: rep.id, type: "DISCOUNT", status: "REJECTED", details: { discountPct: 33 }, justification: "=cmd|' /C calc'!A0, \"quoted\"", submittedAt: new Date("2026-01-05T10:00:00Z"), decidedAt: new Date("2026-01-06T10:00:00Z") },
    });
    formulaId = request.id;
    // Written around the commands, so the stored archive figures are set as a command would.
    await storeArchiveFigures(db(), [request.id]);
  });

  it("has rows to work with", async () => {
    const { total } = await all();
    expect(total).toBe(await db().exceptionRequest.count());
    expect(total).toBeGreaterThan(20);
  });

  it.each(ARCHIVE_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("sorts by %s %s, undecided last", async (sort, dir) => {
    const { rows } = await listExceptionArchive({ ...base, sort, dir, page: 1 });
    const key = (r: TArchiveRow) => ({ submittedAt: r.submittedAt?.getTime(), decidedAt: r.decidedAt?.getTime(), timeToDecision: r.timeToDecisionMs, discount: r.requestedPct })[sort] ?? null;
    const values = rows.map(key);
    const firstNull = values.indexOf(null);
    const present = (firstNull === -1 ? values : values.slice(0, firstNull)) as number[];
    if (firstNull !== -1) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
    expect(present.length).toBeGreaterThan(1);
    expect(present).toEqual([...present].sort((a, b) => (dir === "asc" ? a - b : b - a)));
  });

  it("narrows by type, outcome, tier, rep, team, segment, product, dates and text", async () => {
    const everything = (await all()).total;
    const check = async (o: Partial<TArchiveOptions>, ok: (r: TArchiveRow) => boolean, expected?: number) => {
      const res = await listExceptionArchive({ ...base, ...o, page: 1 });
      expect(res.total, JSON.stringify(o)).toBeGreaterThan(0);
      expect(res.total).toBeLessThan(everything);
      expect(res.rows.every(ok), JSON.stringify(o)).toBe(true);
      if (expected !== undefined) expect(res.total).toBe(expected);
    };
    await check({ type: "DISCOUNT" }, (r) => r.type === "DISCOUNT", await db().exceptionRequest.count({ where: { type: "DISCOUNT" } }));
    await check({ status: "REJECTED" }, (r) => r.status === "REJECTED", await db().exceptionRequest.count({ where: { status: "REJECTED" } }));
    await check({ repId: rep.id }, (r) => r.repId === rep.id, await db().exceptionRequest.count({ where: { requesterId: rep.id } }));
    await check({ teamId: rep.teamId! }, () => true, await db().exceptionRequest.count({ where: { requester: { teamId: rep.teamId } } }));
    await check({ segment: "MID_MARKET" }, (r) => r.segment === "MID_MARKET", await db().exceptionRequest.count({ where: { opportunity: { account: { segment: "MID_MARKET" } } } }));
    await check({ product: "Analytics Suite" }, (r) => r.products.includes("Analytics Suite"), await db().exceptionRequest.count({ where: { opportunity: { products: { has: "Analytics Suite" } } } }));
    await check({ submittedFrom: "2026-01-05", submittedTo: "2026-01-05" }, (r) => r.submittedAt!.toISOString().startsWith("2026-01-05"));
    await check({ q: "=CMD" }, (r) => r.id === formulaId, 1);
    const tiers = await Promise.all(ARCHIVE_TIERS.map(async (tier) => (await all({ tier })).total));
    expect(tiers.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    // Every submitted request has exactly one tier.
    expect(tiers.reduce((a, b) => a + b, 0)).toBe(await db().exceptionRequest.count({ where: { submittedAt: { not: null } } }));
    await check({ tier: "MANAGER" }, (r) => r.tier === "MANAGER");
  });

  it("finds free text in the deal's name or the justification, each request once", async () => {
    const opportunity = await db().opportunity.findFirstOrThrow({ where: { requests: { some: {} } }, select: { name: true } });
    const word = opportunity.name.slice(0, 6);
    // The same request may match on both sides: it is still one row.
    await db().exceptionRequest.updateMany({ where: { opportunity: { name: opportunity.name } }, data: { justification: `Renewal of ${word} at list` } });
    const expected = await db().exceptionRequest.count({
      where: { OR: [{ justification: { contains: word, mode: "insensitive" } }, { opportunity: { name: { contains: word, mode: "insensitive" } } }] },
    });
    const found = await all({ q: word.toUpperCase() });
    expect(found.total).toBe(expected);
    expect(found.total).toBeGreaterThan(0);
    expect(new Set(found.rows.map((r) => r.id)).size).toBe(found.rows.length);
    expect(found.rows.every((r) => `${r.opportunityName} ${r.justification}`.toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });

  it("stores the same tier and discounts the archive used to compute from details and steps on every read", async () => {
    // The archive's former on-the-fly definitions (and the migration's backfill), row by row.
    const pct = (path: string) => `CASE WHEN jsonb_typeof(${path}) = 'number' THEN (${path} #>> '{}')::numeric(5,2) END`;
    const legacy = `SELECT r.id,
        ${pct("r.details -> 'discountPct'")} AS requested,
        CASE WHEN r.submitted_at IS NULL THEN NULL ELSE COALESCE((ARRAY['MANAGER','REGION_VP','DEAL_DESK','FINANCE_LEGAL'])[(SELECT max(CASE s.approver_role
          WHEN 'MANAGER' THEN 1 WHEN 'REGION_VP' THEN 2 WHEN 'DEAL_DESK' THEN 3 WHEN 'FINANCE' THEN 4 WHEN 'LEGAL' THEN 4 ELSE 3 END) FROM approval_steps s WHERE s.request_id = r.id)], 'AUTO') END AS tier,
        CASE r.status WHEN 'APPROVED' THEN ${pct("r.details -> 'discountPct'")}
          WHEN 'APPROVED_WITH_CONDITIONS' THEN COALESCE(${pct("r.counter_offer -> 'accepted' -> -1 -> 'discountPct'")},
            (SELECT ${pct("c.conditions -> 'discountPct'")} FROM approval_steps c WHERE c.request_id = r.id AND c.conditions IS NOT NULL ORDER BY c.decided_at DESC NULLS LAST LIMIT 1),
            ${pct("r.details -> 'discountPct'")}) END AS granted
      FROM exception_requests r`;
    const [row] = await db().$queryRawUnsafe<{ rows: bigint; differ: bigint }[]>(`
      SELECT count(*) AS rows, count(*) FILTER (WHERE (r.tier, r.requested_discount_pct, r.granted_discount_pct) IS DISTINCT FROM (l.tier, l.requested, l.granted)) AS differ
      FROM exception_requests r JOIN (${legacy}) l ON l.id = r.id`);
    expect(Number(row!.rows)).toBeGreaterThan(20);
    expect(Number(row!.differ)).toBe(0);
  });

  it("reports granted discounts: the ask when approved, the counter offer when approved with conditions", async () => {
    const approved = await all({ status: "APPROVED", type: "DISCOUNT" });
    expect(approved.rows.every((r) => r.grantedPct === r.requestedPct)).toBe(true);
    const countered = await all({ status: "APPROVED_WITH_CONDITIONS" });
    expect(countered.total).toBeGreaterThan(0);
    expect(countered.rows.every((r) => r.grantedPct !== null && r.requestedPct !== null && r.grantedPct < r.requestedPct)).toBe(true);
    expect((await all({ status: "REJECTED" })).rows.every((r) => r.grantedPct === null)).toBe(true);
  });

  it("exports the filtered set as CSV with formulas neutralised", async () => {
    session.user = dealdesk;
    const res = await exportCsv(new Request("http://arbiter.test/exceptions/export?type=DISCOUNT&sort=discount&dir=asc"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const records = parseCsv(await res.text());
    const [header, ...rows] = records;
    expect(header).toContain("justification");
    expect(rows.length).toBe((await all({ type: "DISCOUNT" })).total);
    const formula = rows.find((r) => r[0] === formulaId)!;
    expect(formula[header!.indexOf("justification")]).toBe("'=cmd|' /C calc'!A0, \"quoted\"");
    expect(rows.every((r) => r[1] === "DISCOUNT")).toBe(true);
  });

  it("refuses the export to a rep (403) and to nobody signed in (401), and shows a rep access denied", async () => {
    session.user = rep;
    expect((await exportCsv(new Request("http://arbiter.test/exceptions/export"))).status).toBe(403);
    expect((await ArchivePage({ searchParams: Promise.resolve({}) })).type).toBe(AccessDenied);
    expect((await AnalyticsPage()).type).toBe(AccessDenied);
    session.user = null;
    expect((await exportCsv(new Request("http://arbiter.test/exceptions/export"))).status).toBe(401);
    session.user = dealdesk;
    expect((await ArchivePage({ searchParams: Promise.resolve({ type: "DISCOUNT" }) })).type).not.toBe(AccessDenied);
  });

  it("computes analytics consistent with the raw counts", async () => {
    const a = await readExceptionAnalytics();
    const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    expect(sum(a.rates.map((r) => r.requests))).toBe(await db().exceptionRequest.count({ where: { submittedAt: { not: null } } }));
    expect(sum(a.rates.map((r) => r.approved))).toBe(await db().exceptionRequest.count({ where: { submittedAt: { not: null }, status: { in: [...APPROVED] } } }));
    expect(sum(a.rates.map((r) => r.decided))).toBe(await db().exceptionRequest.count({ where: { submittedAt: { not: null }, status: { in: [...APPROVED, "REJECTED"] } } }));
    expect(sum(a.stages.map((s) => s.decided))).toBe(await db().approvalStep.count({ where: { decidedAt: { not: null }, status: { in: ["APPROVED", "REJECTED", "CHANGES_REQUESTED"] } } }));
    for (const s of a.stages) expect(s.p90Hours).toBeGreaterThanOrEqual(s.p50Hours);
    const discount = a.discountsByType.find((d) => d.key === "DISCOUNT")!;
    expect(discount.avgGrantedPct).toBeLessThanOrEqual(discount.avgRequestedPct);
    expect(sum(a.discountsByType.map((d) => d.approved))).toBe(sum(a.discountsBySegment.map((d) => d.approved)));
  });

  it("serves the analytics again while no request changed, and computes them afresh after a change", async () => {
    const first = await readExceptionAnalytics();
    expect(await readExceptionAnalytics()).toBe(first);
    await db().exceptionRequest.update({ where: { id: formulaId }, data: { justification: "Changed after review" } });
    const after = await readExceptionAnalytics();
    expect(after).not.toBe(first);
    expect(after).toEqual(first); // a justification is not a figure: same numbers, freshly computed
  });

  it("finds drift when at least 10 similar requests in a quarter were nearly all approved", async () => {
    const before = await readExceptionAnalytics();
    expect(before.findings.some((f) => f.quarter === "2025-Q3")).toBe(false);
    const account = await db().account.create({ data: { name: "Drift Test Co", normalizedName: "drift test co", segment: "SMB" } });
    const opportunity = await db().opportunity.create({ data: { name: "Drift Test Co — New business", accountId: account.id, ownerId: rep.id, amount: "10000", listAmount: "11500" } });
    const asked = [11, 12, 12.5, 13, 14, 15, 11.5, 12, 13.5, 14.5, 15, 10.5];
    for (const [k, pct] of asked.entries()) {
      const submittedAt = new Date(Date.UTC(2025, 6, 1 + k * 5, 9));
      const made = await db().exceptionRequest.create({
        data: { opportunityId: opportunity.id, requesterId: rep.id, type: "DISCOUNT", status: k === 0 ? "REJECTED" : "APPROVED", details: { discountPct: pct }, justification: "Budget cycle", submittedAt, decidedAt: new Date(submittedAt.getTime() + 5 * 3_600_000) },
      });
      await storeArchiveFigures(db(), [made.id]);
    }
    const finding = (await readExceptionAnalytics()).findings.find((f) => f.quarter === "2025-Q3" && f.segment === "SMB" && f.type === "DISCOUNT");
    expect(finding).toMatchObject({ decided: 12, approved: 11, band: "10–15%" });
    expect(finding!.sentence).toBe("In 2025-Q3, 11 of 12 SMB discount requests of 10–15% were approved (92%): consider raising the auto-approve limit");
  });
});
