import type { ComponentProps } from "react";
import { clsx } from "clsx";
import { controlClasses } from "./control-classes";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = Omit<ComponentProps<"select">, "children"> & {
  options: readonly SelectOption[];
  /** An empty first option, e.g. "Selecione…"; with `required` it forces a real choice. */
  placeholder?: string;
};

/** A native <select>: keyboard, mobile pickers and screen readers work without extra code. */
export function Select({ options, placeholder, className, ...rest }: SelectProps) {
  return (
    <span className={clsx("relative block", className)}>
      <select className={controlClasses("h-10 appearance-none pe-9")} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className="pointer-events-none absolute inset-y-0 end-3 my-auto size-4 text-fg-muted"
      >
        <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
      </svg>
    </span>
  );
}
