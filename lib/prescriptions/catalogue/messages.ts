import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";
import catalogue from "@/lib/i18n/messages/pt-BR/prescriptionCatalogue.json";

// The catalogue's refusals, written in the default locale when raised; their words live in
// `prescriptionCatalogue.errors` (pt-BR and en), not in code. Schemas carry keys ("q.required");
// these turn them into the messages a form or an API client shows.

type Tree = { [key: string]: string | Tree };

/** The catalogued error `key` ("item.notFound"), or null when there is none. */
export function catalogueMessage(key: string): string | null {
  const value = key.split(".").reduce<string | Tree | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), catalogue.errors as Tree);
  return typeof value === "string" ? value : null;
}

/** A ZodError from a catalogue schema as a validation AppError with its fields in words. */
export function catalogueValidation(error: z.ZodError, summary: string): AppError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    (fields[field] ??= []).push(catalogueMessage(issue.message) ?? issue.message);
  }
  return new AppError("validation", catalogueMessage(summary) ?? summary, fields);
}

export function catalogueError(code: "not_found" | "conflict" | "validation", key: string): AppError {
  return new AppError(code, catalogueMessage(key) ?? key);
}
