// Notification kinds people can choose an e-mail setting for, and the setting each kind has
// when the person never chose. Things that need someone to act now (an assignment, an
// approval waiting, a breach, an escalation) go out at once; warnings and progress updates
// wait for the daily digest. A kind not listed here is e-mailed at once (the safe side for
// a kind added later) with the generic template.

export const EMAIL_CHOICES = ["IMMEDIATE", "DIGEST", "OFF"] as const;
export type TEmailChoice = (typeof EMAIL_CHOICES)[number];

export type TNotificationKind = { kind: string; label: string; explanation: string; default: TEmailChoice };

export const NOTIFICATION_KINDS: readonly TNotificationKind[] = [
  { kind: "lead.assigned", label: "Lead assigned to you", explanation: "A new or reassigned lead is now yours.", default: "IMMEDIATE" },
  { kind: "lead.requalified", label: "Lead is an MQL again", explanation: "One of your former leads scored back into MQL.", default: "DIGEST" },
  { kind: "approval.requested", label: "Approval needed", explanation: "An exception request waits for your decision (with approve / reject links).", default: "IMMEDIATE" },
  { kind: "approval.update", label: "Decision on your request", explanation: "Someone decided a step of an exception request you made.", default: "IMMEDIATE" },
  { kind: "sla.warning", label: "SLA warning", explanation: "A clock you own passed a warning threshold.", default: "DIGEST" },
  { kind: "sla.breached", label: "SLA breached", explanation: "A clock you own or watch ran out.", default: "IMMEDIATE" },
  { kind: "sla.escalated", label: "SLA escalated to you", explanation: "A missed SLA climbed the escalation ladder to you.", default: "IMMEDIATE" },
  { kind: "sla.guardrail", label: "Repeated SLA breaches", explanation: "One policy breached past its limit twice within 48 hours.", default: "IMMEDIATE" },
];

const BY_KIND = new Map(NOTIFICATION_KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): TNotificationKind | undefined {
  return BY_KIND.get(kind);
}

/** The e-mail setting in force: the person's own choice, else the kind's default. */
export function effectiveChoice(kind: string, chosen: ReadonlyMap<string, string> | undefined): TEmailChoice {
  const own = chosen?.get(kind);
  if (own && (EMAIL_CHOICES as readonly string[]).includes(own)) return own as TEmailChoice;
  return BY_KIND.get(kind)?.default ?? "IMMEDIATE";
}
