import type { Prisma } from "@/lib/generated/prisma/client";
import type { TScoringPolicy } from "@/lib/schemas/policies";
import { repsFor } from "./accounts";
import { makeIdentity, type TIdentityContext, type TLeadIdentity } from "./lead-identity";
import { leadPath, type TStage } from "./lead-path";
import type { TOrg } from "./org";
import { teamKeyFor } from "./org-plan";
import { createRng, streamSeed, type TRng } from "./prng";
import { scoreLead, type TSeedActivity } from "./score";
import { LEAD_SOURCES, PRODUCT_LINES } from "./words";

// Leads in batches: each batch has its own PRNG stream, so a batch is generated, written
// and dropped before the next one (memory stays flat at a million leads). Only the
// per-company counters that keep e-mails unique live across batches.

export type TLeadContext = TIdentityContext & {
  org: TOrg;
  ref: Date;
  model: TScoringPolicy;
  inboundTeamId: string;
  partnerRepIds: string[];
};

export type TLeadBatch = {
  leads: Prisma.LeadCreateManyInput[];
  activities: Prisma.LeadActivityCreateManyInput[];
  transitions: Prisma.LifecycleTransitionCreateManyInput[];
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const UTC_WORK_START: Record<string, number> = { NA: 13, EMEA: 7, APAC: 0 };
const DIAL: Record<string, string> = {
  US: "1", CA: "1", MX: "52", BR: "55", AR: "54", CL: "56", GB: "44", DE: "49", FR: "33", NL: "31", ES: "34", IT: "39", SE: "46",
  CH: "41", AT: "43", IE: "353", PL: "48", DK: "45", AE: "971", ZA: "27", AU: "61", JP: "81", IN: "91", SG: "65", NZ: "64", KR: "82", ID: "62",
};
const METADATA: Record<string, (rng: TRng) => Record<string, string>> = {
  pricing_page_visit: () => ({ url: "/pricing" }),
  page_visit: (r) => ({ url: r.pick(["/blog/lead-routing-rules", "/blog/deal-desk-basics", "/product", "/integrations"]) }),
  demo_request: () => ({ form: "Book a demo" }),
  webinar_attended: (r) => ({ webinar: r.pick(["Fixing lead routing", "A deal desk in 30 days", "SLA design for RevOps"]) }),
  content_download: (r) => ({ asset: r.pick(["ROE playbook", "Scoring model template", "Pipeline hygiene checklist"]) }),
  case_study_visit: (r) => ({ url: r.pick(["/customers/northwind", "/customers/bluepeak"]) }),
  email_click: (r) => ({ campaign: r.pick(["Monthly digest", "Product launch", "Webinar invite"]) }),
  event_attended: () => ({ event: "RevOps Summit" }),
  product_signup: () => ({ plan: "trial" }),
};

/** Creation time: the last 180 days, busier recently and on weekdays, in the region's working hours. */
function createdAtFor(rng: TRng, ref: Date, region: string): Date {
  let daysBack = 1 + Math.floor(180 * rng.next() ** 1.15);
  const day = new Date(ref.getTime() - daysBack * DAY).getUTCDay();
  if ((day === 0 || day === 6) && rng.chance(0.7)) daysBack += day === 0 ? 2 : 1;
  return new Date(ref.getTime() - Math.min(daysBack, 180) * DAY + ((UTC_WORK_START[region] ?? 8) + rng.float(0, 9)) * HOUR);
}

function activitiesFor(rng: TRng, createdAt: Date, ref: Date, source: string): TSeedActivity[] {
  const window = Math.min(60, (ref.getTime() - createdAt.getTime()) / DAY);
  const at = () => new Date(createdAt.getTime() + rng.next() * window * DAY);
  const out: TSeedActivity[] = [];
  if (source === "webinar") out.push({ type: "webinar_attended", occurredAt: createdAt });
  if (source === "event") out.push({ type: "event_attended", occurredAt: createdAt });
  if (source === "content") out.push({ type: "content_download", occurredAt: createdAt });
  if (source === "web_form" && rng.chance(0.35)) out.push({ type: "demo_request", occurredAt: createdAt });
  const intent = rng.next() ** 1.4;
  const n = intent < 0.25 ? 0 : Math.round(intent * 8);
  for (let j = 0; j < n; j++) {
    const type = rng.weighted([
      ["page_visit", 5], ["email_open", 4], ["email_click", 3], ["content_download", 2], ["case_study_visit", 1 + 2 * intent],
      ["pricing_page_visit", 4 * intent], ["demo_request", 1.5 * intent], ["product_signup", 1.2 * intent], ["webinar_attended", 1],
    ] as const);
    out.push({ type, occurredAt: at() });
  }
  if (rng.chance(0.03)) out.push({ type: "unsubscribe", occurredAt: at() });
  if (rng.chance(0.004)) out.push({ type: "spam_complaint", occurredAt: at() });
  return out.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function ownerFor(rng: TRng, ctx: TLeadContext, who: TLeadIdentity, partner: boolean): string | null {
  if (who.account?.isNamedAccount && who.account.ownerId) return who.account.ownerId;
  if (partner && ctx.partnerRepIds.length > 0) return rng.pick(ctx.partnerRepIds);
  const reps = repsFor(ctx.org, who.region, who.segment ?? "SMB");
  return reps.length > 0 ? rng.pick(reps).id : null;
}

const WORKED: readonly TStage[] = ["MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST"];

export function buildLeadBatch(ctx: TLeadContext, batch: number, from: number, to: number): TLeadBatch {
  const rng = createRng(streamSeed("leads", batch));
  const out: TLeadBatch = { leads: [], activities: [], transitions: [] };
  for (let i = from; i < to; i++) {
    const id = rng.uuid();
    const who = makeIdentity(rng, i, ctx);
    const source = rng.weighted(LEAD_SOURCES);
    const partner = source === "partner";
    const createdAt = createdAtFor(rng, ctx.ref, who.region);
    const activities = activitiesFor(rng, createdAt, ctx.ref, source);
    const attributes = {
      email: who.email, domain: who.domain, company: who.company, title: who.title, country: who.country, region: who.region,
      industry: who.industry, source, segment: who.segment, employees: who.employees, annualRevenue: who.account ? Number(who.account.annualRevenue) : null,
      isNamedAccount: who.account?.isNamedAccount ?? false, isPartnerSourced: partner, hasAccount: who.account !== null,
    };
    const score = scoreLead(ctx.model, attributes, activities, ctx.ref);
    // The stage history was decided a week in, on the engagement the lead had by then
    // (today's score has decayed since).
    const decidedAt = new Date(Math.min(ctx.ref.getTime(), createdAt.getTime() + 7 * DAY));
    const early = activities.filter((a) => a.occurredAt <= decidedAt);
    const decisionScore = scoreLead(ctx.model, attributes, early, decidedAt);
    const ownerId = ownerFor(rng, ctx, who, partner);
    const path = leadPath(rng, { createdAt, ref: ctx.ref, score: decisionScore, model: ctx.model, activities, ownerId, source, company: who.company });
    const stage = path.steps[path.steps.length - 1]!.to;
    const worked = path.steps.some((s) => WORKED.includes(s.to)) || (ownerId !== null && rng.chance(0.25));
    const owner = worked ? ownerId : null;
    const lastTouch = Math.max(path.steps[path.steps.length - 1]!.at.getTime(), activities.at(-1)?.occurredAt.getTime() ?? 0);

    out.leads.push({
      id,
      email: who.email,
      firstName: who.firstName,
      lastName: who.lastName,
      title: who.title,
      company: who.company,
      domain: who.domain,
      phone: rng.chance(0.45) ? `+${DIAL[who.country] ?? "1"} 555 ${rng.int(100, 999)} ${rng.int(1000, 9999)}` : null,
      country: who.country,
      region: who.region,
      industry: who.industry,
      employees: who.employees,
      source,
      productInterest: rng.chance(0.7) ? rng.pick(PRODUCT_LINES) : null,
      language: rng.chance(0.9) ? who.language : null,
      isPartnerSourced: partner,
      customAttributes: rng.chance(0.2) ? { utmCampaign: { type: "string", value: rng.pick(["q3-webinar", "brand-search", "roe-playbook", "partner-mdf"]) } } : {},
      lifecycleStage: stage,
      fitScore: score.fit,
      engagementScore: score.engagement,
      negativeScore: score.negative,
      score: score.total,
      ownerId: owner,
      queueTeamId: owner ? null : rng.chance(0.6) ? (ctx.org.teamByKey.get(teamKeyFor(who.region, who.segment ?? "SMB"))?.id ?? ctx.inboundTeamId) : ctx.inboundTeamId,
      accountId: who.account?.id ?? null,
      outcome: path.outcome,
      createdAt,
      updatedAt: new Date(lastTouch),
    });
    for (const a of activities) {
      out.activities.push({ leadId: id, type: a.type, occurredAt: a.occurredAt, metadata: METADATA[a.type]?.(rng) ?? {}, createdAt: a.occurredAt });
    }
    let from: TStage | null = null;
    for (const step of path.steps) {
      out.transitions.push({ leadId: id, fromStage: from, toStage: step.to, reason: step.reason, actorId: step.manual ? owner : null, at: step.at });
      from = step.to;
    }
  }
  return out;
}
