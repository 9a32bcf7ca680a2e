import { formatDateTime } from "@/lib/format";
import type { TAnchorStatus } from "@/lib/server/queries/anchor-status";

/** Where the chain's heads go (ADR 0030), in plain words, with what to do when nowhere. */
export function AnchorStatus({ status, timezone }: { status: TAnchorStatus; timezone: string }) {
  const { last, subscribers } = status;
  return (
    <section aria-labelledby="anchors-heading" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
      <h2 id="anchors-heading" className="font-medium text-slate-900">
        Anchors outside the database
      </h2>
      {subscribers === 0 ? (
        <p className="mt-1">
          No webhook endpoint receives the chain&apos;s head, so a history rewritten inside the database could go unnoticed. An admin can subscribe an endpoint to{" "}
          <code>decision_log.anchored</code> under Admin → Webhooks, or run <code>npm run arbiter -- log:anchor --append anchors.jsonl</code> from cron.
        </p>
      ) : (
        <p className="mt-1">
          The worker publishes the chain&apos;s head every 15 minutes to {subscribers} webhook endpoint{subscribers === 1 ? "" : "s"}.
        </p>
      )}
      <p className="mt-1">
        {last
          ? `Last published: link ${last.seq.toLocaleString("en")} (hash ${last.hash.slice(0, 12)}…) on ${formatDateTime(last.publishedAt, timezone)}.`
          : "Nothing published yet."}{" "}
        Check kept anchors with <code>npm run arbiter -- verify-log --anchors FILE</code>.
      </p>
    </section>
  );
}
