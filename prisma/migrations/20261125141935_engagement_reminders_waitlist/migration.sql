-- CreateEnum
CREATE TYPE "ReminderAttemptOutcome" AS ENUM ('SENT', 'FAILED', 'SKIPPED');

-- AlterEnum
ALTER TYPE "WaitlistStatus" ADD VALUE 'EXPIRED';

-- DropIndex
DROP INDEX "patients_name_walk_idx";

-- AlterTable
ALTER TABLE "appointment_reminders" ADD COLUMN     "offset_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "waitlist_entries" ADD COLUMN     "booked_appointment_id" UUID,
ADD COLUMN     "created_by" UUID,
ADD COLUMN     "offer_expires_at" TIMESTAMPTZ(6),
ADD COLUMN     "offer_notified_at" TIMESTAMPTZ(6),
ADD COLUMN     "offer_source_id" UUID,
ADD COLUMN     "offered_agenda_id" UUID,
ADD COLUMN     "offered_at" TIMESTAMPTZ(6),
ADD COLUMN     "offered_doctor_id" UUID,
ADD COLUMN     "offered_ends_at" TIMESTAMPTZ(6),
ADD COLUMN     "offered_modality" "AppointmentModality",
ADD COLUMN     "offered_starts_at" TIMESTAMPTZ(6),
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "appointment_reminder_attempts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "reminder_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" "ReminderAttemptOutcome" NOT NULL,
    "error" VARCHAR(500),
    "job_id" VARCHAR(64),
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointment_reminder_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "appointment_reminder_attempts_tenant_id_reminder_id_attempt_key" ON "appointment_reminder_attempts"("tenant_id", "reminder_id", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "appointment_reminders_tenant_id_id_key" ON "appointment_reminders"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "appointment_reminders_tenant_id_appointment_id_channel_offs_key" ON "appointment_reminders"("tenant_id", "appointment_id", "channel", "offset_minutes");

-- CreateIndex
CREATE INDEX "patients_name_walk_idx" ON "patients"("tenant_id", "status", "search_name" varchar_pattern_ops, "id");

-- CreateIndex
CREATE INDEX "waitlist_entries_tenant_id_status_offer_expires_at_idx" ON "waitlist_entries"("tenant_id", "status", "offer_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entries_tenant_id_id_key" ON "waitlist_entries"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "appointment_reminder_attempts" ADD CONSTRAINT "appointment_reminder_attempts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment_reminder_attempts" ADD CONSTRAINT "appointment_reminder_attempts_tenant_id_reminder_id_fkey" FOREIGN KEY ("tenant_id", "reminder_id") REFERENCES "appointment_reminders"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_tenant_id_doctor_id_fkey" FOREIGN KEY ("tenant_id", "doctor_id") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Hand-written (engagement): isolation and grants for the attempt log ──
-- Each delivery attempt is history: the app may add and read rows, never change or remove them.
ALTER TABLE "appointment_reminder_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "appointment_reminder_attempts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "appointment_reminder_attempts"
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);
GRANT SELECT, INSERT ON "appointment_reminder_attempts" TO prontivus_app;

-- An offer is coherent or absent: the worker relies on these together.
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_offer_complete" CHECK (
  status <> 'OFFERED' OR (offered_starts_at IS NOT NULL AND offered_ends_at IS NOT NULL
    AND offered_doctor_id IS NOT NULL AND offered_at IS NOT NULL AND offer_expires_at IS NOT NULL));
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_window" CHECK (latest > earliest);
