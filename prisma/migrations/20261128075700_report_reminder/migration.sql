-- The deadline sweep's reminder bookkeeping moves out of the wide report table into a narrow one,
-- so that the sweep's bulk update writes this table and its two indexes instead of every index
-- of report.

-- CreateTable
CREATE TABLE "report_reminder" (
    "report_id" UUID NOT NULL,
    "next_reminder_at" TIMESTAMPTZ(3),
    "stage" TEXT,
    "last_nudged_on" DATE,

    CONSTRAINT "report_reminder_pkey" PRIMARY KEY ("report_id")
);

-- Move the existing values: one row per report that has any of them.
INSERT INTO "report_reminder" ("report_id", "next_reminder_at", "stage", "last_nudged_on")
SELECT "id", "next_reminder_at", "reminder_stage", "last_nudged_on"
FROM "report"
WHERE "next_reminder_at" IS NOT NULL OR "reminder_stage" IS NOT NULL OR "last_nudged_on" IS NOT NULL;

-- CreateIndex
CREATE INDEX "report_reminder_next_reminder_at_idx" ON "report_reminder"("next_reminder_at");

-- AddForeignKey
ALTER TABLE "report_reminder" ADD CONSTRAINT "report_reminder_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- DropIndex
DROP INDEX "report_next_reminder_at_idx";

-- AlterTable
ALTER TABLE "report" DROP COLUMN "last_nudged_on",
DROP COLUMN "next_reminder_at",
DROP COLUMN "reminder_stage";
