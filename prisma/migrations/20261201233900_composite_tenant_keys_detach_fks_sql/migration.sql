-- Composite tenant keys, step 1 of 2 (hand-written; the generated composite_tenant_keys follows).
--
-- Every foreign key between tenant tables is (tenant_id, x_id) → (tenant_id, id), and today it
-- hangs on the referenced table's UNIQUE (tenant_id, id) index. The next migration makes
-- (tenant_id, id) the primary key and drops that now-redundant index, which PostgreSQL refuses
-- while a foreign key depends on it. So the foreign keys are dropped here; the generated
-- migration then sees them missing from the database and adds them back (same names, same
-- columns, same ON DELETE/ON UPDATE) against the new primary keys, after the keys exist.
-- Both migrations run in order on deploy; between them nothing is written.
ALTER TABLE agenda_blocks DROP CONSTRAINT agenda_blocks_tenant_id_agenda_id_fkey;
ALTER TABLE agenda_insurers DROP CONSTRAINT agenda_insurers_tenant_id_agenda_id_fkey;
ALTER TABLE agenda_insurers DROP CONSTRAINT agenda_insurers_tenant_id_insurance_provider_id_fkey;
ALTER TABLE agenda_working_hours DROP CONSTRAINT agenda_working_hours_tenant_id_agenda_id_fkey;
ALTER TABLE agendas DROP CONSTRAINT agendas_tenant_id_room_id_fkey;
ALTER TABLE appointment_reminder_attempts DROP CONSTRAINT appointment_reminder_attempts_tenant_id_reminder_id_fkey;
ALTER TABLE appointment_reminders DROP CONSTRAINT appointment_reminders_tenant_id_appointment_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_agenda_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_insurance_provider_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_patient_id_fkey;
ALTER TABLE appointments DROP CONSTRAINT appointments_tenant_id_room_id_fkey;
ALTER TABLE consents DROP CONSTRAINT consents_tenant_id_patient_id_fkey;
ALTER TABLE financial_transactions DROP CONSTRAINT financial_transactions_tenant_id_appointment_id_fkey;
ALTER TABLE financial_transactions DROP CONSTRAINT financial_transactions_tenant_id_charge_id_fkey;
ALTER TABLE financial_transactions DROP CONSTRAINT financial_transactions_tenant_id_insurance_provider_id_fkey;
ALTER TABLE financial_transactions DROP CONSTRAINT financial_transactions_tenant_id_patient_id_fkey;
ALTER TABLE medical_records DROP CONSTRAINT medical_records_tenant_id_appointment_id_fkey;
ALTER TABLE medical_records DROP CONSTRAINT medical_records_tenant_id_patient_id_fkey;
ALTER TABLE patient_allergies DROP CONSTRAINT patient_allergies_tenant_id_patient_id_fkey;
ALTER TABLE patient_emergency_contacts DROP CONSTRAINT patient_emergency_contacts_tenant_id_patient_id_fkey;
ALTER TABLE patients DROP CONSTRAINT patients_tenant_id_insurance_provider_id_fkey;
ALTER TABLE prescription_items DROP CONSTRAINT prescription_items_tenant_id_prescription_id_fkey;
ALTER TABLE prescriptions DROP CONSTRAINT prescriptions_tenant_id_patient_id_fkey;
ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_tenant_id_session_id_fkey;
ALTER TABLE vital_signs DROP CONSTRAINT vital_signs_tenant_id_patient_id_fkey;
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_tenant_id_patient_id_fkey;
