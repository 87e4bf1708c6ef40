import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { PatientForm } from "@/components/patients/patient-form";
import { toFormValues } from "@/components/patients/form-values";
import { requireStaff } from "@/lib/auth/guards";
import { listInsurers } from "@/lib/patients/queries";
import { lookupCepAction, updatePatientAction } from "../../actions";
import { orNotFound } from "@/lib/not-found-page";
import { getPatient } from "@/lib/patients/queries";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("editPatient");

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireStaff("patients:write");
  const [{ id }, t] = await Promise.all([params, getTranslations("patientRecord")]);
  const patient = await orNotFound(getPatient(ctx, id));
  // An insurer deactivated since stays selectable for the patient who has it, so saving the
  // form does not drop it silently.
  const insurers = (await listInsurers(ctx, { includeInactive: true }))
    .filter((i) => i.active || i.id === patient.insurance.providerId);
  return (
    <>
      <PageHeader title={patient.incomplete ? t("form.completeTitle") : t("form.editTitle")} description={patient.socialName ?? patient.fullName} />
      <PatientForm insurers={insurers} patientId={patient.id} defaults={toFormValues(patient)} update={updatePatientAction} lookupCep={lookupCepAction} />
    </>
  );
}
