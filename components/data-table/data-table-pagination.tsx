"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { buttonClasses } from "../ui/button";
import { PAGE_PARAM, queryHref } from "./url";

export type DataTablePaginationProps = {
  /** One-based. */
  page: number;
  pageCount: number;
  labels: { pagination: string; previousPage: string; nextPage: string; pageOf: (page: number, pageCount: number) => string };
};

export function DataTablePagination({ page, pageCount, labels }: DataTablePaginationProps) {
  const searchParams = useSearchParams();
  // Page 1 is the URL without ?page=, so there is one canonical address per page.
  const href = (target: number) => queryHref(searchParams, { [PAGE_PARAM]: target > 1 ? String(target) : null });

  return (
    <nav aria-label={labels.pagination} className="flex flex-wrap items-center justify-between gap-3">
      <p aria-live="polite" className="text-sm text-fg-muted">
        {labels.pageOf(Math.min(page, pageCount), pageCount)}
      </p>
      <div className="flex gap-2">
        {/* A hand-typed ?page=99 still offers a way back to the last real page. */}
        <PageLink href={page > 1 ? href(Math.min(page - 1, pageCount)) : null} label={labels.previousPage} />
        <PageLink href={page < pageCount ? href(page + 1) : null} label={labels.nextPage} />
      </div>
    </nav>
  );
}

/** Real links rather than buttons: they work before hydration and can open in a new tab. */
function PageLink({ href, label }: { href: string | null; label: string }) {
  const className = buttonClasses({ variant: "secondary", size: "sm" });
  if (!href) {
    return (
      <span aria-disabled="true" className={className}>
        {label}
      </span>
    );
  }
  return (
    <Link href={href} className={className}>
      {label}
    </Link>
  );
}
