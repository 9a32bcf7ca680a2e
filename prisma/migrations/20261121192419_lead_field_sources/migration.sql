-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "field_sources" JSONB NOT NULL DEFAULT '{}';
