import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { PatientForm } from "@/components/patients/patient-form";
import { PreRegistrationForm } from "@/components/patients/pre-registration-form";
import { requireStaff } from "@/lib/auth/guards";
import { listInsurers } from "@/lib/patients/queries";
import { createPatientAction, lookupCepAction, preRegisterPatientAction } from "../actions";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("newPatient");

// ?modo=rapido shows the quick pre-registration (name and phone) instead of the full form.
export default async function NewPatientPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("patients:write");
  const [sp, t] = await Promise.all([searchParams, getTranslations("patientRecord")]);
  const quick = sp.modo === "rapido";
  const insurers = quick ? [] : await listInsurers(ctx);
  return (
    <>
      <PageHeader
        title={t("form.newTitle")}
        actions={
          <nav aria-label={t("form.modes")} className="flex gap-3 text-sm">
            <Link href="?" aria-current={quick ? undefined : "page"} className={quick ? "underline" : "font-semibold"}>{t("form.fullMode")}</Link>
            <Link href="?modo=rapido" aria-current={quick ? "page" : undefined} className={quick ? "font-semibold" : "underline"}>{t("form.quickMode")}</Link>
          </nav>
        }
      />
      {quick ? <PreRegistrationForm action={preRegisterPatientAction} /> : <PatientForm insurers={insurers} create={createPatientAction} lookupCep={lookupCepAction} />}
    </>
  );
}
