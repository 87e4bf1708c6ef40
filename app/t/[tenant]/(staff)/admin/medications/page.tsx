import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/guards";
import { listClinicMedications } from "@/lib/prescriptions/catalogue/clinic-items";
import { searchIngredientsAction } from "../../_actions/medications";
import { createClinicMedicationAction, setClinicMedicationActiveAction } from "./actions";
import { ClinicMedicationForm } from "./_components/clinic-medication-form";
import { ClinicMedicationList } from "./_components/clinic-medication-list";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("clinicMedications");

/** The clinic's own prescribable items (settings:manage): list, add, deactivate/reactivate. */
export default async function ClinicMedicationsPage() {
  const ctx = await requireStaff("settings:manage");
  const [t, items] = await Promise.all([getTranslations("prescriptionCatalogue.admin"), listClinicMedications(ctx)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("new")} />
          <CardBody><ClinicMedicationForm save={createClinicMedicationAction} searchIngredients={searchIngredientsAction} /></CardBody>
        </Card>
        <ClinicMedicationList items={items} setActive={setClinicMedicationActiveAction} />
      </div>
    </>
  );
}
