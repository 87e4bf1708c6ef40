import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import type { PatientPage } from "@/lib/patients/schemas";
import { searchPatients } from "@/lib/patients/search";
import { PatientsTable } from "./_components/patients-table";
import { titled } from "@/lib/i18n/page-title";

export const generateMetadata = titled("patients");

type Search = PatientPage | (PatientPage & { refusal: string });

/** Search text that cannot be searched (a NUL byte, say) is shown as the refusal it is, with no rows. */
async function searchOrRefusal(ctx: Parameters<typeof searchPatients>[0], input: Parameters<typeof searchPatients>[1]): Promise<Search> {
  try {
    return await searchPatients(ctx, input);
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation") throw error;
    const refusal = Object.values(error.fields ?? {}).flat()[0] ?? error.message;
    return { rows: [], total: 0, capped: false, page: 1, pageSize: 20, kind: "all", refusal };
  }
}

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("patients:read");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const [t, tr, result] = await Promise.all([
    getTranslations("patients"),
    getTranslations("patientRecord"),
    searchOrRefusal(ctx, { q: one(sp.q), page: one(sp.page), status: one(sp.status) === "archived" ? "ARCHIVED" : "ACTIVE" }),
  ]);
  const refusal = "refusal" in result ? result.refusal : null;
  const description = result.capped ? tr("list.moreThan", { count: result.total }) : t("total", { count: result.total });
  return (
    <>
      <PageHeader title={t("title")} description={description} />
      {refusal && <Alert tone="danger" className="mb-4">{refusal}</Alert>}
      <PatientsTable
        rows={result.rows}
        total={result.total}
        pageIndex={result.page - 1}
        pageSize={result.pageSize}
        search={one(sp.q) ?? ""}
        kind={result.kind}
        archived={one(sp.status) === "archived"}
        canCreate={can(ctx, "patients:write")}
      />
    </>
  );
}
