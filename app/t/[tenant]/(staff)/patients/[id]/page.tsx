import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { AllergiesSection } from "@/components/patients/allergies-section";
import { patientEditHref } from "@/components/patients/links";
import { ArchiveSection, ConsentsSection } from "@/components/patients/record-actions";
import { RecordDetails } from "@/components/patients/record-details";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import {
  addAllergyAction, archivePatientAction, inactivateAllergyAction, setCommunicationConsentsAction,
  setDeniesAllergiesAction, unarchivePatientAction,
} from "../actions";
import { orNotFound } from "@/lib/not-found-page";
import { searchIngredientsAction } from "../../_actions/medications";
import { getPatient } from "@/lib/patients/queries";
import { ClinicalSection } from "./clinical-section";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("patient");

type PageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PatientPage({ params, searchParams }: PageProps) {
  const ctx = await requireStaff("patients:read");
  const [{ id }, query, t] = await Promise.all([params, searchParams, getTranslations("patientRecord")]);
  const patient = await orNotFound(getPatient(ctx, id));
  const canWrite = can(ctx, "patients:write");
  const editable = canWrite && patient.status === "ACTIVE";
  const canRecordAllergies = (canWrite || can(ctx, "records:write")) && patient.status === "ACTIVE";
  return (
    <>
      <PageHeader
        title={patient.socialName ?? patient.fullName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {patient.socialName && <span>{t("civilName", { name: patient.fullName })}</span>}
            {patient.incomplete && <Badge tone="warning">{t("badges.preRegistration")}</Badge>}
            {patient.status === "ARCHIVED" && <Badge tone="neutral">{t("badges.archived")}</Badge>}
          </span>
        }
        actions={editable && (
          <Link href={patientEditHref(patient.id)} className={buttonClasses()}>
            {patient.incomplete ? t("actions.complete") : t("actions.edit")}
          </Link>
        )}
      />
      <div className="space-y-6">
        <RecordDetails patient={patient} />
        <AllergiesSection
          patientId={patient.id} allergies={patient.allergies} deniesAllergies={patient.deniesAllergies}
          canEdit={canRecordAllergies} add={addAllergyAction} inactivate={inactivateAllergyAction} setDenies={setDeniesAllergiesAction}
          searchIngredients={searchIngredientsAction}
        />
        <ClinicalSection ctx={ctx} patientId={patient.id} active={patient.status === "ACTIVE"} searchParams={query} />
        <ConsentsSection patientId={patient.id} value={patient.communication} canEdit={editable} save={setCommunicationConsentsAction} />
        {canWrite && patient.status !== "ANONYMIZED" && (
          <ArchiveSection patientId={patient.id} archived={patient.status === "ARCHIVED"} archive={archivePatientAction} unarchive={unarchivePatientAction} />
        )}
      </div>
    </>
  );
}
