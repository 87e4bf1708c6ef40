import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { clsx } from "clsx";
import { LanguageSwitcher } from "./language-switcher";
import { NavList, type NavItem } from "./nav-list";
import { SignOutButton } from "./sign-out-button";
import { RouteFocus } from "./route-focus";

export type { NavItem } from "./nav-list";

/** staff: clinic team; portal: patients; platform: super admins (distinct accent, so nobody mistakes where they are). */
export type ShellVariant = "staff" | "portal" | "platform";

export type AppShellProps = {
  variant: ShellVariant;
  /** Clinic name, or "Prontivus" on the platform. */
  orgName: string;
  /** Short mark shown in the logo square; defaults to the name's initials. */
  logoText?: string;
  user: { name: string; /** Already translated, e.g. t(`roles.${role}`). */ roleLabel: string };
  /** Decided by the caller from the user's role; the shell does no authorization. */
  items: readonly NavItem[];
  children: ReactNode;
};

const accents: Record<ShellVariant, { bar: string; logo: string }> = {
  staff: { bar: "border-t-brand-700", logo: "bg-brand-700" },
  portal: { bar: "border-t-info-fg", logo: "bg-info-fg" },
  platform: { bar: "border-t-amber-500", logo: "bg-slate-800" },
};

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.slice(0, 2).map((word) => word[0]!.toUpperCase()).join("") || "P";
}

export async function AppShell({ variant, orgName, logoText, user, items, children }: AppShellProps) {
  const [tc, tn] = await Promise.all([getTranslations("common"), getTranslations("nav")]);
  const accent = accents[variant];
  const area = variant === "portal" ? tn("portalArea") : variant === "platform" ? tn("platform") : null;

  const brand = (
    <div className="flex min-w-0 items-center gap-3">
      <span
        aria-hidden="true"
        className={clsx("flex size-9 shrink-0 items-center justify-center rounded-md text-sm font-bold text-white", accent.logo)}
      >
        {logoText ?? initials(orgName)}
      </span>
      <span className="min-w-0">
        <span className="block truncate text-sm font-semibold text-fg">{orgName}</span>
        {area && <span className="block text-xs text-fg-muted">{area}</span>}
      </span>
    </div>
  );

  // Rendered in the desktop sidebar and in the mobile menu; CSS shows one at a time,
  // and display:none keeps the hidden copy out of the accessibility tree.
  const panel = (
    <div className="flex flex-1 flex-col gap-6">
      <NavList items={items} label={tc("mainNavigation")} />
      <div className="mt-auto space-y-4 border-t border-border pt-4">
        <p className="text-sm">
          <span className="block font-medium text-fg">{user.name}</span>
          <span className="block text-fg-muted">{user.roleLabel}</span>
        </p>
        <LanguageSwitcher />
        <SignOutButton
          label={tc("signOut")} pendingLabel={tc("signingOut")} className="w-full"
          unsentWarning={tc("unsentDraftsWarning")} discardLabel={tc("discardAndSignOut")} cancelLabel={tc("stayHere")}
        />
      </div>
    </div>
  );

  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow"
      >
        {tc("skipToContent")}
      </a>

      {/* The aside spans the whole page (its background and border reach the bottom of a long
          page); its content stays in view as the page scrolls. */}
      <aside className={clsx("hidden border-t-4 border-r border-border bg-surface md:block md:w-64 md:shrink-0", accent.bar)}>
        <div className="md:sticky md:top-0 md:flex md:h-dvh md:flex-col md:gap-6 md:overflow-y-auto md:p-4">
          {brand}
          {panel}
        </div>
      </aside>

      <header className={clsx("relative flex items-center justify-between gap-3 border-t-4 border-b border-border bg-surface px-4 py-3 md:hidden", accent.bar)}>
        {brand}
        {/* <details> gives a keyboard- and screen-reader-operable menu without client JS. */}
        <details className="group">
          <summary className="list-none rounded-md border border-border-strong px-3 py-1.5 text-sm font-medium text-fg group-open:bg-surface-muted [&::-webkit-details-marker]:hidden">
            {tc("menu")}
          </summary>
          <div className="absolute inset-x-0 top-full z-40 flex border-b border-border bg-surface px-4 py-4 shadow-md">
            {panel}
          </div>
        </details>
      </header>

      <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
        <RouteFocus />
        {children}
      </main>
    </div>
  );
}

type ShellProps = Omit<AppShellProps, "variant">;

export function StaffShell(props: ShellProps) {
  return <AppShell variant="staff" {...props} />;
}

export function PortalShell(props: ShellProps) {
  return <AppShell variant="portal" {...props} />;
}

export function PlatformShell(props: ShellProps) {
  return <AppShell variant="platform" {...props} />;
}
