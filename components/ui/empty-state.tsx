import type { ReactNode } from "react";
import { clsx } from "clsx";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Decorative; rendered aria-hidden. */
  icon?: ReactNode;
  /** E.g. a "Novo paciente" link-button. */
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, icon, action, className }: EmptyStateProps) {
  return (
    <div className={clsx("flex flex-col items-center px-6 py-10 text-center", className)}>
      {icon && (
        <div aria-hidden="true" className="mb-3 text-fg-muted">
          {icon}
        </div>
      )}
      <p className="text-base font-medium text-fg">{title}</p>
      {description && <p className="mt-1 max-w-prose text-sm text-fg-muted">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
