// Checking published chain heads ("anchors", ADR 0030) against the chain as it is now. The hash
// chain alone shows an entry edited, removed or reordered; it cannot show the whole chain
// rewritten from some point on by someone who can write every table, since a rewritten chain is
// consistent again. An anchor kept outside the database can: the link at its position must still
// carry the hash it had when it was published.
import { ZChainAnchor, type TChainAnchor } from "@/lib/schemas/decision-log-anchor";

export type TChainLink = { seq: bigint; hash: string };

/** Why the chain no longer fits an anchor, in plain words; null when it does. */
export function anchorProblem(anchor: TChainAnchor, link: TChainLink | null, head: bigint): string | null {
  if (link === null) {
    return `link ${anchor.seq} is gone: the chain now ends at link ${head}, so links published on ${anchor.sealedAt.slice(0, 10)} were removed`;
  }
  if (link.hash !== anchor.hash) {
    return `link ${anchor.seq} now has hash ${link.hash.slice(0, 12)}…, the anchor says ${anchor.hash.slice(0, 12)}…: the chain was rewritten at or before that link`;
  }
  return null;
}

export type TParsedAnchors = { anchors: TChainAnchor[]; errors: { line: number; message: string }[] };

/**
 * Anchors from a JSON-lines text (one anchor object per line, as `arbiter log:anchor --append`
 * writes them, or as a webhook receiver stored them). Blank lines are skipped; a bad line is
 * reported by number and not used.
 */
export function parseAnchorLines(text: string): TParsedAnchors {
  const anchors: TChainAnchor[] = [];
  const errors: TParsedAnchors["errors"] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ line: index + 1, message: "not JSON" });
      return;
    }
    // A webhook delivery's body carries the anchor under "data".
    const candidate = value && typeof value === "object" && "data" in value && "event" in value ? (value as { data: unknown }).data : value;
    const parsed = ZChainAnchor.safeParse(candidate);
    if (parsed.success) anchors.push(parsed.data);
    else errors.push({ line: index + 1, message: parsed.error.issues.map((i) => i.message).join("; ") });
  });
  return { anchors, errors };
}
