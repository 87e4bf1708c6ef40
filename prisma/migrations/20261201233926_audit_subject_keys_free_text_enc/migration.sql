-- CreateEnum
CREATE TYPE "DataSubjectType" AS ENUM ('PATIENT', 'USER');

-- AlterTable
ALTER TABLE "appointments" ADD COLUMN     "cancellation_reason_enc" TEXT,
ADD COLUMN     "encaixe_reason_enc" TEXT,
ADD COLUMN     "reason_enc" TEXT;

-- AlterTable
ALTER TABLE "patient_allergies" ADD COLUMN     "reaction_enc" TEXT;

-- AlterTable
ALTER TABLE "waitlist_entries" ADD COLUMN     "notes_enc" TEXT;

-- CreateTable
CREATE TABLE "data_subject_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "subject_type" "DataSubjectType" NOT NULL,
    "subject_id" UUID NOT NULL,
    "key_enc" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shredded_at" TIMESTAMPTZ(6),

    CONSTRAINT "data_subject_keys_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_subject_keys_tenant_id_subject_type_subject_id_key" ON "data_subject_keys"("tenant_id", "subject_type", "subject_id");

-- AddForeignKey
ALTER TABLE "data_subject_keys" ADD CONSTRAINT "data_subject_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
