import type { TApprovalPolicy } from "./approval";
import type { TScoringPolicy } from "./scoring";

// Default scoring model and approval tiers, from the RevOps playbook: fit (who they are),
// engagement (what they do, pricing page ≠ blog post) and negative signals; the deal-desk
// tier table exactly as the product specification lists it.

/** Fictional competitors of the demo company; their staff are not prospects. */
export const COMPETITOR_DOMAINS = ["closepath.com", "quotient.io", "pactly.com", "dealforge.io"] as const;
export const PERSONAL_EMAIL_DOMAINS = [
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "icloud.com",
  "proton.me",
  "gmx.de",
  "aol.com",
] as const;
export const STUDENT_EMAIL_SUFFIXES = [".edu", ".ac.uk", ".edu.au", ".ac.jp"] as const;
export const ICP_INDUSTRIES = ["Software", "Fintech", "Healthcare", "Logistics"] as const;

export function defaultScoringPolicy(reviewBy: string): TScoringPolicy {
  return {
    fit: [
      { id: "size-enterprise", label: "Enterprise (2,000+ employees)", attribute: "employees", condition: { op: "range", min: 2000 }, points: 20 },
      { id: "size-mid-market", label: "Mid-market (200–1,999 employees)", attribute: "employees", condition: { op: "range", min: 200, max: 2000 }, points: 15 },
      { id: "size-growth-smb", label: "Growing SMB (50–199 employees)", attribute: "employees", condition: { op: "range", min: 50, max: 200 }, points: 8 },
      { id: "icp-industry", label: "ICP industry", attribute: "industry", condition: { op: "in", values: [...ICP_INDUSTRIES] }, points: 10 },
      {
        id: "seniority-exec",
        label: "Executive buyer (C-level, VP, Head of)",
        attribute: "title",
        condition: { op: "contains", values: ["Chief", "VP", "Vice President", "Head of", "Founder"] },
        points: 15,
      },
      { id: "seniority-manager", label: "Director or manager", attribute: "title", condition: { op: "contains", values: ["Director", "Manager"] }, points: 8 },
      {
        id: "department-revenue",
        label: "Revenue team (sales, revops, marketing)",
        attribute: "title",
        condition: { op: "contains", values: ["Sales", "Revenue", "Operations", "Marketing"] },
        points: 5,
      },
      { id: "geo-core", label: "Core market", attribute: "country", condition: { op: "in", values: ["US", "CA", "GB", "DE", "AU"] }, points: 5 },
    ],
    engagement: [
      { id: "demo-request", label: "Requested a demo", activityType: "demo_request", points: 30, cap: 30, halfLifeDays: 30 },
      { id: "pricing-page", label: "Visited the pricing page", activityType: "pricing_page_visit", points: 10, cap: 20, halfLifeDays: 14 },
      { id: "product-signup", label: "Signed up for the product", activityType: "product_signup", points: 20, cap: 20, halfLifeDays: 30 },
      { id: "webinar", label: "Attended a webinar", activityType: "webinar_attended", points: 8, cap: 16, halfLifeDays: 30 },
      { id: "event", label: "Met us at an event", activityType: "event_attended", points: 10, cap: 10, halfLifeDays: 45 },
      { id: "case-study", label: "Read a case study", activityType: "case_study_visit", points: 5, cap: 10, halfLifeDays: 21 },
      // Research is not buying intent: downloads and clicks are worth little and capped low.
      { id: "content-download", label: "Downloaded content", activityType: "content_download", points: 4, cap: 8, halfLifeDays: 30 },
      { id: "email-click", label: "Clicked an email", activityType: "email_click", points: 3, cap: 9, halfLifeDays: 14 },
    ],
    negative: [
      { id: "competitor", label: "Competitor email domain", attribute: "domain", condition: { op: "in", values: [...COMPETITOR_DOMAINS] }, points: -60 },
      { id: "personal-email", label: "Personal email address", attribute: "domain", condition: { op: "in", values: [...PERSONAL_EMAIL_DOMAINS] }, points: -15 },
      { id: "student-email", label: "Student email address", attribute: "domain", condition: { op: "suffix", values: [...STUDENT_EMAIL_SUFFIXES] }, points: -25 },
      { id: "title-mismatch", label: "Intern or student title", attribute: "title", condition: { op: "contains", values: ["Intern", "Student"] }, points: -30 },
      { id: "unsubscribed", label: "Unsubscribed", attribute: "activity.unsubscribe", condition: { op: "range", min: 1 }, points: -20 },
      { id: "spam-complaint", label: "Spam complaint", attribute: "activity.spam_complaint", condition: { op: "range", min: 1 }, points: -50 },
    ],
    fitMin: 20,
    engagementMin: 15,
    mqlThreshold: 60,
    reviewBy,
  };
}

const DEAL_DESK_SLA = 24;

// The discount ladder is cumulative (issue 5: "a 27% discount needs the manager, then the
// VP"): each rung has only a lower bound and adds its approver on top of the rungs below,
// so 15% → manager, 27% → manager → VP, 45% → manager → VP → deal desk. A team that wants
// "the most senior rung only" gives the rungs upper bounds and sets cumulative to false.

export function defaultApprovalPolicy(): TApprovalPolicy {
  return {
    autoApproveMaxDiscountPct: 10,
    standardPaymentTermsDays: 30,
    standardTermMonths: 12,
    fallbackGroup: "DEAL_DESK",
    tiers: [
      {
        id: "discount-manager",
        label: "Discount above 10%: sales manager",
        when: { deviation: "DISCOUNT", minDiscountPct: 10 },
        stages: [{ approvers: ["MANAGER"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: true,
      },
      {
        id: "discount-vp",
        label: "Discount above 20%: VP Sales, after the manager",
        when: { deviation: "DISCOUNT", minDiscountPct: 20 },
        stages: [{ approvers: ["REGION_VP"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: true,
      },
      {
        id: "discount-deal-desk",
        label: "Discount above 40%: deal desk review, after the manager and the VP",
        when: { deviation: "DISCOUNT", minDiscountPct: 40 },
        stages: [{ approvers: ["DEAL_DESK"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: true,
      },
      {
        id: "custom-legal",
        label: "Custom legal terms or SLAs: deal desk, then legal",
        when: { deviation: "CUSTOM_LEGAL" },
        stages: [
          { approvers: ["DEAL_DESK"], slaBusinessHours: DEAL_DESK_SLA },
          { approvers: ["LEGAL"], slaBusinessHours: 40 },
        ],
        cumulative: false,
      },
      {
        id: "payment-terms",
        label: "Payment terms beyond net 30: deal desk, then finance",
        when: { deviation: "PAYMENT_TERMS", minPaymentTermsDays: 31 },
        stages: [
          { approvers: ["DEAL_DESK"], slaBusinessHours: DEAL_DESK_SLA },
          { approvers: ["FINANCE"], slaBusinessHours: DEAL_DESK_SLA },
        ],
        cumulative: false,
      },
      {
        id: "volume-discount",
        label: "Volume discount beyond list: deal desk review",
        when: { deviation: "VOLUME_DISCOUNT" },
        stages: [{ approvers: ["DEAL_DESK"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: false,
      },
      {
        id: "other",
        label: "Other non-standard requests: deal desk review",
        when: { deviation: "OTHER" },
        stages: [{ approvers: ["DEAL_DESK"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: false,
      },
      {
        id: "multi-year",
        label: "Multi-year contract: finance + legal in parallel",
        when: { deviation: "MULTI_YEAR", minTermMonths: 24 },
        stages: [{ approvers: ["FINANCE", "LEGAL"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: false,
      },
      {
        id: "enterprise-deal",
        label: "ACV of $25K or more with any deviation: finance + legal in parallel",
        when: { deviation: "ANY", minAcv: 25_000 },
        stages: [{ approvers: ["FINANCE", "LEGAL"], slaBusinessHours: DEAL_DESK_SLA }],
        cumulative: true,
      },
    ],
  };
}
