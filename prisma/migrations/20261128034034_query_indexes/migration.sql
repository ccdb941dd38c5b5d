-- CreateIndex
CREATE INDEX "report_unit_id_received_at_idx" ON "report"("unit_id", "received_at");
