// Policy drift: when almost everyone who asks for the same exception gets it, the exception
// is de facto standard and the policy should say so. Pure: the query hands over counts per
// pattern (quarter × type × discount band × segment) and this decides what is a finding.

export const DRIFT_BAND_WIDTH = 5;
export const DRIFT_MIN_REQUESTS = 10;
export const DRIFT_MIN_APPROVAL_RATE = 0.8;

export type TDriftGroup = {
  quarter: string;
  type: string;
  segment: string | null;
  /** Lower bound of the discount band, exclusive ((10, 15] is 10); null for types without a discount. */
  bandLow: number | null;
  /** Requests with an outcome (approved, approved with conditions, rejected). */
  decided: number;
  /** Approved as asked: a counter offer means the ask itself was not standard. */
  approved: number;
};

export type TDriftFinding = TDriftGroup & { approvalRate: number; band: string | null; sentence: string; suggestion: string };

/**
 * The band a discount falls in, bounds like the approval policy's (`min < d <= max`), so a band
 * lines up with the tier limits: 15% is in 10–15%, 15.01% in 15–20%.
 */
export function discountBandLow(pct: number, width = DRIFT_BAND_WIDTH): number {
  return Math.max(0, Math.ceil(pct / width) * width - width);
}

export function bandLabel(low: number | null, width = DRIFT_BAND_WIDTH): string | null {
  return low === null ? null : `${low}–${low + width}%`;
}

const SEGMENT_LABEL: Record<string, string> = { SMB: "SMB", MID_MARKET: "mid-market", ENTERPRISE: "enterprise" };
const TYPE_LABEL: Record<string, string> = {
  DISCOUNT: "discount",
  VOLUME_DISCOUNT: "volume discount",
  PAYMENT_TERMS: "payment terms",
  MULTI_YEAR: "multi-year",
  CUSTOM_LEGAL: "custom legal",
  OTHER: "other",
};

function suggestionFor(type: string): string {
  if (type === "DISCOUNT") return "consider raising the auto-approve limit";
  if (type === "VOLUME_DISCOUNT") return "consider adding a volume discount band to list pricing";
  return "consider making these terms standard or lowering their approval tier";
}

export function detectDrift(
  groups: readonly TDriftGroup[],
  options: { minRequests?: number; minApprovalRate?: number; bandWidth?: number } = {},
): TDriftFinding[] {
  const minRequests = options.minRequests ?? DRIFT_MIN_REQUESTS;
  const minRate = options.minApprovalRate ?? DRIFT_MIN_APPROVAL_RATE;
  const findings: TDriftFinding[] = [];
  for (const g of groups) {
    if (g.decided < minRequests || g.decided === 0) continue;
    const approvalRate = g.approved / g.decided;
    // "More than 80%": a pattern approved exactly 80% of the time still gets one refusal in five.
    if (!(approvalRate > minRate)) continue;
    const band = bandLabel(g.bandLow, options.bandWidth);
    const segment = g.segment ? (SEGMENT_LABEL[g.segment] ?? g.segment.toLowerCase()) : "unsegmented";
    const what = `${segment} ${TYPE_LABEL[g.type] ?? g.type.toLowerCase()} requests${band ? ` of ${band}` : ""}`;
    const suggestion = suggestionFor(g.type);
    const sentence = `In ${g.quarter}, ${g.approved} of ${g.decided} ${what} were approved (${Math.round(approvalRate * 100)}%): ${suggestion}`;
    findings.push({ ...g, approvalRate, band, sentence, suggestion });
  }
  // Newest quarter first, then the strongest evidence.
  return findings.sort((a, b) => b.quarter.localeCompare(a.quarter) || b.decided - a.decided || b.approvalRate - a.approvalRate);
}
