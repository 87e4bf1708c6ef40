-- DropIndex
DROP INDEX "medical_record_attachments_tenant_id_medical_record_id_idx";

-- AlterTable
ALTER TABLE "medical_record_attachments" DROP CONSTRAINT "medical_record_attachments_pkey",
DROP COLUMN "file_name",
ADD COLUMN     "data_key_enc" TEXT NOT NULL,
ADD COLUMN     "file_name_enc" TEXT NOT NULL,
ALTER COLUMN "encryption_key_id" SET DATA TYPE VARCHAR(32),
ADD CONSTRAINT "medical_record_attachments_pkey" PRIMARY KEY ("tenant_id", "id");

-- CreateIndex
CREATE INDEX "medical_record_attachments_tenant_id_medical_record_id_crea_idx" ON "medical_record_attachments"("tenant_id", "medical_record_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "medical_record_attachments_tenant_id_storage_key_key" ON "medical_record_attachments"("tenant_id", "storage_key");
