import { z } from "zod";
import { SECTION_KEYS, SECTION_MAX, type SectionKey } from "./schemas";
import { text } from "@/lib/validation/text";

// A clinic's note template, as the admin form and the server validate it (client-safe).

const sectionText = text().max(SECTION_MAX, `Use até ${SECTION_MAX} caracteres.`);

export const templateInputSchema = z.object({
  name: text().trim().min(2, "Dê um nome ao modelo.").max(120, "Use até 120 caracteres."),
  specialty: text().trim().max(80, "Use até 80 caracteres.").optional().transform((v) => v || null),
  sections: z.object(Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionText.optional()])) as Record<SectionKey, z.ZodOptional<typeof sectionText>>).strict(),
  active: z.boolean().default(true),
});
export type TemplateInput = z.input<typeof templateInputSchema>;

export type TemplateView = { id: string; name: string; specialty: string | null; active: boolean; sections: Partial<Record<SectionKey, string>> };
