import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { WebhookControls } from "@/components/webhooks/webhook-controls";
import { formatDateTime } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { listWebhooks } from "@/lib/server/queries/list-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { user, denied } = await pageAccess("webhooks.manage", "/admin/webhooks");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const endpoints = await listWebhooks();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed JSON callbacks for lead assignments, SLA warnings and breaches, exception decisions and policy publishes. Each request carries Arbiter-Signature: t=<unix time>,v1=<HMAC-SHA256 of “t.body” with the endpoint's secret>. Failed deliveries are retried with backoff for about 20 minutes."
      />
      <div className="mb-6">
        <CreateWebhookForm />
      </div>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhooks yet" next="Add an endpoint above to receive Arbiter's events in your own systems." />
      ) : (
        <ul className="flex flex-col gap-4">
          {endpoints.map((e) => (
            <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <p className="font-mono text-sm font-medium">{e.url}</p>
                  <p className="text-xs text-slate-600">
                    {e.events.join(", ")}
                    {e.description ? ` · ${e.description}` : ""}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <Badge tone={e.active ? "good" : "neutral"}>{e.active ? "Active" : "Paused"}</Badge>
                  <WebhookControls endpointId={e.id} url={e.url} active={e.active} />
                </div>
              </div>
              {e.deliveries.length === 0 ? (
                <p className="mt-3 text-sm text-slate-600">No deliveries yet. Use “Send test” to try the endpoint.</p>
              ) : (
                <table className="mt-3 w-full text-sm">
                  <caption className="sr-only">Recent deliveries to {e.url}</caption>
                  <thead>
                    <tr className="text-left text-slate-600">
                      <th scope="col" className="py-1">Event</th>
                      <th scope="col">Status</th>
                      <th scope="col">Attempts</th>
                      <th scope="col">Response</th>
                      <th scope="col">Last attempt</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.deliveries.map((d) => (
                      <tr key={d.id} className="border-t border-slate-100">
                        <td className="py-1 font-mono text-xs">{d.event}</td>
                        <td>
                          <Badge tone={d.status === "SUCCEEDED" ? "good" : d.status === "FAILED" ? "bad" : "warn"}>{d.status.toLowerCase()}</Badge>
                        </td>
                        <td className="tabular-nums">{d.attempts}</td>
                        <td>{d.responseCode ? `HTTP ${d.responseCode}` : (d.error ?? "—")}{d.durationMs !== null ? ` · ${d.durationMs} ms` : ""}</td>
                        <td>{formatDateTime(d.lastAttemptAt ?? d.createdAt, user.timezone)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
