// `arbiter verify-log [--anchors FILE]` and `arbiter log:anchor [--append FILE]` (ADR 0030).
import fs from "node:fs";
import { parseAnchorLines } from "@/lib/engine/audit/anchor";

/** Exit codes: 0 intact, 2 bad arguments or anchors file, 3 the chain is broken or does not fit an anchor. */
export async function verifyLogCommand(options: { anchorsFile?: string }): Promise<number> {
  let anchors = null;
  if (options.anchorsFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(options.anchorsFile, "utf8");
    } catch (error) {
      console.error(`Cannot read ${options.anchorsFile}: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    const parsed = parseAnchorLines(text);
    if (parsed.errors.length > 0) {
      for (const e of parsed.errors) console.error(`${options.anchorsFile}:${e.line}: ${e.message}`);
      return 2;
    }
    if (parsed.anchors.length === 0) {
      console.error(`${options.anchorsFile} holds no anchor.`);
      return 2;
    }
    anchors = parsed.anchors;
  }
  const { db } = await import("@/lib/server/db");
  const { verifyDecisionLog } = await import("@/lib/server/decision-log");
  const result = await verifyDecisionLog(db());
  if (!result.ok) {
    console.error(`Decision log BROKEN at entry #${result.brokenId} (${result.checked} entries before it verified): ${result.problem}.`);
    return 3;
  }
  console.log(`Decision log intact: ${result.checked} entries verified${result.pending > 0 ? ` (${result.pending} committed meanwhile, not chained yet)` : ""}.`);
  if (!anchors) return 0;
  const { checkAnchors } = await import("@/lib/server/decision-log/anchor");
  const check = await checkAnchors(db(), anchors);
  if (check.problems.length > 0) {
    for (const p of check.problems) console.error(`Anchor of link ${p.anchor.seq} (sealed ${p.anchor.sealedAt}) does NOT fit: ${p.problem}.`);
    console.error(`${check.problems.length} of ${check.checked} anchors do not fit: the chain verifies on its own, but its history was rewritten.`);
    return 3;
  }
  console.log(`All ${check.checked} anchors fit the chain (its head is link ${check.head}).`);
  return 0;
}

export async function anchorCommand(options: { appendTo?: string }): Promise<number> {
  const { db } = await import("@/lib/server/db");
  const { chainHead } = await import("@/lib/server/decision-log/anchor");
  const head = await chainHead(db());
  if (!head) {
    console.error("The decision log is empty: there is no head to anchor yet.");
    return 3;
  }
  const line = JSON.stringify(head);
  if (options.appendTo) fs.appendFileSync(options.appendTo, `${line}\n`);
  console.log(line);
  return 0;
}
