// The database itself refuses what must never happen, whoever writes: the hand-written
// CHECK constraints and triggers of the invariants migration.
import { beforeAll, describe, expect, it } from "vitest";
import { superuserQuery } from "./support/database";

let userA = "";
let userB = "";

beforeAll(async () => {
  const { rows } = await superuserQuery<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash, updated_at)
     VALUES ('a@invariants.test', 'A', 'REP', 'x', now()), ('b@invariants.test', 'B', 'SALES_MANAGER', 'x', now())
     RETURNING id`,
  );
  userA = rows[0]!.id;
  userB = rows[1]!.id;
});

const refusedBy = (constraint: string, code = "23514") => expect.objectContaining({ code, constraint });

describe("leads", () => {
  it("needs an email or an external id", async () => {
    await expect(superuserQuery("INSERT INTO leads (company, updated_at) VALUES ('Acme', now())")).rejects.toEqual(
      refusedBy("leads_identity_check"),
    );
    await superuserQuery("INSERT INTO leads (email, updated_at) VALUES ('x@acme.test', now())");
    await superuserQuery("INSERT INTO leads (external_id, updated_at) VALUES ('crm-1', now())");
  });
});

describe("opportunities", () => {
  const insert = (cols: Record<string, string | number>) => {
    const values = { name: "'Deal'", owner_id: `'${userA}'`, amount: 100, list_amount: 120, updated_at: "now()", ...cols };
    return superuserQuery(`INSERT INTO opportunities (${Object.keys(values).join(", ")}) VALUES (${Object.values(values).join(", ")})`);
  };

  it("accepts a sane opportunity", async () => {
    await insert({ discount_pct: 16.67, term_months: 36, payment_terms_days: 0 });
  });

  it.each([
    [{ amount: -1 }, "opportunities_amounts_check"],
    [{ list_amount: -0.01 }, "opportunities_amounts_check"],
    [{ discount_pct: -1 }, "opportunities_discount_pct_check"],
    [{ discount_pct: 100.01 }, "opportunities_discount_pct_check"],
    [{ term_months: 0 }, "opportunities_term_months_check"],
    [{ payment_terms_days: -1 }, "opportunities_payment_terms_days_check"],
  ])("refuses %o (%s)", async (cols, constraint) => {
    await expect(insert(cols)).rejects.toEqual(refusedBy(constraint));
  });
});

describe("absences and delegations", () => {
  it("refuses an absence that ends before it starts", async () => {
    await expect(
      superuserQuery("INSERT INTO absences (user_id, starts_at, ends_at) VALUES ($1, now(), now() - interval '1 day')", [userA]),
    ).rejects.toEqual(refusedBy("absences_period_check"));
    await superuserQuery("INSERT INTO absences (user_id, starts_at, ends_at) VALUES ($1, now(), now() + interval '1 day')", [userA]);
  });

  it("refuses an empty or inverted delegation period and self-delegation", async () => {
    const sql = "INSERT INTO delegations (delegator_id, delegate_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)";
    const start = "2026-12-01T00:00:00Z";
    await expect(superuserQuery(sql, [userA, userB, start, start])).rejects.toEqual(refusedBy("delegations_period_check"));
    await expect(superuserQuery(sql, [userA, userA, start, "2026-12-02T00:00:00Z"])).rejects.toEqual(
      refusedBy("delegations_not_self_check"),
    );
    await superuserQuery(sql, [userA, userB, start, "2026-12-02T00:00:00Z"]);
  });
});

describe("policy_versions: one published version per kind", () => {
  const insert = (kind: string, version: number, status: string, activeKind: string | null) =>
    superuserQuery(
      `INSERT INTO policy_versions (kind, version, status, active_kind, name, body)
       VALUES ($1::"PolicyKind", $2, $3::"PolicyStatus", $4::"PolicyKind", 'p', '{}')`,
      [kind, version, status, activeKind],
    );

  it("ties active_kind to the PUBLISHED status and to the row's own kind", async () => {
    await expect(insert("ROUTING", 1, "PUBLISHED", null)).rejects.toEqual(refusedBy("policy_versions_active_kind_published_check"));
    await expect(insert("ROUTING", 1, "DRAFT", "ROUTING")).rejects.toEqual(refusedBy("policy_versions_active_kind_published_check"));
    await expect(insert("ROUTING", 1, "PUBLISHED", "SCORING")).rejects.toEqual(refusedBy("policy_versions_active_kind_kind_check"));
  });

  it("refuses a second published version of a kind, allows one per kind", async () => {
    await insert("ROUTING", 1, "PUBLISHED", "ROUTING");
    await insert("ROUTING", 2, "DRAFT", null);
    await insert("SCORING", 1, "PUBLISHED", "SCORING");
    await expect(insert("ROUTING", 3, "PUBLISHED", "ROUTING")).rejects.toEqual(refusedBy("policy_versions_active_kind_key", "23505"));
    // Publishing v2 means archiving v1 first, in the same transaction.
    await superuserQuery(`
      BEGIN;
      UPDATE policy_versions SET status = 'ARCHIVED', active_kind = NULL WHERE kind = 'ROUTING' AND version = 1;
      UPDATE policy_versions SET status = 'PUBLISHED', active_kind = kind WHERE kind = 'ROUTING' AND version = 2;
      COMMIT;`);
    const { rows } = await superuserQuery<{ version: number }>("SELECT version FROM policy_versions WHERE active_kind = 'ROUTING'");
    expect(rows).toEqual([{ version: 2 }]);
  });
});

describe("decision_log is append-only", () => {
  beforeAll(async () => {
    await superuserQuery(
      `INSERT INTO decision_log (kind, subject_type, subject_id, input, output, reasons, created_at, prev_hash, hash)
       VALUES ('routing', 'lead', 'l1', '{}', '{}', '[]', now(), '', 'h1')`,
    );
  });

  it.each([
    ["UPDATE", "UPDATE decision_log SET kind = 'forged'"],
    ["DELETE", "DELETE FROM decision_log"],
    // CASCADE: without it the chain's foreign key refuses first.
    ["TRUNCATE", "TRUNCATE decision_log CASCADE"],
  ])("refuses %s", async (op, sql) => {
    await expect(superuserQuery(sql)).rejects.toThrow(`decision_log is append-only: ${op} refused`);
    const { rows } = await superuserQuery<{ kind: string }>("SELECT kind FROM decision_log");
    expect(rows).toEqual([{ kind: "routing" }]);
  });

  it("still accepts appends", async () => {
    await superuserQuery(
      `INSERT INTO decision_log (kind, subject_type, subject_id, input, output, reasons, created_at, prev_hash, hash)
       VALUES ('scoring', 'lead', 'l1', '{}', '{}', '[]', now(), 'h1', 'h2')`,
    );
    const { rows } = await superuserQuery<{ n: number }>("SELECT count(*)::int AS n FROM decision_log");
    expect(rows[0]?.n).toBe(2);
  });

  it("can be cleared by a superuser who disables the triggers (test clean-up only)", async () => {
    await superuserQuery("ALTER TABLE decision_log DISABLE TRIGGER ALL; ALTER TABLE decision_chain DISABLE TRIGGER ALL");
    try {
      await superuserQuery("TRUNCATE decision_log, decision_chain, decision_log_pending");
    } finally {
      await superuserQuery("ALTER TABLE decision_log ENABLE TRIGGER ALL; ALTER TABLE decision_chain ENABLE TRIGGER ALL");
    }
    await expect(superuserQuery("TRUNCATE decision_log CASCADE")).rejects.toThrow(/append-only/);
  });
});
