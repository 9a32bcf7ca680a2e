-- CreateEnum
CREATE TYPE "SlaClockStatus" AS ENUM ('RUNNING', 'PAUSED', 'STOPPED');

-- AlterTable
ALTER TABLE "exception_requests" ADD COLUMN     "granted_discount_pct" DECIMAL(5,2),
ADD COLUMN     "requested_discount_pct" DECIMAL(5,2),
ADD COLUMN     "tier" TEXT;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "import_batch_id" UUID;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "digested_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sla_clocks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "owner_id" UUID,
    "team_id" UUID,
    "policy_version_id" UUID,
    "calendar_key" TEXT NOT NULL,
    "status" "SlaClockStatus" NOT NULL DEFAULT 'RUNNING',
    "target_minutes" INTEGER NOT NULL,
    "consumed_minutes" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "running_since" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "pause_reason" TEXT,
    "stopped_at" TIMESTAMPTZ(3),
    "stop_reason" TEXT,
    "breached_at" TIMESTAMPTZ(3),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sla_clocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_clock_events" (
    "id" BIGSERIAL NOT NULL,
    "clock_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "notified_user_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_clock_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_guardrail_alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clock_kind" TEXT NOT NULL,
    "breaches" INTEGER NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_guardrail_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "to_address" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "dedupe_key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "email_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preferences" (
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id","kind")
);

-- CreateTable
CREATE TABLE "action_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purpose" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "subject_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purpose" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "subject_id" UUID,
    "input" JSONB NOT NULL DEFAULT '{}',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_mappings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sla_clocks_status_due_at_idx" ON "sla_clocks"("status", "due_at");

-- CreateIndex
CREATE INDEX "sla_clocks_subject_type_subject_id_idx" ON "sla_clocks"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "sla_clocks_owner_id_status_idx" ON "sla_clocks"("owner_id", "status");

-- CreateIndex
CREATE INDEX "sla_clocks_kind_started_at_idx" ON "sla_clocks"("kind", "started_at");

-- CreateIndex
CREATE INDEX "sla_clock_events_type_fired_at_idx" ON "sla_clock_events"("type", "fired_at");

-- CreateIndex
CREATE UNIQUE INDEX "sla_clock_events_clock_id_type_level_key" ON "sla_clock_events"("clock_id", "type", "level");

-- CreateIndex
CREATE INDEX "sla_guardrail_alerts_clock_kind_fired_at_idx" ON "sla_guardrail_alerts"("clock_kind", "fired_at");

-- CreateIndex
CREATE UNIQUE INDEX "email_messages_dedupe_key_key" ON "email_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "email_messages_status_created_at_idx" ON "email_messages"("status", "created_at");

-- CreateIndex
CREATE INDEX "email_messages_user_id_created_at_idx" ON "email_messages"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "action_tokens_user_id_idx" ON "action_tokens"("user_id");

-- CreateIndex
CREATE INDEX "action_tokens_subject_id_idx" ON "action_tokens"("subject_id");

-- CreateIndex
CREATE INDEX "stored_files_purpose_created_at_idx" ON "stored_files"("purpose", "created_at");

-- CreateIndex
CREATE INDEX "job_runs_kind_created_at_idx" ON "job_runs"("kind", "created_at");

-- CreateIndex
CREATE INDEX "job_runs_subject_id_idx" ON "job_runs"("subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "import_mappings_kind_name_key" ON "import_mappings"("kind", "name");

-- CreateIndex
CREATE INDEX "exception_requests_submitted_at_idx" ON "exception_requests"("submitted_at");

-- CreateIndex
CREATE INDEX "leads_import_batch_id_idx" ON "leads"("import_batch_id");

-- AddForeignKey
ALTER TABLE "sla_clock_events" ADD CONSTRAINT "sla_clock_events_clock_id_fkey" FOREIGN KEY ("clock_id") REFERENCES "sla_clocks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: at most one open clock per record and kind (a retried start never doubles it).
CREATE UNIQUE INDEX "sla_clocks_one_open_per_subject" ON "sla_clocks" ("subject_type", "subject_id", "kind") WHERE "status" <> 'STOPPED';

-- Hand-written: status values the code relies on.
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_status_check" CHECK ("status" IN ('PENDING', 'SENT', 'FAILED'));
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_email_check" CHECK ("email" IN ('IMMEDIATE', 'DIGEST', 'OFF'));
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status_check" CHECK ("status" IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'));
ALTER TABLE "sla_clock_events" ADD CONSTRAINT "sla_clock_events_type_check" CHECK ("type" IN ('WARNING', 'BREACH', 'ESCALATION'));
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_target_check" CHECK ("target_minutes" > 0 AND "consumed_minutes" >= 0);

-- Hand-written backfill of the stored archive figures for requests submitted before this migration
-- (same definitions as the archive relation in lib/server/queries/exception-archive-sql.ts).
UPDATE "exception_requests" r SET
  "requested_discount_pct" = CASE WHEN jsonb_typeof(r.details -> 'discountPct') = 'number' THEN (r.details ->> 'discountPct')::numeric(5,2) END,
  "tier" = CASE WHEN r.submitted_at IS NULL THEN NULL ELSE COALESCE((ARRAY['MANAGER','REGION_VP','DEAL_DESK','FINANCE_LEGAL'])[(
      SELECT max(CASE s.approver_role WHEN 'MANAGER' THEN 1 WHEN 'REGION_VP' THEN 2 WHEN 'DEAL_DESK' THEN 3 WHEN 'FINANCE' THEN 4 WHEN 'LEGAL' THEN 4 ELSE 3 END)
      FROM approval_steps s WHERE s.request_id = r.id)], 'AUTO') END;
UPDATE "exception_requests" r SET "granted_discount_pct" = CASE r.status
    WHEN 'APPROVED' THEN r.requested_discount_pct
    WHEN 'APPROVED_WITH_CONDITIONS' THEN COALESCE(
      CASE WHEN jsonb_typeof(r.counter_offer -> 'accepted' -> -1 -> 'discountPct') = 'number' THEN (r.counter_offer -> 'accepted' -> -1 ->> 'discountPct')::numeric(5,2) END,
      (SELECT CASE WHEN jsonb_typeof(c.conditions -> 'discountPct') = 'number' THEN (c.conditions ->> 'discountPct')::numeric(5,2) END
        FROM approval_steps c WHERE c.request_id = r.id AND c.conditions IS NOT NULL ORDER BY c.decided_at DESC NULLS LAST LIMIT 1),
      r.requested_discount_pct)
  END
WHERE r.status IN ('APPROVED', 'APPROVED_WITH_CONDITIONS');
