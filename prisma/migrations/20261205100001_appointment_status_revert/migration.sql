-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "previous_status" "AppointmentStatus",
ADD COLUMN     "revert_reason_enc" TEXT,
ADD COLUMN     "status_changed_at" TIMESTAMPTZ(6),
ADD COLUMN     "status_changed_by" UUID;
