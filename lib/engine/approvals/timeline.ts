// A request's history in plain words, from its decision-log entries: "Mona Diaz approved
// stage 1 (sales manager)". Pure: the entries and the people's names are parameters, dates
// are formatted by the page.

export type TLogEntry = { id: string; kind: string; actorId: string | null; createdAt: Date; input: unknown; output: unknown; reasons: unknown };
export type TTimelineItem = { id: string; kind: string; at: Date; text: string; details: string[] };

const ROLE_WORDS: Record<string, string> = {
  MANAGER: "sales manager",
  REGION_VP: "VP Sales",
  DEAL_DESK: "deal desk",
  FINANCE: "Finance",
  LEGAL: "Legal",
};

const STATUS_WORDS: Record<string, string> = {
  APPROVED: "approved",
  APPROVED_WITH_CONDITIONS: "approved with conditions",
  REJECTED: "rejected",
  CHANGES_REQUESTED: "sent back for changes",
  AWAITING_REQUESTER: "waiting on the requester's answer to the counter offer",
  PENDING: "waiting on the next stage",
};

type TRecord = Record<string, unknown>;
const rec = (v: unknown): TRecord => (v && typeof v === "object" && !Array.isArray(v) ? (v as TRecord) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function roleWords(role: string): string {
  return ROLE_WORDS[role] ?? role.toLowerCase().replaceAll("_", " ");
}

function stepDecision(who: string, input: TRecord, output: TRecord): string {
  const stage = typeof input.stageIndex === "number" ? `stage ${input.stageIndex + 1} (${roleWords(String(input.role ?? ""))})` : "a step";
  const as = output.decidedAs === "delegate" ? " as delegate" : "";
  const reason = str(input.reason);
  const conditions = str(rec(input.conditions).summary);
  let text: string;
  switch (input.decision) {
    case "APPROVE":
      text = `${who} approved ${stage}${as}`;
      break;
    case "REJECT":
      text = `${who} rejected ${stage}${as}${reason ? `: “${reason}”` : ""}`;
      break;
    case "REQUEST_CHANGES":
      text = `${who} asked for changes at ${stage}${as}${reason ? `: “${reason}”` : ""}`;
      break;
    case "APPROVE_WITH_CONDITIONS":
      text = `${who} approved ${stage}${as} with conditions${conditions ? `: ${conditions}` : ""}`;
      break;
    default:
      text = `${who} decided ${stage}${as}`;
  }
  const status = str(output.requestStatus);
  return status && STATUS_WORDS[status] ? `${text}. The request is now ${STATUS_WORDS[status]}.` : `${text}.`;
}

/** One sentence per entry, oldest first; the engine's reasons go underneath. */
export function describeTimeline(entries: readonly TLogEntry[], names: ReadonlyMap<string, string>): TTimelineItem[] {
  return [...entries]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id, "en", { numeric: true }))
    .map((e) => {
      const who = (e.actorId && names.get(e.actorId)) || (e.actorId ? "Someone" : "Arbiter");
      const input = rec(e.input);
      const output = rec(e.output);
      const reasons = strings(e.reasons);
      const chain = str(output.chain);
      let text: string;
      let details = reasons;
      switch (e.kind) {
        case "approval.planned":
          text =
            output.outcome === "AUTO_APPROVED"
              ? `${who} submitted the request; it was approved at once, inside the auto-approve band.`
              : `${who} submitted the request${chain ? `; approval chain: ${chain}` : ""}.`;
          break;
        case "approval.resubmitted":
          text = `${who} resubmitted the request with changed terms; every stage runs again${chain ? ` (${chain})` : ""}.`;
          details = reasons.slice(1);
          break;
        case "approval.step_decided":
          text = stepDecision(who, input, output);
          details = reasons.slice(1);
          break;
        case "approval.counter_offer_answered": {
          const offer = str(rec(input.conditions).summary);
          text = input.accept === true ? `${who} accepted the counter offer${offer ? ` (${offer})` : ""}.` : `${who} declined the counter offer${offer ? ` (${offer})` : ""}; the request is rejected.`;
          details = [];
          break;
        }
        case "approval.withdrawn":
          text = `${who} withdrew the request.`;
          break;
        case "auth.access_denied":
          text = `${who} tried to act on the request and was refused.`;
          break;
        default:
          // Other engines' entries (SLA clocks started, stopped, breached) carry their own
          // plain-words reasons: the first is the sentence, the rest go underneath.
          text = reasons[0] ?? `${who}: ${e.kind.replaceAll(".", " ").replaceAll("_", " ")}.`;
          details = reasons.slice(1);
      }
      return { id: e.id, kind: e.kind, at: e.createdAt, text, details };
    });
}
