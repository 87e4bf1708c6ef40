import type { ComponentProps } from "react";
import { clsx } from "clsx";

export type LabelProps = ComponentProps<"label"> & {
  /** Shows a visual asterisk; the control's own `required` attribute informs assistive tech. */
  required?: boolean;
};

export function Label({ required, className, children, ...rest }: LabelProps) {
  return (
    <label className={clsx("block text-sm font-medium text-fg", className)} {...rest}>
      {children}
      {required && (
        <span aria-hidden="true" className="ms-0.5 text-danger-fg">
          *
        </span>
      )}
    </label>
  );
}
