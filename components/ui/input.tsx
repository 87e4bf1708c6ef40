import type { ComponentProps } from "react";
import { clsx } from "clsx";
import { controlClasses } from "./control-classes";

export type InputProps = ComponentProps<"input">;

/** A plain <input>; `ref` passes through (React 19), so react-hook-form's register() works. */
export function Input({ className, type = "text", ...rest }: InputProps) {
  return <input type={type} className={controlClasses(clsx("h-10", className))} {...rest} />;
}
