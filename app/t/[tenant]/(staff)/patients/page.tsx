import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { searchPatients } from "@/lib/patients/search";
import { PatientsTable } from "./_components/patients-table";

export const metadata: Metadata = { title: "Pacientes" };

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("patients:read");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const [t, tr, result] = await Promise.all([
    getTranslations("patients"),
    getTranslations("patientRecord"),
    searchPatients(ctx, { q: one(sp.q), page: one(sp.page), status: one(sp.status) === "archived" ? "ARCHIVED" : "ACTIVE" }),
  ]);
  const description = result.capped ? tr("list.moreThan", { count: result.total }) : t("total", { count: result.total });
  return (
    <>
      <PageHeader title={t("title")} description={description} />
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
