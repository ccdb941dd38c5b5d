-- AlterTable
ALTER TABLE "agency" ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "duplicate_of_id" UUID,
ADD COLUMN     "duplicate_score" DOUBLE PRECISION,
ADD COLUMN     "reminder_stage" TEXT,
ADD COLUMN     "text_signature" TEXT,
ADD COLUMN     "unclaimed_nudged_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "agency_group" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "agency_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency_group_member" (
    "group_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,

    CONSTRAINT "agency_group_member_pkey" PRIMARY KEY ("group_id","agency_id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "broadcast" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "unit_id" UUID,
    "created_by_id" UUID,
    "text" TEXT NOT NULL,
    "repeat_cron" TEXT,
    "next_run_at" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "state" TEXT NOT NULL DEFAULT 'draft',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pic_entry" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "topic" TEXT,
    "office_hours" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pic_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "info_request" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "tracking_id" TEXT NOT NULL,
    "unit_id" UUID NOT NULL,
    "pic_id" UUID,
    "asked_by_id" UUID NOT NULL,
    "topic" TEXT,
    "question" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "origin_platform" "platform" NOT NULL,
    "origin_chat_id" TEXT NOT NULL,
    "asked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_response_due" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "first_answer_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "next_nudge_at" TIMESTAMPTZ(3),
    "nudge_stage" INTEGER NOT NULL DEFAULT 0,
    "promoted_report_id" UUID,

    CONSTRAINT "info_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "info_request_message" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "search_text" TEXT NOT NULL DEFAULT '',
    "search" tsvector,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "info_request_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_suggestion" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "category" TEXT,
    "unit_codes" JSONB NOT NULL,
    "topic" TEXT,
    "duplicate_of" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_by_id" UUID,
    "accepted_at" TIMESTAMPTZ(3),

    CONSTRAINT "ai_suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_usage" (
    "agency_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "tokens_in" INTEGER NOT NULL DEFAULT 0,
    "tokens_out" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ai_usage_pkey" PRIMARY KEY ("agency_id","day")
);

-- CreateTable
CREATE TABLE "classifier_model" (
    "id" BIGSERIAL NOT NULL,
    "agency_id" UUID NOT NULL,
    "trained_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "samples" INTEGER NOT NULL,
    "accuracy" DOUBLE PRECISION,
    "model" JSONB NOT NULL,

    CONSTRAINT "classifier_model_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agency_group_code_key" ON "agency_group"("code");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_agency_id_idx" ON "api_token"("agency_id");

-- CreateIndex
CREATE INDEX "broadcast_state_next_run_at_idx" ON "broadcast"("state", "next_run_at");

-- CreateIndex
CREATE INDEX "broadcast_agency_id_state_idx" ON "broadcast"("agency_id", "state");

-- CreateIndex
CREATE INDEX "pic_entry_agency_id_topic_idx" ON "pic_entry"("agency_id", "topic");

-- CreateIndex
CREATE INDEX "pic_entry_unit_id_idx" ON "pic_entry"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "info_request_tracking_id_key" ON "info_request"("tracking_id");

-- CreateIndex
CREATE INDEX "info_request_agency_id_asked_at_idx" ON "info_request"("agency_id", "asked_at");

-- CreateIndex
CREATE INDEX "info_request_next_nudge_at_idx" ON "info_request"("next_nudge_at");

-- CreateIndex
CREATE INDEX "info_request_unit_id_status_idx" ON "info_request"("unit_id", "status");

-- CreateIndex
CREATE INDEX "info_request_message_request_id_id_idx" ON "info_request_message"("request_id", "id");

-- CreateIndex
CREATE INDEX "info_request_message_search_idx" ON "info_request_message" USING GIN ("search");

-- CreateIndex
CREATE INDEX "ai_suggestion_report_id_idx" ON "ai_suggestion"("report_id");

-- CreateIndex
CREATE INDEX "classifier_model_agency_id_trained_at_idx" ON "classifier_model"("agency_id", "trained_at");

-- CreateIndex
CREATE INDEX "report_status_follow_up_at_idx" ON "report"("status", "follow_up_at");

-- AddForeignKey
ALTER TABLE "agency_group_member" ADD CONSTRAINT "agency_group_member_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "agency_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_group_member" ADD CONSTRAINT "agency_group_member_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "info_request_message" ADD CONSTRAINT "info_request_message_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "info_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
