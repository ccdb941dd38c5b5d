-- CreateIndex
CREATE INDEX "report_received_at_idx" ON "report"("received_at");
