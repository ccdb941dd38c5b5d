-- CreateTable
CREATE TABLE "unit_reminder" (
    "unit_id" UUID NOT NULL,
    "overdue_nudged_on" DATE NOT NULL,

    CONSTRAINT "unit_reminder_pkey" PRIMARY KEY ("unit_id")
);

-- AddForeignKey
ALTER TABLE "unit_reminder" ADD CONSTRAINT "unit_reminder_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
