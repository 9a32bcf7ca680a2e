import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/server/pg-transaction";
import type { PgTransaction } from "@/lib/server/transaction-connection";

// Submit and decide ask withPgTransaction for generic plans (ADR 0028): their named statements
// are planned once per connection instead of on every call. The setting must hold for the
// transaction's statements only, and end with it: the next user of the pooled connection plans
// as PostgreSQL chooses again.

// A statement whose custom plan is cheaper than its generic one (a NULL key lets the planner
// prove it returns nothing), so left to itself PostgreSQL plans it again on every call.
const TEXT = "SELECT count(*)::int AS n FROM users WHERE id = $1::uuid OR email = $2";
const planCounts = (tx: PgTransaction) =>
  tx.$queryRawUnsafe<{ generic: number; custom: number }[]>("SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1", TEXT);
const mode = async (tx: PgTransaction) => (await tx.$queryRawUnsafe<{ plan_cache_mode: string }[]>("SHOW plan_cache_mode"))[0]!.plan_cache_mode;
const sessionOf = async (tx: PgTransaction) => (await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid"))[0]!.pid;

describe("withPgTransaction({ genericPlans })", () => {
  it("runs the transaction's named statements on their generic plan, and the setting ends with the transaction", async () => {
    const seen = await withPgTransaction(async (tx) => {
      // A text is named (prepared) from its second use on (ADR 0021): seven uses, six on the named statement.
      for (let i = 0; i < 7; i++) await tx.$queryRawUnsafe(TEXT, null, null);
      return { mode: await mode(tx), plans: await planCounts(tx), pid: await sessionOf(tx) };
    }, { timeoutMs: 5_000, genericPlans: true });
    expect(seen.mode).toBe("force_generic_plan");
    expect(seen.plans).toEqual([{ generic: 6, custom: 0 }]);

    // The same pooled session afterwards (the pool hands out its most recently released client,
    // so a few tries find it): the setting is gone with the transaction, and the named statement
    // is planned with its values again.
    for (let attempt = 0; attempt < 20; attempt++) {
      const after = await withPgTransaction(async (tx) => {
        if ((await sessionOf(tx)) !== seen.pid) return null;
        for (let i = 0; i < 3; i++) await tx.$queryRawUnsafe(TEXT, null, null);
        return { mode: await mode(tx), plans: await planCounts(tx) };
      }, { timeoutMs: 5_000 });
      if (!after) continue;
      expect(after.mode).toBe("auto");
      expect(after.plans).toEqual([{ generic: 6, custom: 3 }]);
      return;
    }
    throw new Error("The pool never handed out the first transaction's session again");
  });
});
