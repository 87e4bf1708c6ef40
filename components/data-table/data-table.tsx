"use client";

import { useTransition, type ReactNode } from "react";
import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { clsx } from "clsx";
import type { DataTableColumns } from "./columns";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableSearch } from "./data-table-search";

/**
 * Labels arrive already translated (useDataTableLabels supplies the common ones), so
 * the table works in any namespace and does not depend on which messages reached the
 * client. `pageOf` may be a function because callers are client components anyway:
 * their column cells are functions.
 */
export type DataTableLabels = {
  /** Names the table for screen readers (visually hidden caption). */
  caption: string;
  search: string;
  previousPage: string;
  nextPage: string;
  pagination: string;
  noResults: string;
  loading: string;
  pageOf: (page: number, pageCount: number) => string;
};

export type DataTableProps<TData> = {
  columns: DataTableColumns<TData>;
  /** The current page only: the server has already searched and paginated. */
  data: TData[];
  /** Rows matching the search across all pages. */
  rowCount: number;
  /** Zero-based; the URL's `page` is one-based. */
  pageIndex: number;
  pageSize: number;
  /** The search the server applied (the URL's `q`). */
  search?: string;
  /** Omit to hide the search box (short fixed lists such as today's appointments). */
  searchPlaceholder?: string;
  labels: DataTableLabels;
  getRowId?: (row: TData, index: number) => string;
  /** Replaces labels.noResults when there are no rows. */
  emptyState?: ReactNode;
  /** Rendered beside the search box, e.g. a "Novo paciente" link. */
  toolbar?: ReactNode;
};

/**
 * Server-side paginated table: it renders what the page passed in and changes only the
 * URL (?q=, ?page=), which makes the server page query again. The page must read
 * `searchParams`, so it is dynamic and needs no Suspense around useSearchParams.
 */
export function DataTable<TData>({
  columns,
  data,
  rowCount,
  pageIndex,
  pageSize,
  search = "",
  searchPlaceholder,
  labels,
  getRowId,
  emptyState,
  toolbar,
}: DataTableProps<TData>) {
  const [isPending, startTransition] = useTransition();
  // TanStack Table v8 returns unmemoisable functions; the compiler skips this component, which is
  // what we want (the table re-renders from server data only).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    rowCount,
    state: { pagination: { pageIndex, pageSize } },
  });
  const rows = table.getRowModel().rows;
  const pageCount = Math.max(1, Math.ceil(rowCount / Math.max(1, pageSize)));

  return (
    <div className="space-y-3">
      {(searchPlaceholder !== undefined || toolbar) && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          {searchPlaceholder !== undefined && (
            <DataTableSearch
              search={search}
              label={labels.search}
              placeholder={searchPlaceholder}
              loadingLabel={labels.loading}
              isPending={isPending}
              startTransition={startTransition}
            />
          )}
          {toolbar && <div className="flex items-center gap-2">{toolbar}</div>}
        </div>
      )}

      {/* Focusable so keyboard users can scroll a table wider than the screen. */}
      <div
        role="region"
        aria-label={labels.caption}
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-border bg-surface"
      >
        <table aria-busy={isPending || undefined} className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{labels.caption}</caption>
          <thead className="bg-surface-muted text-fg-muted">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                    className={clsx("px-4 py-3 font-medium", header.column.columnDef.meta?.className)}
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className={clsx("divide-y divide-border", isPending && "opacity-60")}>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length} className="px-4 py-10 text-center text-fg-muted">
                  {emptyState ?? labels.noResults}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="hover:bg-canvas">
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const className = clsx("px-4 py-3 align-middle", meta?.className);
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={clsx(className, "font-medium text-fg")}>
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <DataTablePagination page={pageIndex + 1} pageCount={pageCount} labels={labels} />
    </div>
  );
}
