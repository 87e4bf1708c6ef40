import type { ReactNode } from "react";
import { clsx } from "clsx";

export type AlertTone = "info" | "success" | "warning" | "danger";

const tones: Record<AlertTone, string> = {
  info: "bg-info-bg text-info-fg border-info-border",
  success: "bg-success-bg text-success-fg border-success-border",
  warning: "bg-warning-bg text-warning-fg border-warning-border",
  danger: "bg-danger-bg text-danger-fg border-danger-border",
};

export type AlertProps = {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
};

/**
 * Errors use role="alert" (announced at once, interrupting); other tones use
 * role="status" (polite), so a success notice does not cut off what is being read.
 * Render it when the message appears: live regions announce changes, not content
 * that was already on the page at load.
 */
export function Alert({ tone = "info", title, children, className, id }: AlertProps) {
  return (
    <div
      id={id}
      role={tone === "danger" ? "alert" : "status"}
      className={clsx("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={clsx(title && "mt-1")}>{children}</div>}
    </div>
  );
}
