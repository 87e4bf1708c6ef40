-- AlterEnum
ALTER TYPE "LegalBasis" ADD VALUE 'LIFE_PROTECTION';

-- AlterEnum
ALTER TYPE "SecurityEventType" ADD VALUE 'BREAK_GLASS_GRANTED';

-- DropIndex
DROP INDEX "vital_signs_tenant_id_patient_id_measured_at_idx";

-- AlterTable
ALTER TABLE "vital_signs" DROP CONSTRAINT "vital_signs_pkey",
ADD COLUMN     "confirmed_implausible" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "head_circumference_cm" DECIMAL(4,1),
ADD CONSTRAINT "vital_signs_pkey" PRIMARY KEY ("tenant_id", "id");

-- CreateTable
CREATE TABLE "break_glass_grants" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "user_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "justification_enc" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "break_glass_grants_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "break_glass_grants_tenant_id_user_id_patient_id_expires_at_idx" ON "break_glass_grants"("tenant_id", "user_id", "patient_id", "expires_at");

-- CreateIndex
CREATE INDEX "break_glass_grants_tenant_id_created_at_idx" ON "break_glass_grants"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "vital_signs_tenant_id_patient_id_measured_at_id_idx" ON "vital_signs"("tenant_id", "patient_id", "measured_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "vital_signs_tenant_id_medical_record_id_idx" ON "vital_signs"("tenant_id", "medical_record_id");

-- AddForeignKey
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_tenant_id_recorded_by_fkey" FOREIGN KEY ("tenant_id", "recorded_by") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
