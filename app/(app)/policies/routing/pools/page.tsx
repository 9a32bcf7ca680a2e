import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { routingPoolStatus } from "@/lib/server/queries/routing-pool-status";

export const metadata: Metadata = { title: "Routing pools" };
export const dynamic = "force-dynamic";

export default async function RoutingPoolsPage() {
  // Who is on PTO and how many leads each rep got: RevOps and the people who manage reps.
  const { user, denied } = await pageAccess(["policies.edit", "leads.read.team", "leads.read.all"], "/policies/routing/pools");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const status = await routingPoolStatus();
  return (
    <>
      <PageHeader
        title="Routing pools"
        description={`Round-robin pools of the published routing matrix${status ? ` (v${status.version})` : ""}: assignments so far, and who could take a lead right now — and if not, why.`}
      />
      {!status ? (
        <EmptyState title="No published routing matrix" next="RevOps publishes a routing policy first; its pools then show here." />
      ) : status.pools.length === 0 ? (
        <EmptyState title="The published matrix has no pools" next="Add a round-robin pool to a routing draft (import JSON) and publish it." action={<Link href="/policies/routing" className="text-brand-700 underline">Routing versions</Link>} />
      ) : (
        <div className="flex flex-col gap-6">
          {status.pools.map((pool) => (
            <section key={pool.poolId} aria-labelledby={`pool-${pool.poolId}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h2 id={`pool-${pool.poolId}`} className="font-semibold">
                  {pool.name}
                </h2>
                <Badge tone={pool.availableNow === 0 ? "bad" : "good"}>
                  {pool.availableNow} of {pool.members.length} available now
                </Badge>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {pool.assignments} assignment{pool.assignments === 1 ? "" : "s"} so far · used by {pool.usedByRows.length === 0 ? "no row" : `row ${pool.usedByRows.join(", ")}`}
                {pool.requiredSkills.length > 0 ? ` · needs ${pool.requiredSkills.join(", ")}` : ""} · {pool.catchUpAfterAbsence ? "members back from absence catch up" : "no catch-up after absence"}
              </p>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-xs text-slate-500">
                    <tr>
                      <th className="py-1 pr-3">Member</th>
                      <th className="py-1 pr-3">Weight</th>
                      <th className="py-1 pr-3">Today</th>
                      <th className="py-1 pr-3">This week</th>
                      <th className="py-1 pr-3">Total</th>
                      <th className="py-1 pr-3" title="Leads owed relative to weight; the most owed is next">Lag</th>
                      <th className="py-1">Now</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pool.members.map((m) => (
                      <tr key={m.userId} className="border-t border-slate-100">
                        <td className="py-1 pr-3">{m.name}</td>
                        <td className="py-1 pr-3">{m.weight}</td>
                        <td className="py-1 pr-3">
                          {m.assignedToday}
                          {m.capPerDay ? ` / ${m.capPerDay}` : ""}
                        </td>
                        <td className="py-1 pr-3">
                          {m.assignedThisWeek}
                          {m.capPerWeek ? ` / ${m.capPerWeek}` : ""}
                        </td>
                        <td className="py-1 pr-3">{m.assignedTotal}</td>
                        <td className="py-1 pr-3">{m.lag.toFixed(2)}</td>
                        <td className="py-1">{m.available ? <Badge tone="good">Available</Badge> : <Badge tone="warn">Not available: {m.detail}</Badge>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
