import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { listPatients } from "@/lib/patients/queries";
import { PatientsTable } from "./_components/patients-table";

export const metadata: Metadata = { title: "Pacientes" };

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireStaff("patients:read");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const [t, result] = await Promise.all([
    getTranslations("patients"),
    listPatients(ctx, { q: one(sp.q), page: one(sp.page) }),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("total", { count: result.total })} />
      <PatientsTable
        rows={result.rows}
        total={result.total}
        pageIndex={result.page - 1}
        pageSize={result.pageSize}
        search={one(sp.q) ?? ""}
      />
    </>
  );
}
