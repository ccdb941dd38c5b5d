-- CreateEnum
CREATE TYPE "report_status" AS ENUM ('BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI', 'TUNDA', 'ARSIP');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('admin_instansi', 'penghubung', 'operator', 'inspektorat');

-- CreateEnum
CREATE TYPE "approval_state" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED');

-- CreateEnum
CREATE TYPE "platform" AS ENUM ('telegram', 'whatsapp', 'console');

-- CreateEnum
CREATE TYPE "outbox_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "agency" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "agency_id" UUID,
    "name" TEXT NOT NULL,
    "telegram_id" TEXT,
    "telegram_username" TEXT,
    "whatsapp" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_assignment" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "unit_id" UUID,
    "role" "role" NOT NULL,
    "state" "approval_state" NOT NULL DEFAULT 'PENDING',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat" (
    "id" UUID NOT NULL,
    "platform" "platform" NOT NULL,
    "external_id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL DEFAULT '',
    "agency_id" UUID NOT NULL,
    "unit_id" UUID,
    "title" TEXT,
    "healthy" BOOLEAN NOT NULL DEFAULT true,
    "unhealthy_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "tracking_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" "report_status" NOT NULL DEFAULT 'BELUM_TERVERIFIKASI',
    "status_before_hold" "report_status",
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "topic" TEXT,
    "channel" TEXT,
    "unit_id" UUID,
    "claimed_by_id" UUID,
    "claimed_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "verified_by_id" UUID,
    "disposed_at" TIMESTAMPTZ(3),
    "first_response_at" TIMESTAMPTZ(3),
    "follow_up_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "due_date" DATE,
    "due_at" TIMESTAMPTZ(3),
    "next_reminder_at" TIMESTAMPTZ(3),
    "last_nudged_on" DATE,
    "rating" DECIMAL(3,2),
    "rating_accuracy" DECIMAL(3,2),
    "reporter_replied" BOOLEAN NOT NULL DEFAULT false,
    "bounce_count" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reporter" (
    "report_id" UUID NOT NULL,
    "name" TEXT,
    "contact" TEXT,
    "gender" TEXT,
    "disability" BOOLEAN NOT NULL DEFAULT false,
    "vulnerable" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "reporter_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "report_event" (
    "id" BIGSERIAL NOT NULL,
    "report_id" UUID NOT NULL,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "source" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "agency_id" UUID,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "data" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "platform" "platform" NOT NULL,
    "target" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'send',
    "purpose" TEXT NOT NULL DEFAULT 'reply',
    "payload" JSONB NOT NULL,
    "report_id" UUID,
    "edit_of_id" BIGINT,
    "dedupe_key" TEXT,
    "status" "outbox_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "platform_message_id" TEXT,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "agency_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" BIGSERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "instance" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" UUID NOT NULL,
    "platform" "platform" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agency_code_key" ON "agency"("code");

-- CreateIndex
CREATE UNIQUE INDEX "unit_code_key" ON "unit"("code");

-- CreateIndex
CREATE INDEX "unit_agency_id_idx" ON "unit"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_telegram_id_key" ON "person"("telegram_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_whatsapp_key" ON "person"("whatsapp");

-- CreateIndex
CREATE INDEX "role_assignment_person_id_state_idx" ON "role_assignment"("person_id", "state");

-- CreateIndex
CREATE INDEX "role_assignment_unit_id_role_state_idx" ON "role_assignment"("unit_id", "role", "state");

-- CreateIndex
CREATE INDEX "chat_agency_id_unit_id_idx" ON "chat"("agency_id", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "chat_platform_external_id_thread_id_key" ON "chat"("platform", "external_id", "thread_id");

-- CreateIndex
CREATE INDEX "report_tracking_id_idx" ON "report"("tracking_id");

-- CreateIndex
CREATE INDEX "report_next_reminder_at_idx" ON "report"("next_reminder_at");

-- CreateIndex
CREATE INDEX "report_unit_id_status_due_at_idx" ON "report"("unit_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "report_claimed_by_id_status_due_at_idx" ON "report"("claimed_by_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "report_agency_id_received_at_idx" ON "report"("agency_id", "received_at");

-- CreateIndex
CREATE INDEX "report_agency_id_status_due_at_idx" ON "report"("agency_id", "status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_agency_id_tracking_id_key" ON "report"("agency_id", "tracking_id");

-- CreateIndex
CREATE INDEX "report_event_report_id_id_idx" ON "report_event"("report_id", "id");

-- CreateIndex
CREATE INDEX "audit_event_agency_id_at_idx" ON "audit_event"("agency_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_dedupe_key_key" ON "outbox"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_status_next_attempt_at_idx" ON "outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_platform_target_thread_id_id_idx" ON "outbox"("platform", "target", "thread_id", "id");

-- CreateIndex
CREATE INDEX "outbox_platform_target_platform_message_id_idx" ON "outbox"("platform", "target", "platform_message_id");

-- CreateIndex
CREATE INDEX "outbox_report_id_purpose_idx" ON "outbox"("report_id", "purpose");

-- CreateIndex
CREATE INDEX "holiday_date_idx" ON "holiday"("date");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_job_slot_key" ON "job_run"("job", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_platform_chat_id_user_id_key" ON "conversation"("platform", "chat_id", "user_id");

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat" ADD CONSTRAINT "chat_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat" ADD CONSTRAINT "chat_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reporter" ADD CONSTRAINT "reporter_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
