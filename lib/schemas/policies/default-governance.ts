import type { TLifecyclePolicy } from "./lifecycle";
import type { TPipelinePolicy } from "./pipeline";
import type { TRoePolicy } from "./roe";
import type { TCalendar, TSlaPolicy, TWorkingHours } from "./sla";

// Default SLA, lifecycle, pipeline and ROE policies, from the playbooks: first touch within
// 4 business hours, accept/reject an MQL within 48 hours, the escalation ladder owner →
// manager → RevOps director → CRO, and the "2× average days" stale rule.

const WEEKDAY_HOURS: TWorkingHours = {
  mon: [["09:00", "17:00"]],
  tue: [["09:00", "17:00"]],
  wed: [["09:00", "17:00"]],
  thu: [["09:00", "17:00"]],
  fri: [["09:00", "17:00"]],
};

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The n-th (1-based) given weekday of a month, or the last one when n = -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    last.setUTCDate(last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7));
    return last.toISOString().slice(0, 10);
  }
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekday - first.getUTCDay() + 7) % 7;
  return iso(year, month, 1 + offset + (n - 1) * 7);
}

// Public holidays that do not need an Easter computation; enough for business-hour clocks.
const HOLIDAYS: Record<string, (y: number) => string[]> = {
  NA: (y) => [iso(y, 1, 1), nthWeekday(y, 5, 1, -1), iso(y, 7, 4), nthWeekday(y, 9, 1, 1), nthWeekday(y, 11, 4, 4), iso(y, 12, 25)],
  EMEA: (y) => [iso(y, 1, 1), nthWeekday(y, 5, 1, 1), nthWeekday(y, 5, 1, -1), nthWeekday(y, 8, 1, -1), iso(y, 12, 25), iso(y, 12, 26)],
  APAC: (y) => [iso(y, 1, 1), iso(y, 5, 1), iso(y, 8, 9), iso(y, 12, 25)],
};

function regionCalendar(id: string, name: string, region: string | undefined, timezone: string, years: number[]): TCalendar {
  const holidays = region ? years.flatMap((y) => HOLIDAYS[region]?.(y) ?? []) : years.flatMap((y) => [iso(y, 1, 1), iso(y, 12, 25)]);
  return { id, name, ...(region ? { region } : {}), timezone, workingHours: WEEKDAY_HOURS, holidays: [...new Set(holidays)].sort() };
}

export function defaultSlaPolicy(year: number): TSlaPolicy {
  const years = [year, year + 1];
  return {
    defaultCalendarId: "global",
    calendars: [
      regionCalendar("global", "Global (UTC)", undefined, "UTC", years),
      regionCalendar("na", "North America", "NA", "America/New_York", years),
      regionCalendar("emea", "EMEA", "EMEA", "Europe/London", years),
      regionCalendar("apac", "APAC", "APAC", "Asia/Singapore", years),
    ],
    clocks: [
      {
        id: "LEAD_FIRST_TOUCH",
        label: "First touch within 4 business hours",
        durationMinutes: 240,
        businessHours: true,
        calendar: "OWNER",
        warnAt: [0.5, 0.75],
        escalation: [
          { level: 1, notify: ["OWNER", "MANAGER"] },
          { level: 2, notify: ["REVOPS"], afterBreachMinutes: 240 },
          { level: 3, notify: ["EXEC"], afterBreachMinutes: 1440 },
        ],
        breachLimitPer48h: 10,
      },
      {
        id: "MQL_ACCEPT",
        label: "Accept or reject an MQL within 48 hours",
        durationMinutes: 48 * 60,
        businessHours: false,
        calendar: "OWNER",
        warnAt: [0.75],
        escalation: [
          { level: 1, notify: ["OWNER", "MANAGER"] },
          { level: 2, notify: ["REVOPS"], afterBreachMinutes: 480 },
          { level: 3, notify: ["EXEC"], afterBreachMinutes: 2880 },
        ],
        breachLimitPer48h: 10,
      },
      {
        id: "APPROVAL_STAGE",
        label: "Each approval stage within its tier's business hours",
        multiplier: 1,
        businessHours: true,
        calendar: "REGION",
        warnAt: [0.5, 0.75],
        escalation: [
          { level: 1, notify: ["OWNER", "DEAL_DESK"] },
          { level: 2, notify: ["REGION_VP"], afterBreachMinutes: 480 },
          { level: 3, notify: ["EXEC"], afterBreachMinutes: 1440 },
        ],
        breachLimitPer48h: 5,
      },
      {
        id: "STALE_OPPORTUNITY",
        label: "Opportunity stale after 2× the stage's average days",
        multiplier: 2,
        businessHours: false,
        calendar: "OWNER",
        warnAt: [0.75],
        escalation: [
          { level: 1, notify: ["OWNER", "MANAGER"] },
          { level: 2, notify: ["REGION_VP"], afterBreachMinutes: 7 * 1440 },
        ],
      },
    ],
  };
}

export function defaultLifecyclePolicy(): TLifecyclePolicy {
  const t = (from: string, to: string, trigger: "AUTOMATIC" | "MANUAL", requiresReason = false) =>
    ({ from, to, trigger, requiresReason }) as TLifecyclePolicy["transitions"][number];
  return {
    stages: [
      { stage: "SUBSCRIBER", label: "Subscriber", entryCriteria: "Opts in to content (blog, newsletter)", exitCriteria: "Provides company info or shows engagement", ownerTeam: "MARKETING" },
      { stage: "LEAD", label: "Lead", entryCriteria: "Identified contact with basic info", exitCriteria: "Meets the fit and engagement minimums and the MQL threshold", ownerTeam: "MARKETING" },
      { stage: "MQL", label: "Marketing qualified lead", entryCriteria: "Passes fit + engagement threshold of the published scoring model", exitCriteria: "Owner accepts (SQL) or rejects with a reason code within the SLA", ownerTeam: "SALES_DEVELOPMENT", ownerRole: "REP" },
      { stage: "SQL", label: "Sales qualified lead", entryCriteria: "Sales accepts and qualifies via conversation", exitCriteria: "Opportunity created or recycled", ownerTeam: "SALES", ownerRole: "REP" },
      { stage: "OPPORTUNITY", label: "Opportunity", entryCriteria: "Budget, authority, need and timeline confirmed", exitCriteria: "Closed won or closed lost", ownerTeam: "SALES", ownerRole: "REP" },
      { stage: "CUSTOMER", label: "Customer", entryCriteria: "Closed-won deal", exitCriteria: "Expands, renews or churns", ownerTeam: "CUSTOMER_SUCCESS" },
      { stage: "EVANGELIST", label: "Evangelist", entryCriteria: "High NPS, referral activity or case study", exitCriteria: "Ongoing program participation", ownerTeam: "CUSTOMER_SUCCESS" },
      { stage: "RECYCLED", label: "Recycled", entryCriteria: "Rejected or lost with a recyclable reason", exitCriteria: "New high-intent activity requalifies it as an MQL", ownerTeam: "MARKETING" },
      { stage: "DISQUALIFIED", label: "Disqualified", entryCriteria: "Rejected with a disqualifying reason (competitor, spam, not a fit)", exitCriteria: "None: kept for reporting only", ownerTeam: "REVOPS", ownerRole: "REVOPS" },
    ],
    transitions: [
      t("SUBSCRIBER", "LEAD", "AUTOMATIC"),
      t("SUBSCRIBER", "MQL", "AUTOMATIC"),
      t("LEAD", "MQL", "AUTOMATIC"),
      t("LEAD", "DISQUALIFIED", "MANUAL", true),
      t("MQL", "SQL", "MANUAL"),
      t("MQL", "RECYCLED", "MANUAL", true),
      t("MQL", "DISQUALIFIED", "MANUAL", true),
      t("SQL", "OPPORTUNITY", "MANUAL"),
      t("SQL", "RECYCLED", "MANUAL", true),
      t("OPPORTUNITY", "CUSTOMER", "AUTOMATIC"),
      t("OPPORTUNITY", "RECYCLED", "AUTOMATIC", true),
      t("CUSTOMER", "EVANGELIST", "MANUAL"),
      t("SUBSCRIBER", "DISQUALIFIED", "MANUAL", true),
      t("RECYCLED", "MQL", "AUTOMATIC"),
    ],
    rejectReasons: [
      { code: "NO_BUDGET", label: "No budget this year", outcome: "RECYCLED" },
      { code: "BAD_TIMING", label: "Not buying in the next 6 months", outcome: "RECYCLED" },
      { code: "NO_AUTHORITY", label: "Not a decision maker; no path to one", outcome: "RECYCLED" },
      { code: "NO_RESPONSE", label: "No response after the contact sequence", outcome: "RECYCLED" },
      { code: "NOT_A_FIT", label: "Outside our ideal customer profile", outcome: "DISQUALIFIED" },
      { code: "COMPETITOR", label: "Works for a competitor", outcome: "DISQUALIFIED" },
      { code: "EXISTING_CUSTOMER", label: "Already a customer: route to the account team", outcome: "DISQUALIFIED" },
      { code: "SPAM", label: "Spam or fake details", outcome: "DISQUALIFIED" },
    ],
    recycle: {
      requalifyOnNewIntent: true,
      highIntentActivityTypes: ["demo_request", "pricing_page_visit", "product_signup"],
      minDaysBeforeRequalify: 14,
      notifyLastOwner: true,
      nurtureTrack: "Recycled nurture",
    },
  };
}

export function defaultPipelinePolicy(): TPipelinePolicy {
  return {
    stages: [
      { stage: "QUALIFIED", label: "Qualified", requiredFields: ["account", "source"], averageDays: 7, exitCriteria: "Discovery call scheduled" },
      { stage: "DISCOVERY", label: "Discovery", requiredFields: ["closeDate"], averageDays: 14, exitCriteria: "Needs confirmed, demo scheduled" },
      { stage: "EVALUATION", label: "Demo / evaluation", requiredFields: ["products"], averageDays: 21, exitCriteria: "Positive evaluation, proposal requested" },
      { stage: "PROPOSAL", label: "Proposal", requiredFields: ["amount", "termMonths"], averageDays: 10, exitCriteria: "Proposal delivered and reviewed" },
      { stage: "NEGOTIATION", label: "Negotiation", requiredFields: ["paymentTermsDays", "discountPct"], averageDays: 14, exitCriteria: "Terms agreed, contract sent" },
      { stage: "CLOSED_WON", label: "Closed won", requiredFields: [], exitCriteria: "Handoff to customer success complete" },
      { stage: "CLOSED_LOST", label: "Closed lost", requiredFields: ["lossReason", "competitor"], exitCriteria: "Post-mortem logged" },
    ],
    skipPolicy: "FLAG",
    staleMultiplier: 2,
    closeDatePushRequiresReason: true,
    closedLostRequires: ["lossReason", "competitor"],
    lossReasons: [
      { code: "PRICE", label: "Price" },
      { code: "NO_BUDGET", label: "No budget" },
      { code: "NO_DECISION", label: "No decision / status quo" },
      { code: "LOST_TO_COMPETITOR", label: "Lost to a competitor" },
      { code: "MISSING_FEATURE", label: "Missing feature" },
      { code: "TIMING", label: "Timing" },
      { code: "CHAMPION_LEFT", label: "Champion left" },
    ],
  };
}

export function defaultRoePolicy(revopsUserId?: string): TRoePolicy {
  return {
    stakeholders: [
      { area: "SALES", ownerRole: "VP_SALES", responsibilities: "Territories, named accounts, rep capacity" },
      { area: "MARKETING", ownerRole: "REVOPS", responsibilities: "Lead sources, scoring model, MQL definition" },
      { area: "CUSTOMER_SUCCESS", ownerRole: "EXEC", responsibilities: "Post-sale handoff, expansion ownership" },
      { area: "PARTNER", ownerRole: "SALES_MANAGER", responsibilities: "Deal registrations, channel conflicts" },
      { area: "LEGAL", ownerRole: "LEGAL", responsibilities: "Custom terms, contract templates" },
      { area: "FINANCE", ownerRole: "FINANCE", responsibilities: "Payment terms, multi-year pricing" },
      { area: "OPS", ownerRole: "REVOPS", ...(revopsUserId ? { ownerUserId: revopsUserId } : {}), responsibilities: "Policies, routing matrix, audits, quarterly review" },
    ],
    ownershipRules: [
      { id: "named-account-owner", type: "NAMED_ACCOUNT_OWNER", label: "The named-account owner wins", appliesTo: [], kpi: "CUSTOMER_EXPERIENCE" },
      {
        id: "partner-registration",
        type: "PARTNER_REGISTRATION",
        label: "A partner registration is protected for 90 days",
        protectionDays: 90,
        appliesTo: ["CHANNEL_VS_DIRECT", "DUPLICATE_OPPORTUNITY"],
        kpi: "FAIRNESS",
      },
      { id: "territory-owner", type: "TERRITORY_OWNER", label: "The territory that owns the country wins", appliesTo: ["TERRITORY_OVERLAP"], kpi: "FAIRNESS" },
      { id: "first-qualified-touch", type: "FIRST_QUALIFIED_TOUCH", label: "The first qualified touch wins", lookbackDays: 90, appliesTo: [], kpi: "SPEED" },
    ],
    conflictTypes: [
      { code: "CHANNEL_VS_DIRECT", label: "Channel vs direct", adjudicatorRole: "REVOPS", resolutionSlaBusinessHours: 16, evidenceRequired: ["Partner registration", "First-touch activity"] },
      { code: "TERRITORY_OVERLAP", label: "Territory overlap", adjudicatorRole: "REVOPS", resolutionSlaBusinessHours: 16, evidenceRequired: ["Account headquarters country"] },
      { code: "DUPLICATE_OPPORTUNITY", label: "Duplicate opportunity", adjudicatorRole: "DEAL_DESK", resolutionSlaBusinessHours: 8, evidenceRequired: ["Both opportunity records"] },
      { code: "ACCOUNT_OWNERSHIP", label: "Account ownership claim", adjudicatorRole: "VP_SALES", resolutionSlaBusinessHours: 24, evidenceRequired: ["Activity history"] },
    ],
  };
}
