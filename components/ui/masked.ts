import type { ChangeEvent } from "react";
import { maskTyping, type MaskKind } from "@/lib/br/masks";

export type { MaskKind };

/** Reformats `input` as typed (lib/br/masks.ts), keeping the caret after the character just typed. */
export function applyMask(kind: MaskKind, input: HTMLInputElement): void {
  const { value, caret } = maskTyping(kind, input.value, input.selectionStart ?? input.value.length);
  if (value === input.value) return;
  input.value = value;
  if (document.activeElement === input) input.setSelectionRange(caret, caret);
}

/**
 * A form registration (react-hook-form's `register(name)`, or any `{ onChange }`) whose input is
 * masked before the form reads it. The form still validates and sends what the field shows; the
 * server parses it to the canonical value.
 */
export function masked<R extends { onChange: (event: ChangeEvent<HTMLInputElement>) => unknown }>(kind: MaskKind, registration: R): R {
  return {
    ...registration,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      applyMask(kind, event.target);
      return registration.onChange(event);
    },
  };
}
