import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "./schemas";

/**
 * Domain functions validate their own input, so server actions, API routes, jobs and tests all
 * get the same field errors (and a bad id is a 400, not a Prisma error).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation", "Revise os campos destacados.", fieldErrorsOf(parsed.error));
  }
  return parsed.data;
}
