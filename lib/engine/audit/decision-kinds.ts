// Every kind of decision the log records. Later features add their kinds here, so the
// set stays one typed list that the UI can describe in plain words.
export const DECISION_KINDS = {
  "policy.draft_created": "Policy draft created",
  "policy.draft_saved": "Policy draft saved",
  "policy.published": "Policy published",
  "policy.draft_updated": "Policy draft edited",
  "policy.archived": "Policy archived",
  "auth.login_failed": "Sign-in refused",
  "auth.login_throttled": "Sign-in throttled",
  "auth.access_denied": "Access denied",
  "user.created": "User created",
  "user.updated": "User changed",
  "user.deactivated": "User deactivated",
  "apikey.created": "API key created",
  "apikey.revoked": "API key revoked",
  "webhook.created": "Webhook endpoint added",
  "webhook.updated": "Webhook endpoint changed",
  "seed.loaded": "Demo data loaded",
  "files.swept": "Unused uploads removed",
  "lead.created": "Lead created",
  "lead.merged": "Lead updated from a new submission",
  "lead.scored": "Lead scored",
  "lead.rescored": "Lead rescored by a new scoring model",
  "lead.routed": "Lead routed",
  "lead.stage_changed": "Lead stage changed",
  "lead.reassigned": "Lead reassigned (override)",
  "opportunity.stage_changed": "Opportunity stage changed",
  "approval.planned": "Approval chain computed",
  "approval.step_decided": "Approval step decided",
  "approval.withdrawn": "Exception request withdrawn",
  "approval.resubmitted": "Exception request resubmitted",
  "approval.counter_offer_answered": "Counter offer answered",
  "sla.clock_started": "SLA clock started",
  "sla.clock_paused": "SLA clock paused",
  "sla.clock_resumed": "SLA clock resumed",
  "sla.clock_stopped": "SLA clock stopped",
  "sla.clock_retargeted": "SLA clock moved to a new owner",
  "sla.warning": "SLA warning",
  "sla.breached": "SLA breached",
  "sla.escalated": "SLA escalated",
  "sla.guardrail_alert": "SLA breach guardrail alert",
  "import.completed": "CSV import completed",
  "correction": "Correction of an earlier entry",
} as const;

export type TDecisionKind = keyof typeof DECISION_KINDS;

export function describeDecisionKind(kind: string): string {
  return (DECISION_KINDS as Record<string, string>)[kind] ?? kind;
}
