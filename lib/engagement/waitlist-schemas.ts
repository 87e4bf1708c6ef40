import { z } from "zod";
import { isoDay } from "@/lib/validation/dates";
import { text } from "@/lib/validation/text";

// Inputs and DTOs of the waitlist; the only waitlist file client code imports.

const localDay = isoDay("Informe a data.");

export const waitlistEntrySchema = z.object({
  patientId: z.uuid("Escolha o paciente."),
  doctorId: z.uuid("Médico inválido.").nullable().or(z.literal("").transform(() => null)).default(null),
  earliest: localDay,
  latest: localDay,
  notes: text().trim().max(300, "No máximo 300 caracteres.").optional().transform((v) => v || null),
}).refine((v) => v.latest >= v.earliest, { path: ["latest"], message: "A data final deve ser igual ou posterior à inicial." });
export type WaitlistEntryInput = z.input<typeof waitlistEntrySchema>;

export type WaitlistStatusDto = "WAITING" | "OFFERED" | "BOOKED" | "CANCELLED" | "EXPIRED";

export type WaitlistRow = {
  id: string;
  patientName: string;
  doctorName: string | null;
  earliest: string;
  latest: string;
  status: WaitlistStatusDto;
  notes: string | null;
  offeredStartsAt: string | null;
  offerExpiresAt: string | null;
  offerNotified: boolean;
  createdAt: string;
};
