-- CreateEnum
CREATE TYPE "DiagnosisCertainty" AS ENUM ('SUSPECTED', 'CONFIRMED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RecordStatus" ADD VALUE 'PENDING_REVIEW';
ALTER TYPE "RecordStatus" ADD VALUE 'RETURNED';
ALTER TYPE "RecordStatus" ADD VALUE 'APPROVED';

-- DropIndex
DROP INDEX "medical_records_tenant_id_doctor_id_occurred_at_idx";

-- DropIndex
DROP INDEX "medical_records_tenant_id_id_key";

-- AlterTable
ALTER TABLE "medical_records" DROP CONSTRAINT "medical_records_pkey",
DROP COLUMN "assessment",
DROP COLUMN "cid10_codes",
DROP COLUMN "objective",
DROP COLUMN "plan",
DROP COLUMN "subjective",
ADD COLUMN     "content_enc" TEXT,
ADD COLUMN     "review_comment_enc" TEXT,
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(6),
ADD COLUMN     "reviewer_id" UUID,
ADD COLUMN     "signature" JSONB,
ADD COLUMN     "signed_content_enc" TEXT,
ADD COLUMN     "submitted_at" TIMESTAMPTZ(6),
ADD COLUMN     "template_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD CONSTRAINT "medical_records_pkey" PRIMARY KEY ("tenant_id", "id");

-- CreateTable
CREATE TABLE "medical_record_diagnoses" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "medical_record_id" UUID NOT NULL,
    "code" VARCHAR(6) NOT NULL,
    "is_main" BOOLEAN NOT NULL DEFAULT false,
    "certainty" "DiagnosisCertainty" NOT NULL DEFAULT 'CONFIRMED',
    "position" SMALLINT NOT NULL,

    CONSTRAINT "medical_record_diagnoses_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "record_templates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "name" VARCHAR(120) NOT NULL,
    "specialty" VARCHAR(80),
    "sections" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "record_templates_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "medical_record_diagnoses_tenant_id_code_idx" ON "medical_record_diagnoses"("tenant_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "medical_record_diagnoses_tenant_id_medical_record_id_code_key" ON "medical_record_diagnoses"("tenant_id", "medical_record_id", "code");

-- CreateIndex
CREATE INDEX "record_templates_tenant_id_active_name_idx" ON "record_templates"("tenant_id", "active", "name");

-- CreateIndex
CREATE INDEX "medical_records_tenant_id_doctor_id_status_occurred_at_idx" ON "medical_records"("tenant_id", "doctor_id", "status", "occurred_at");

-- CreateIndex
CREATE INDEX "medical_records_tenant_id_appointment_id_idx" ON "medical_records"("tenant_id", "appointment_id");

-- CreateIndex
CREATE INDEX "medical_records_tenant_id_amends_id_idx" ON "medical_records"("tenant_id", "amends_id");

-- AddForeignKey
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_tenant_id_template_id_fkey" FOREIGN KEY ("tenant_id", "template_id") REFERENCES "record_templates"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_tenant_id_amends_id_fkey" FOREIGN KEY ("tenant_id", "amends_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_tenant_id_reviewer_id_fkey" FOREIGN KEY ("tenant_id", "reviewer_id") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_record_diagnoses" ADD CONSTRAINT "medical_record_diagnoses_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_record_diagnoses" ADD CONSTRAINT "medical_record_diagnoses_tenant_id_medical_record_id_fkey" FOREIGN KEY ("tenant_id", "medical_record_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_record_diagnoses" ADD CONSTRAINT "medical_record_diagnoses_code_fkey" FOREIGN KEY ("code") REFERENCES "cid10_codes"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "record_templates" ADD CONSTRAINT "record_templates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_record_attachments" ADD CONSTRAINT "medical_record_attachments_tenant_id_medical_record_id_fkey" FOREIGN KEY ("tenant_id", "medical_record_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_tenant_id_medical_record_id_fkey" FOREIGN KEY ("tenant_id", "medical_record_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_tenant_id_medical_record_id_fkey" FOREIGN KEY ("tenant_id", "medical_record_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
