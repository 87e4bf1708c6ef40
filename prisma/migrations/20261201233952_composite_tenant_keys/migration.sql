-- DropIndex
DROP INDEX "agendas_tenant_id_id_key";

-- DropIndex
DROP INDEX "appointment_reminders_tenant_id_id_key";

-- DropIndex
DROP INDEX "appointments_telemedicine_room_key";

-- DropIndex
DROP INDEX "appointments_tenant_id_id_key";

-- DropIndex
DROP INDEX "financial_transactions_tenant_id_id_key";

-- DropIndex
DROP INDEX "insurance_providers_tenant_id_id_key";

-- DropIndex
DROP INDEX "patients_tenant_id_id_key";

-- DropIndex
DROP INDEX "prescriptions_tenant_id_id_key";

-- DropIndex
DROP INDEX "rooms_tenant_id_id_key";

-- DropIndex
DROP INDEX "user_sessions_tenant_id_id_key";

-- DropIndex
DROP INDEX "waitlist_entries_tenant_id_id_key";

-- AlterTable
ALTER TABLE "agenda_blocks" DROP CONSTRAINT "agenda_blocks_pkey",
ADD CONSTRAINT "agenda_blocks_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "agenda_working_hours" DROP CONSTRAINT "agenda_working_hours_pkey",
ADD CONSTRAINT "agenda_working_hours_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "agendas" DROP CONSTRAINT "agendas_pkey",
ADD CONSTRAINT "agendas_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "appointment_reminder_attempts" DROP CONSTRAINT "appointment_reminder_attempts_pkey",
ADD CONSTRAINT "appointment_reminder_attempts_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "appointment_reminders" DROP CONSTRAINT "appointment_reminders_pkey",
ADD CONSTRAINT "appointment_reminders_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_pkey",
ADD CONSTRAINT "appointments_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "audit_log_archives" DROP CONSTRAINT "audit_log_archives_pkey",
ADD CONSTRAINT "audit_log_archives_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "consents" DROP CONSTRAINT "consents_pkey",
ADD CONSTRAINT "consents_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "data_access_logs" DROP CONSTRAINT "data_access_logs_pkey",
ADD CONSTRAINT "data_access_logs_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "financial_transactions" DROP CONSTRAINT "financial_transactions_pkey",
ADD CONSTRAINT "financial_transactions_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_pkey",
ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "insurance_providers" DROP CONSTRAINT "insurance_providers_pkey",
ADD CONSTRAINT "insurance_providers_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "password_reset_tokens_pkey",
ADD CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "patient_allergies" DROP CONSTRAINT "patient_allergies_pkey",
ADD CONSTRAINT "patient_allergies_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "patient_emergency_contacts" DROP CONSTRAINT "patient_emergency_contacts_pkey",
ADD CONSTRAINT "patient_emergency_contacts_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "patients" DROP CONSTRAINT "patients_pkey",
ADD CONSTRAINT "patients_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "prescription_items" DROP CONSTRAINT "prescription_items_pkey",
ADD CONSTRAINT "prescription_items_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "prescriptions" DROP CONSTRAINT "prescriptions_pkey",
ADD CONSTRAINT "prescriptions_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_pkey",
ADD CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "rooms" DROP CONSTRAINT "rooms_pkey",
ADD CONSTRAINT "rooms_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "tenant_invitations" DROP CONSTRAINT "tenant_invitations_pkey",
ADD CONSTRAINT "tenant_invitations_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "tenant_subscriptions" DROP CONSTRAINT "tenant_subscriptions_pkey",
ADD CONSTRAINT "tenant_subscriptions_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "two_factor_tokens" DROP CONSTRAINT "two_factor_tokens_pkey",
ADD CONSTRAINT "two_factor_tokens_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "user_sessions" DROP CONSTRAINT "user_sessions_pkey",
ADD CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("tenant_id", "id");

-- AlterTable
ALTER TABLE "waitlist_entries" DROP CONSTRAINT "waitlist_entries_pkey",
ADD CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "appointments_tenant_id_telemedicine_room_key" ON "appointments"("tenant_id", "telemedicine_room");

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_tenant_id_session_id_fkey" FOREIGN KEY ("tenant_id", "session_id") REFERENCES "user_sessions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patients" ADD CONSTRAINT "patients_tenant_id_insurance_provider_id_fkey" FOREIGN KEY ("tenant_id", "insurance_provider_id") REFERENCES "insurance_providers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_allergies" ADD CONSTRAINT "patient_allergies_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patient_emergency_contacts" ADD CONSTRAINT "patient_emergency_contacts_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consents" ADD CONSTRAINT "consents_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agendas" ADD CONSTRAINT "agendas_tenant_id_room_id_fkey" FOREIGN KEY ("tenant_id", "room_id") REFERENCES "rooms"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_working_hours" ADD CONSTRAINT "agenda_working_hours_tenant_id_agenda_id_fkey" FOREIGN KEY ("tenant_id", "agenda_id") REFERENCES "agendas"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_blocks" ADD CONSTRAINT "agenda_blocks_tenant_id_agenda_id_fkey" FOREIGN KEY ("tenant_id", "agenda_id") REFERENCES "agendas"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_insurers" ADD CONSTRAINT "agenda_insurers_tenant_id_agenda_id_fkey" FOREIGN KEY ("tenant_id", "agenda_id") REFERENCES "agendas"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agenda_insurers" ADD CONSTRAINT "agenda_insurers_tenant_id_insurance_provider_id_fkey" FOREIGN KEY ("tenant_id", "insurance_provider_id") REFERENCES "insurance_providers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_agenda_id_fkey" FOREIGN KEY ("tenant_id", "agenda_id") REFERENCES "agendas"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_room_id_fkey" FOREIGN KEY ("tenant_id", "room_id") REFERENCES "rooms"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tenant_id_insurance_provider_id_fkey" FOREIGN KEY ("tenant_id", "insurance_provider_id") REFERENCES "insurance_providers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment_reminders" ADD CONSTRAINT "appointment_reminders_tenant_id_appointment_id_fkey" FOREIGN KEY ("tenant_id", "appointment_id") REFERENCES "appointments"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment_reminder_attempts" ADD CONSTRAINT "appointment_reminder_attempts_tenant_id_reminder_id_fkey" FOREIGN KEY ("tenant_id", "reminder_id") REFERENCES "appointment_reminders"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_tenant_id_appointment_id_fkey" FOREIGN KEY ("tenant_id", "appointment_id") REFERENCES "appointments"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vital_signs" ADD CONSTRAINT "vital_signs_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prescription_items" ADD CONSTRAINT "prescription_items_tenant_id_prescription_id_fkey" FOREIGN KEY ("tenant_id", "prescription_id") REFERENCES "prescriptions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financial_transactions" ADD CONSTRAINT "financial_transactions_tenant_id_patient_id_fkey" FOREIGN KEY ("tenant_id", "patient_id") REFERENCES "patients"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financial_transactions" ADD CONSTRAINT "financial_transactions_tenant_id_appointment_id_fkey" FOREIGN KEY ("tenant_id", "appointment_id") REFERENCES "appointments"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financial_transactions" ADD CONSTRAINT "financial_transactions_tenant_id_insurance_provider_id_fkey" FOREIGN KEY ("tenant_id", "insurance_provider_id") REFERENCES "insurance_providers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "financial_transactions" ADD CONSTRAINT "financial_transactions_tenant_id_charge_id_fkey" FOREIGN KEY ("tenant_id", "charge_id") REFERENCES "financial_transactions"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
