import { clsx } from "clsx";

// Shared by Input and Select so both controls look and react identically.
// Border uses border-strong (3.66:1) because a control's edge must meet 3:1 (WCAG 1.4.11).
export function controlClasses(className?: string): string {
  return clsx(
    "block w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-fg",
    "placeholder:text-fg-muted focus-visible:border-focus",
    "disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-fg-muted",
    "aria-invalid:border-danger-fg aria-invalid:bg-danger-bg",
    className,
  );
}
