"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { defineColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { useDataTableLabels } from "@/components/data-table/use-data-table-labels";
import type { PatientListItem } from "@/lib/patients/schemas";

type Props = { rows: PatientListItem[]; total: number; pageIndex: number; pageSize: number; search: string };

export function PatientsTable({ rows, total, pageIndex, pageSize, search }: Props) {
  const t = useTranslations("patients");
  const labels = useDataTableLabels();
  const columns = useMemo(() => defineColumns<PatientListItem>((col) => [
    col.accessor("fullName", {
      header: t("columns.name"),
      meta: { rowHeader: true },
      cell: (c) => {
        const p = c.row.original;
        // The social name leads; the civil name stays visible for identification.
        return p.socialName ? <span>{p.socialName} <span className="text-fg-muted">({p.fullName})</span></span> : p.fullName;
      },
    }),
    col.accessor("cpf", { header: t("columns.cpf"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("birthDate", { header: t("columns.birthDate"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("phone", { header: t("columns.phone"), cell: (c) => formatPhone(c.getValue()) }),
    col.accessor("insurance", { header: t("columns.insurance"), cell: (c) => c.getValue() ?? t("noInsurance") }),
  ]), [t]);

  return (
    <DataTable
      columns={columns}
      data={rows}
      rowCount={total}
      pageIndex={pageIndex}
      pageSize={pageSize}
      search={search}
      searchPlaceholder={t("searchPlaceholder")}
      labels={{ ...labels, caption: t("title") }}
      getRowId={(row) => row.id}
      emptyState={t("empty")}
    />
  );
}

function formatPhone(digits: string | null): string {
  if (!digits) return "—";
  const m = /^(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : digits;
}
