import type { z } from "zod";
import type { DocumentHeader } from "../header";
import { pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { referralInputSchema } from "../schemas";
import type { ReferralBody } from "../types";

// Encaminhamento: to a specialty or service (optionally a named professional), the reason and
// the clinical summary the receiving doctor needs.

export function referralBody(input: z.output<typeof referralInputSchema>): ReferralBody {
  return { kind: "REFERRAL", specialty: input.specialty, professional: input.professional, reason: input.reason, clinicalSummary: input.clinicalSummary };
}

export function referralLines(body: ReferralBody, header: DocumentHeader): Line[] {
  const to = body.professional
    ? pdfText("referralToProfessional", { name: header.patient.name, specialty: body.specialty, professional: body.professional })
    : pdfText("referralTo", { name: header.patient.name, specialty: body.specialty });
  return [
    { text: to, size: 11, space: 8 },
    { text: pdfText("referralReason", { text: body.reason }), space: 10 },
    { text: pdfText("referralSummary", { text: body.clinicalSummary }), space: 10 },
  ];
}
