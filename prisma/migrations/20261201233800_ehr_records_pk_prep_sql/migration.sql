-- ── Hand-written (EHR records): make room for medical_records' composite primary key ──
-- The foreign keys that point at medical_records (tenant_id, id) depend on its unique index,
-- which the next (generated) migration replaces by the primary key (tenant_id, id). Drop them
-- here; the generated migration adds them back against the new primary key.
ALTER TABLE "medical_records" DROP CONSTRAINT "medical_records_tenant_id_amends_id_fkey";
ALTER TABLE "medical_record_attachments" DROP CONSTRAINT "medical_record_attachments_tenant_id_medical_record_id_fkey";
ALTER TABLE "vital_signs" DROP CONSTRAINT "vital_signs_tenant_id_medical_record_id_fkey";
ALTER TABLE "prescriptions" DROP CONSTRAINT "prescriptions_tenant_id_medical_record_id_fkey";
