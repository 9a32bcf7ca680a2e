import "server-only";
import type { Lead } from "@/lib/generated/prisma/client";
import { executeCount, type TBulkQuery, type TSqlTx } from "../../../transaction-connection";
import type { TStagePlan } from "../stage-plan";

// The chunk's lead rows, written in two statements whatever its size: one UPDATE of every
// stored lead it changed, then one INSERT of every new lead (in that order: a merge may free
// an e-mail a new lead of the same chunk then takes). The rows travel as one jsonb parameter,
// as the decision log's do, which keeps far below Postgres's 65,535 bind parameters.

const COLUMNS = `email text, external_id text, first_name text, last_name text, title text, company text, domain text, phone text, country text,
  region text, industry text, employees int, source text, product_interest text, language text, is_partner_sourced boolean,
  custom_attributes jsonb, lifecycle_stage text, fit_score int, engagement_score int, negative_score int, score int, owner_id uuid,
  queue_team_id uuid, account_id uuid, field_sources jsonb`;

function payload(rows: readonly Lead[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      email: r.email,
      external_id: r.externalId,
      first_name: r.firstName,
      last_name: r.lastName,
      title: r.title,
      company: r.company,
      domain: r.domain,
      phone: r.phone,
      country: r.country,
      region: r.region,
      industry: r.industry,
      employees: r.employees,
      source: r.source,
      product_interest: r.productInterest,
      language: r.language,
      is_partner_sourced: r.isPartnerSourced,
      custom_attributes: r.customAttributes,
      lifecycle_stage: r.lifecycleStage,
      fit_score: r.fitScore,
      engagement_score: r.engagementScore,
      negative_score: r.negativeScore,
      score: r.score,
      owner_id: r.ownerId,
      queue_team_id: r.queueTeamId,
      account_id: r.accountId,
      field_sources: r.fieldSources,
    })),
  );
}

export async function writeLeadRows(tx: TSqlTx, rows: { inserts: readonly Lead[]; updates: readonly Lead[] }, bulk: TBulkQuery | null): Promise<void> {
  // Through the transaction's own connection when the caller has it (ADR 0020), else through Prisma.
  const run = (text: string, json: string) => executeCount(tx, bulk, text, [json]);
  if (rows.updates.length > 0) {
    const written = await run(
      `UPDATE leads AS l SET email = r.email, external_id = r.external_id, first_name = r.first_name, last_name = r.last_name, title = r.title,
         company = r.company, domain = r.domain, phone = r.phone, country = r.country, region = r.region, industry = r.industry, employees = r.employees,
         source = r.source, product_interest = r.product_interest, language = r.language, is_partner_sourced = r.is_partner_sourced,
         custom_attributes = r.custom_attributes, lifecycle_stage = r.lifecycle_stage::"LifecycleStage", fit_score = r.fit_score,
         engagement_score = r.engagement_score, negative_score = r.negative_score, score = r.score, owner_id = r.owner_id,
         queue_team_id = r.queue_team_id, account_id = r.account_id, field_sources = r.field_sources, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${COLUMNS})
       WHERE l.id = r.id`,
      payload(rows.updates),
    );
    // The rows were read under this transaction's identity locks; one gone missing means a delete raced us.
    if (written !== rows.updates.length) throw new Error(`Batch intake updated ${written} of ${rows.updates.length} stored leads; one was deleted meanwhile`);
  }
  if (rows.inserts.length > 0) {
    await run(
      `INSERT INTO leads (id, email, external_id, first_name, last_name, title, company, domain, phone, country, region, industry, employees, source,
         product_interest, language, is_partner_sourced, custom_attributes, lifecycle_stage, fit_score, engagement_score, negative_score, score,
         owner_id, queue_team_id, account_id, field_sources, updated_at)
       SELECT id, email, external_id, first_name, last_name, title, company, domain, phone, country, region, industry, employees, source,
         product_interest, language, is_partner_sourced, custom_attributes, lifecycle_stage::"LifecycleStage", fit_score, engagement_score,
         negative_score, score, owner_id, queue_team_id, account_id, field_sources, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${COLUMNS})`,
      payload(rows.inserts),
    );
  }
}

/**
 * The stage history rows of the chunk, in one statement. Not Prisma's createMany: for a chunk's
 * few hundred rows its query building cost more than the rest of the chunk's writes together.
 */
export async function writeTransitions(tx: TSqlTx, transitions: readonly (NonNullable<TStagePlan["transition"]> & { leadId: string })[], bulk: TBulkQuery | null): Promise<void> {
  if (transitions.length === 0) return;
  const text = `INSERT INTO lifecycle_transitions (lead_id, from_stage, to_stage, reason)
    SELECT lead_id, from_stage::"LifecycleStage", to_stage::"LifecycleStage", reason
    FROM jsonb_to_recordset($1::jsonb) AS r(lead_id uuid, from_stage text, to_stage text, reason text)`;
  const json = JSON.stringify(transitions.map((t) => ({ lead_id: t.leadId, from_stage: t.fromStage, to_stage: t.toStage, reason: t.reason })));
  await executeCount(tx, bulk, text, [json]);
}
