import { createColumnHelper, type ColumnDef, type ColumnHelper, type RowData } from "@tanstack/react-table";

// Per-column presentation options read by DataTable.
// The type parameters must match TanStack's own declaration to merge with it.
/* eslint-disable @typescript-eslint/no-unused-vars */
declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Render this column's cells as <th scope="row">: the value that names the row (e.g. patient name). */
    rowHeader?: boolean;
    /** Extra classes for the header and body cells, e.g. "text-end" for money. */
    className?: string;
  }
}
/* eslint-enable @typescript-eslint/no-unused-vars */

/**
 * Columns of mixed value types. TanStack's own docs use `any` here: with `unknown`, a
 * ColumnDef<T, string> is not assignable because TValue appears in callback parameters.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumns<TData> = ColumnDef<TData, any>[];

/**
 * Typed column definitions for DataTable, built in the caller's client component.
 * Memoise them so TanStack does not rebuild its column model on every render:
 *
 *   const t = useTranslations("patients");
 *   const columns = useMemo(() => defineColumns<PatientRow>((col) => [
 *     col.accessor("name", { header: t("columns.name"), meta: { rowHeader: true } }),
 *     col.accessor("birthDate", { header: t("columns.birthDate"),
 *       cell: (c) => formatCalendarDate(c.getValue()) }),
 *   ]), [t]);
 */
export function defineColumns<TData>(
  build: (col: ColumnHelper<TData>) => DataTableColumns<TData>,
): DataTableColumns<TData> {
  return build(createColumnHelper<TData>());
}
