"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { clsx } from "clsx";

export type NavItem = {
  href: string;
  label: string;
  /** Decorative; the label names the link. */
  icon?: ReactNode;
  /** Set by the caller to force the current item; otherwise derived from the URL. */
  active?: boolean;
};

/** The item whose href is the longest prefix of the path ("/admin/users" beats "/admin"). */
function currentIndex(items: readonly NavItem[], pathname: string): number {
  if (items.some((item) => item.active !== undefined)) return items.findIndex((item) => item.active);
  let best = -1;
  items.forEach((item, index) => {
    const matches =
      pathname === item.href || (item.href !== "/" && pathname.startsWith(`${item.href.replace(/\/$/, "")}/`));
    if (matches && (best < 0 || item.href.length > items[best]!.href.length)) best = index;
  });
  return best;
}

export type NavListProps = { items: readonly NavItem[]; label: string };

export function NavList({ items, label }: NavListProps) {
  // The browser's path (e.g. "/patients" on a tenant host), matching the hrefs callers pass.
  const pathname = usePathname();
  const current = currentIndex(items, pathname);

  return (
    <nav aria-label={label}>
      <ul className="space-y-1">
        {items.map((item, index) => {
          const isCurrent = index === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={clsx(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  isCurrent ? "bg-brand-50 text-brand-800" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
                )}
              >
                {item.icon && (
                  <span aria-hidden="true" className="flex size-5 shrink-0 items-center justify-center">
                    {item.icon}
                  </span>
                )}
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
