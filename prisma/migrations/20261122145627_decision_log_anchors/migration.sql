-- CreateTable
CREATE TABLE "decision_log_anchors" (
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "sealed_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_log_anchors_pkey" PRIMARY KEY ("seq")
);
