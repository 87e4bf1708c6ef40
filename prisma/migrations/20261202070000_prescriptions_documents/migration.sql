-- CreateEnum
CREATE TYPE "MedicationKind" AS ENUM ('GENERIC', 'PRODUCT');

-- CreateEnum
CREATE TYPE "ClinicalDocumentKind" AS ENUM ('PRESCRIPTION', 'MEDICAL_CERTIFICATE', 'ATTENDANCE_DECLARATION', 'EXAM_REQUEST', 'REFERRAL');

-- CreateEnum
CREATE TYPE "ClinicalDocumentStatus" AS ENUM ('ISSUED', 'CANCELLED');

-- AlterEnum
BEGIN;
CREATE TYPE "PrescriptionKind_new" AS ENUM ('SIMPLE', 'SPECIAL_CONTROL', 'ANTIMICROBIAL');
ALTER TABLE "public"."prescriptions" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "prescriptions" ALTER COLUMN "kind" TYPE "PrescriptionKind_new" USING ("kind"::text::"PrescriptionKind_new");
ALTER TYPE "PrescriptionKind" RENAME TO "PrescriptionKind_old";
ALTER TYPE "PrescriptionKind_new" RENAME TO "PrescriptionKind";
DROP TYPE "public"."PrescriptionKind_old";
ALTER TABLE "prescriptions" ALTER COLUMN "kind" SET DEFAULT 'SIMPLE';
COMMIT;

-- DropIndex
DROP INDEX "drug_interactions_ingredient_a_ingredient_b_key";

-- DropIndex
DROP INDEX "medications_active_ingredient_idx";

-- AlterTable
ALTER TABLE "drug_interactions" DROP COLUMN "description",
DROP COLUMN "ingredient_a",
DROP COLUMN "ingredient_b",
ADD COLUMN     "effect" TEXT NOT NULL,
ADD COLUMN     "ingredient_a_id" UUID NOT NULL,
ADD COLUMN     "ingredient_b_id" UUID NOT NULL,
ADD COLUMN     "management" TEXT NOT NULL,
ADD COLUMN     "source_url" TEXT;

-- AlterTable
ALTER TABLE "medications" DROP COLUMN "active_ingredient",
DROP COLUMN "control_list",
DROP COLUMN "controlled",
DROP COLUMN "presentation",
ADD COLUMN     "form" VARCHAR(100),
ADD COLUMN     "holder" VARCHAR(200),
ADD COLUMN     "kind" "MedicationKind" NOT NULL,
ADD COLUMN     "name" VARCHAR(300) NOT NULL,
ADD COLUMN     "registry_valid_until" DATE,
ADD COLUMN     "regulatory_category" VARCHAR(60),
ADD COLUMN     "route" VARCHAR(60),
ADD COLUMN     "search_name" VARCHAR(300) NOT NULL,
ADD COLUMN     "source" VARCHAR(100) NOT NULL,
ADD COLUMN     "strength" VARCHAR(100),
ADD COLUMN     "therapeutic_class" VARCHAR(200),
ADD COLUMN     "updated_at" TIMESTAMPTZ(6) NOT NULL,
ALTER COLUMN "brand_name" SET DATA TYPE VARCHAR(200);

-- AlterTable
ALTER TABLE "patient_allergies" ADD COLUMN     "drug_class" VARCHAR(40),
ADD COLUMN     "ingredient_id" UUID;

-- AlterTable
ALTER TABLE "prescription_items" DROP COLUMN "dosage",
DROP COLUMN "instructions",
ADD COLUMN     "clinic_medication_id" UUID,
ADD COLUMN     "continuous_use" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dispensed_quantity" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "dose" VARCHAR(60) NOT NULL,
ADD COLUMN     "dose_unit" VARCHAR(40) NOT NULL,
ADD COLUMN     "duration_days" SMALLINT,
ADD COLUMN     "free_text" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "instructions_enc" TEXT,
ADD COLUMN     "presentation" VARCHAR(200),
ADD COLUMN     "quantity_unit" VARCHAR(40) NOT NULL,
ADD COLUMN     "quantity_words" VARCHAR(200) NOT NULL,
ALTER COLUMN "drug_name" SET DATA TYPE VARCHAR(300),
ALTER COLUMN "active_ingredient" SET DATA TYPE VARCHAR(300),
ALTER COLUMN "route" SET NOT NULL,
DROP COLUMN "quantity",
ADD COLUMN     "quantity" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "prescriptions" DROP COLUMN "cancel_reason",
DROP COLUMN "notes",
ADD COLUMN     "cancel_reason_enc" TEXT,
ADD COLUMN     "cancelled_by" UUID,
ADD COLUMN     "notes_enc" TEXT,
ADD COLUMN     "renewed_from_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "rqe" VARCHAR(60);

-- CreateTable
CREATE TABLE "drug_ingredients" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "search_name" VARCHAR(200) NOT NULL,
    "dcb_code" VARCHAR(10),
    "atc_code" VARCHAR(8),
    "control_list" VARCHAR(4),
    "antimicrobial" BOOLEAN NOT NULL DEFAULT false,
    "classes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" VARCHAR(100) NOT NULL,

    CONSTRAINT "drug_ingredients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "medication_ingredients" (
    "medication_id" UUID NOT NULL,
    "ingredient_id" UUID NOT NULL,
    "position" SMALLINT NOT NULL,

    CONSTRAINT "medication_ingredients_pkey" PRIMARY KEY ("medication_id","ingredient_id")
);

-- CreateTable
CREATE TABLE "prescription_overrides" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "prescription_id" UUID NOT NULL,
    "finding_key" VARCHAR(200) NOT NULL,
    "severity" "InteractionSeverity" NOT NULL,
    "reason_enc" TEXT NOT NULL,
    "overridden_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prescription_overrides_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "clinic_medications" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "name" VARCHAR(300) NOT NULL,
    "search_name" VARCHAR(300) NOT NULL,
    "presentation" VARCHAR(200),
    "ingredient_id" UUID,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inactive_at" TIMESTAMPTZ(6),

    CONSTRAINT "clinic_medications_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "clinical_documents" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "kind" "ClinicalDocumentKind" NOT NULL,
    "status" "ClinicalDocumentStatus" NOT NULL DEFAULT 'ISSUED',
    "patient_id" UUID NOT NULL,
    "doctor_id" UUID NOT NULL,
    "medical_record_id" UUID,
    "prescription_id" UUID,
    "content_enc" TEXT NOT NULL,
    "content_sha256" VARCHAR(64) NOT NULL,
    "signature" JSONB NOT NULL,
    "signed_at" TIMESTAMPTZ(6) NOT NULL,
    "verification_code" VARCHAR(20) NOT NULL,
    "valid_until" DATE,
    "pdf_storage_key" VARCHAR(255) NOT NULL,
    "pdf_sha256" VARCHAR(64) NOT NULL,
    "pdf_size_bytes" INTEGER NOT NULL,
    "pdf_data_key_enc" TEXT NOT NULL,
    "pdf_encryption_key_id" VARCHAR(32) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(6),
    "cancelled_by" UUID,
    "cancel_reason_enc" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinical_documents_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pharmacy_credentials" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "pharmacy_name" VARCHAR(200) NOT NULL,
    "cnpj" CHAR(14) NOT NULL,
    "token_prefix" VARCHAR(24) NOT NULL,
    "secret_hash" VARCHAR(128) NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "pharmacy_credentials_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "dispensings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "prescription_id" UUID NOT NULL,
    "pharmacy_credential_id" UUID NOT NULL,
    "pharmacy_cnpj" CHAR(14) NOT NULL,
    "pharmacy_name" VARCHAR(200) NOT NULL,
    "pharmacist_name" VARCHAR(200) NOT NULL,
    "pharmacist_crf" VARCHAR(20) NOT NULL,
    "dispensed_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dispensings_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "dispensing_items" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid,
    "dispensing_id" UUID NOT NULL,
    "prescription_item_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "dispensing_items_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "drug_ingredients_name_key" ON "drug_ingredients"("name");

-- CreateIndex
CREATE UNIQUE INDEX "drug_ingredients_search_name_key" ON "drug_ingredients"("search_name");

-- CreateIndex
CREATE INDEX "medication_ingredients_ingredient_id_idx" ON "medication_ingredients"("ingredient_id");

-- CreateIndex
CREATE UNIQUE INDEX "prescription_overrides_tenant_id_prescription_id_finding_ke_key" ON "prescription_overrides"("tenant_id", "prescription_id", "finding_key");

-- CreateIndex
CREATE INDEX "clinic_medications_tenant_id_search_name_idx" ON "clinic_medications"("tenant_id", "search_name");

-- CreateIndex
CREATE INDEX "clinical_documents_tenant_id_patient_id_created_at_idx" ON "clinical_documents"("tenant_id", "patient_id", "created_at");

-- CreateIndex
CREATE INDEX "clinical_documents_tenant_id_medical_record_id_idx" ON "clinical_documents"("tenant_id", "medical_record_id");

-- CreateIndex
CREATE UNIQUE INDEX "clinical_documents_tenant_id_verification_code_key" ON "clinical_documents"("tenant_id", "verification_code");

-- CreateIndex
CREATE UNIQUE INDEX "clinical_documents_tenant_id_prescription_id_key" ON "clinical_documents"("tenant_id", "prescription_id");

-- CreateIndex
CREATE UNIQUE INDEX "clinical_documents_tenant_id_pdf_storage_key_key" ON "clinical_documents"("tenant_id", "pdf_storage_key");

-- CreateIndex
CREATE UNIQUE INDEX "pharmacy_credentials_tenant_id_token_prefix_key" ON "pharmacy_credentials"("tenant_id", "token_prefix");

-- CreateIndex
CREATE INDEX "dispensings_tenant_id_prescription_id_idx" ON "dispensings"("tenant_id", "prescription_id");

-- CreateIndex
CREATE INDEX "dispensing_items_tenant_id_prescription_item_id_idx" ON "dispensing_items"("tenant_id", "prescription_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "dispensing_items_tenant_id_dispensing_id_prescription_item__key" ON "dispensing_items"("tenant_id", "dispensing_id", "prescription_item_id");

-- CreateIndex
CREATE INDEX "drug_interactions_ingredient_b_id_idx" ON "drug_interactions"("ingredient_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "drug_interactions_ingredient_a_id_ingredient_b_id_key" ON "drug_interactions"("ingredient_a_id", "ingredient_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "medications_anvisa_registry_key" ON "medications"("anvisa_registry");

-- CreateIndex
CREATE INDEX "medications_search_name_idx" ON "medications"("search_name");

-- CreateIndex
CREATE UNIQUE INDEX "prescription_items_tenant_id_prescription_id_position_key" ON "prescription_items"("tenant_id", "prescription_id", "position");

-- CreateIndex
CREATE INDEX "prescriptions_tenant_id_medical_record_id_idx" ON "prescriptions"("tenant_id", "medical_record_id");

-- AddForeignKey
ALTER TABLE "medication_ingredients" ADD CONSTRAINT "medication_ingredients_medication_id_fkey" FOREIGN KEY ("medication_id") REFERENCES "medications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medication_ingredients" ADD CONSTRAINT "medication_ingredients_ingredient_id_fkey" FOREIGN KEY ("ingredient_id") REFERENCES "drug_ingredients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drug_interactions" ADD CONSTRAINT "drug_interactions_ingredient_a_id_fkey" FOREIGN KEY ("ingredient_a_id") REFERENCES "drug_ingredients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drug_interactions" ADD CONSTRAINT "drug_interactions_ingredient_b_id_fkey" FOREIGN KEY ("ingredient_b_id") REFERENCES "drug_ingredients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_allergies" ADD CONSTRAINT "patient_allergies_ingredient_id_fkey" FOREIGN KEY ("ingredient_id") REFERENCES "drug_ingredients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_tenant_id_renewed_from_id_fkey" FOREIGN KEY ("tenant_id", "renewed_from_id") REFERENCES "prescriptions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescription_items" ADD CONSTRAINT "prescription_items_medication_id_fkey" FOREIGN KEY ("medication_id") REFERENCES "medications"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescription_items" ADD CONSTRAINT "prescription_items_tenant_id_clinic_medication_id_fkey" FOREIGN KEY ("tenant_id", "clinic_medication_id") REFERENCES "clinic_medications"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescription_overrides" ADD CONSTRAINT "prescription_overrides_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescription_overrides" ADD CONSTRAINT "prescription_overrides_tenant_id_prescription_id_fkey" FOREIGN KEY ("tenant_id", "prescription_id") REFERENCES "prescriptions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_medications" ADD CONSTRAINT "clinic_medications_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_medications" ADD CONSTRAINT "clinic_medications_ingredient_id_fkey" FOREIGN KEY ("ingredient_id") REFERENCES "drug_ingredients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_tenant_id_doctor_id_fkey" FOREIGN KEY ("tenant_id", "doctor_id") REFERENCES "users"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_tenant_id_medical_record_id_fkey" FOREIGN KEY ("tenant_id", "medical_record_id") REFERENCES "medical_records"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_tenant_id_prescription_id_fkey" FOREIGN KEY ("tenant_id", "prescription_id") REFERENCES "prescriptions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pharmacy_credentials" ADD CONSTRAINT "pharmacy_credentials_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_tenant_id_prescription_id_fkey" FOREIGN KEY ("tenant_id", "prescription_id") REFERENCES "prescriptions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensings" ADD CONSTRAINT "dispensings_tenant_id_pharmacy_credential_id_fkey" FOREIGN KEY ("tenant_id", "pharmacy_credential_id") REFERENCES "pharmacy_credentials"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensing_items" ADD CONSTRAINT "dispensing_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensing_items" ADD CONSTRAINT "dispensing_items_tenant_id_dispensing_id_fkey" FOREIGN KEY ("tenant_id", "dispensing_id") REFERENCES "dispensings"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispensing_items" ADD CONSTRAINT "dispensing_items_tenant_id_prescription_item_id_fkey" FOREIGN KEY ("tenant_id", "prescription_item_id") REFERENCES "prescription_items"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
