-- CreateTable
CREATE TABLE "send_rate" (
    "key" TEXT NOT NULL,
    "next_free_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "send_rate_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "outbox_platform_target_sent_at_idx" ON "outbox"("platform", "target", "sent_at");
