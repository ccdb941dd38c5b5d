-- AlterTable
ALTER TABLE "report" ADD COLUMN     "first_responded_at" TIMESTAMPTZ(3);

-- Backfill: the earliest response of the current assignment or of the history (respon awal,
-- tindak lanjut, or a closure with its answer), whichever comes first. Imported reports without
-- history keep their own first_response_at.
UPDATE "report" r
SET "first_responded_at" = LEAST(r."first_response_at", h."at")
FROM (
  SELECT "report_id", min("at") AS "at"
  FROM "report_event"
  WHERE "action" IN ('responded', 'followed_up', 'closed')
  GROUP BY "report_id"
) h
WHERE h."report_id" = r."id";

UPDATE "report"
SET "first_responded_at" = "first_response_at"
WHERE "first_responded_at" IS NULL AND "first_response_at" IS NOT NULL;
