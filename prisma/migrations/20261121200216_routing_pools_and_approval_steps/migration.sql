-- AlterEnum
ALTER TYPE "ExceptionStatus" ADD VALUE 'AWAITING_REQUESTER';

-- AlterTable
ALTER TABLE "approval_steps" ADD COLUMN     "on_behalf_of_id" UUID,
ADD COLUMN     "queue_role" TEXT,
ADD COLUMN     "via" TEXT;

-- AlterTable
ALTER TABLE "exception_requests" ADD COLUMN     "counter_offer" JSONB;

-- CreateTable
CREATE TABLE "routing_pools" (
    "pool_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "routing_pools_pkey" PRIMARY KEY ("pool_id")
);

-- CreateTable
CREATE TABLE "routing_pool_members" (
    "pool_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "lag" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "assigned_total" INTEGER NOT NULL DEFAULT 0,
    "assigned_today" INTEGER NOT NULL DEFAULT 0,
    "day_key" TEXT NOT NULL DEFAULT '',
    "assigned_this_week" INTEGER NOT NULL DEFAULT 0,
    "week_key" TEXT NOT NULL DEFAULT '',
    "last_assigned_seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "routing_pool_members_pkey" PRIMARY KEY ("pool_id","user_id")
);

-- AddForeignKey
ALTER TABLE "routing_pool_members" ADD CONSTRAINT "routing_pool_members_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "routing_pools"("pool_id") ON DELETE CASCADE ON UPDATE CASCADE;
