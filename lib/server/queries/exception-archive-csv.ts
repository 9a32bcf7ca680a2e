import "server-only";
import { csvCell } from "@/lib/engine/scoring/export-csv";
import { iterateExceptionArchive, type TArchiveOptions, type TArchiveRow } from "./exception-archive";

// The archive as CSV (RFC 4180, CRLF). Justifications and names are typed by reps: csvCell
// neutralises cells a spreadsheet would run as formulas.

const HEADER = ["id", "type", "status", "opportunity", "requested_discount_pct", "granted_discount_pct", "tier", "rep", "team", "segment", "products", "submitted_at", "decided_at", "time_to_decision_hours", "justification"];

export function archiveCsvLine(r: TArchiveRow): string {
  return [
    r.id,
    r.type,
    r.status,
    r.opportunityName,
    r.requestedPct,
    r.grantedPct,
    r.tier,
    r.repName,
    r.teamName,
    r.segment,
    r.products.join("; "),
    r.submittedAt?.toISOString(),
    r.decidedAt?.toISOString(),
    r.timeToDecisionMs === null ? null : Math.round(r.timeToDecisionMs / 36_000) / 100,
    r.justification,
  ]
    .map(csvCell)
    .join(",");
}

/** A byte stream of the whole filtered archive, read from the database batch by batch. */
export function archiveCsvStream(options: TArchiveOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateExceptionArchive(options);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(HEADER.join(",") + "\r\n"));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((r) => archiveCsvLine(r) + "\r\n").join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
