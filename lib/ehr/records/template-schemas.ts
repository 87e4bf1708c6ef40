import { z } from "zod";
import { SECTION_KEYS, SECTION_MAX, type SectionKey } from "./schemas";
import { text } from "@/lib/validation/text";
import { recordsMessage } from "./messages";

// A clinic's note template, as the admin form and the server validate it (client-safe).

const sectionText = text().max(SECTION_MAX, recordsMessage("tooLong", { max: SECTION_MAX }));

export const templateInputSchema = z.object({
  name: text().trim().min(2, recordsMessage("templateNameShort")).max(120, recordsMessage("tooLong", { max: 120 })),
  specialty: text().trim().max(80, recordsMessage("tooLong", { max: 80 })).optional().transform((v) => v || null),
  sections: z.object(Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionText.optional()])) as Record<SectionKey, z.ZodOptional<typeof sectionText>>).strict(),
  active: z.boolean().default(true),
});
export type TemplateInput = z.input<typeof templateInputSchema>;

export type TemplateView = { id: string; name: string; specialty: string | null; active: boolean; sections: Partial<Record<SectionKey, string>> };
