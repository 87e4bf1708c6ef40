import type { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addDays, printDay, type DocumentHeader } from "../header";
import { documentsMessage, pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { certificateInputSchema } from "../schemas";
import type { CertificateBody } from "../types";

// Atestado médico (CFM 1.658/2002 and 1.851/2008): days off from a date. The diagnosis appears
// only when the patient authorised it; the authorisation is part of the signed content and of
// the audit row (as a flag, never the code).

export async function certificateBody(tx: Tx, input: z.output<typeof certificateInputSchema>): Promise<CertificateBody> {
  let cid10: CertificateBody["cid10"] = null;
  if (input.cid10 && input.cid10Consent) {
    const row = await tx.cid10Code.findFirst({ where: { code: input.cid10 }, select: { code: true, description: true } });
    if (!row) {
      const message = documentsMessage("cid10Unknown", { code: input.cid10 });
      throw new AppError("validation", message, { cid10: [message] });
    }
    cid10 = row;
  }
  return { kind: "MEDICAL_CERTIFICATE", startDate: input.startDate, days: input.days, cid10, cid10Consent: input.cid10Consent };
}

export function certificateLines(body: CertificateBody, header: DocumentHeader): Line[] {
  const params = { name: header.patient.name, cpf: header.patient.cpf ?? "", days: body.days, from: printDay(body.startDate), to: printDay(addDays(body.startDate, body.days - 1)) };
  const lines: Line[] = [{ text: pdfText(header.patient.cpf ? "certificate" : "certificateNoCpf", params), size: 11.5, space: 10 }];
  if (body.cid10Consent && body.cid10) lines.push({ text: pdfText("certificateCid", { code: body.cid10.code, description: body.cid10.description }), space: 10 });
  return lines;
}
