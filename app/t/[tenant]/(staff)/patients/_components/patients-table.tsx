"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { defineColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { queryHref } from "@/components/data-table/url";
import { useDataTableLabels } from "@/components/data-table/use-data-table-labels";
import { PATIENTS_PATH, patientHref } from "@/components/patients/links";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { formatPhone } from "@/lib/patients/br-input";
import type { PatientListItem, PatientSearchKind } from "@/lib/patients/schemas";

type Props = {
  rows: PatientListItem[]; total: number; pageIndex: number; pageSize: number; search: string;
  kind: PatientSearchKind; archived: boolean; canCreate: boolean;
};

export function PatientsTable({ rows, total, pageIndex, pageSize, search, kind, archived, canCreate }: Props) {
  const t = useTranslations("patients");
  const tr = useTranslations("patientRecord");
  const labels = useDataTableLabels();
  const searchParams = useSearchParams();
  const columns = useMemo(() => defineColumns<PatientListItem>((col) => [
    col.accessor("fullName", {
      header: t("columns.name"),
      meta: { rowHeader: true },
      cell: (c) => {
        const p = c.row.original;
        // The social name leads; the civil name stays visible for identification.
        const name = p.socialName ? <>{p.socialName} <span className="text-fg-muted">({p.fullName})</span></> : p.fullName;
        return (
          <>
            <Link href={patientHref(p.id)} className="hover:underline">{name}</Link>
            {p.incomplete && <> <Badge tone="warning">{tr("badges.preRegistration")}</Badge></>}
          </>
        );
      },
    }),
    col.accessor("cpf", { header: t("columns.cpf"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("birthDate", { header: t("columns.birthDate"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("phone", { header: t("columns.phone"), cell: (c) => formatPhone(c.getValue()) || "—" }),
    col.accessor("insurance", { header: t("columns.insurance"), cell: (c) => c.getValue() ?? t("noInsurance") }),
  ]), [t, tr]);

  const statusHref = (value: string | null) => queryHref(searchParams, { status: value, page: null });
  const empty = kind === "digits" ? tr("list.digitsHint") : t("empty");
  return (
    <DataTable
      columns={columns}
      data={rows}
      rowCount={total}
      pageIndex={pageIndex}
      pageSize={pageSize}
      search={search}
      searchPlaceholder={tr("list.searchPlaceholder")}
      labels={{ ...labels, caption: t("title") }}
      getRowId={(row) => row.id}
      emptyState={empty}
      toolbar={
        <>
          <nav aria-label={tr("list.statusFilter")} className="flex gap-3 text-sm">
            <Link href={statusHref(null)} aria-current={archived ? undefined : "page"} className={archived ? "underline" : "font-semibold"}>{tr("list.active")}</Link>
            <Link href={statusHref("archived")} aria-current={archived ? "page" : undefined} className={archived ? "font-semibold" : "underline"}>{tr("list.archived")}</Link>
          </nav>
          {canCreate && <Link href={`${PATIENTS_PATH}/new`} className={buttonClasses({ size: "sm" })}>{tr("actions.new")}</Link>}
        </>
      }
    />
  );
}
