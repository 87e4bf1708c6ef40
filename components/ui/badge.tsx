import type { ComponentProps } from "react";
import { clsx } from "clsx";

export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger" | "info";

// Each tone pairs a tint with its dark text (>= 4.5:1), and the border keeps the
// shape visible for people who cannot tell the tints apart.
const tones: Record<BadgeTone, string> = {
  neutral: "bg-surface-muted text-slate-700 border-slate-300",
  brand: "bg-brand-50 text-brand-800 border-brand-200",
  success: "bg-success-bg text-success-fg border-success-border",
  warning: "bg-warning-bg text-warning-fg border-warning-border",
  danger: "bg-danger-bg text-danger-fg border-danger-border",
  info: "bg-info-bg text-info-fg border-info-border",
};

export type BadgeProps = ComponentProps<"span"> & { tone?: BadgeTone };

/** A short status label. Its text must carry the meaning; colour only reinforces it. */
export function Badge({ tone = "neutral", className, ...rest }: BadgeProps) {
  return (
    <span
      className={clsx(
        "inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        tones[tone],
        className,
      )}
      {...rest}
    />
  );
}
