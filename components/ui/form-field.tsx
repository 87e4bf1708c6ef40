import { useId, type ReactNode } from "react";
import { clsx } from "clsx";
import { Label } from "./label";

/** Spread onto the control so its label, hint and error are announced together. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  required: boolean | undefined;
};

export type FormFieldProps = {
  label: ReactNode;
  /** Already-translated message; its presence marks the control invalid. */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  /** Defaults to a generated id; pass one when a test or anchor needs a stable id. */
  id?: string;
  className?: string;
  /**
   * A render function rather than a plain child, so the wiring is explicit and typed:
   * `{(field) => <Input {...field} {...register("email")} />}`.
   */
  children: (control: FieldControlProps) => ReactNode;
};

export function FormField({ label, error, hint, required, id, className, children }: FormFieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={clsx("space-y-1.5", className)}>
      <Label htmlFor={controlId} required={required}>
        {label}
      </Label>
      {children({
        id: controlId,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
        required,
      })}
      {hint && (
        <p id={hintId} className="text-sm text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm font-medium text-danger-fg">
          {error}
        </p>
      )}
    </div>
  );
}
