import { addDays, printDay } from "../header";
import { pdfText } from "../messages";
import type { Line } from "../pdf/render";
import type { PrescriptionDocumentBody } from "../types";

// How a signed prescription prints (the prescribing domain, lib/prescriptions, hands in the
// body). Special control (Portaria SVS/MS 344/1998, receita de controle especial): two copies,
// issuer block, patient CPF and address, quantity in words, buyer and supplier blocks, valid 30
// days. Antimicrobial (RDC 471/2021): two copies, the first retained by the pharmacy, valid 10
// days. Nothing else is printed: no override of a safety alert, no internal note.

const VALIDITY_DAYS = { SPECIAL_CONTROL: 30, ANTIMICROBIAL: 10 } as const;

/** The last day the prescription may be dispensed: what the body says, never past the legal limit. */
export function prescriptionValidUntil(body: PrescriptionDocumentBody, issuedDay: string): string | null {
  if (body.prescriptionKind === "SIMPLE") return body.validUntil;
  const limit = addDays(issuedDay, VALIDITY_DAYS[body.prescriptionKind]);
  return body.validUntil && body.validUntil < limit ? body.validUntil : limit;
}

export function prescriptionLines(body: PrescriptionDocumentBody, validUntil: string | null): Line[] {
  const lines: Line[] = [];
  for (const item of [...body.items].sort((a, b) => a.position - b.position)) {
    const drug = [item.drugName, item.presentation].filter(Boolean).join(" — ");
    lines.push({ text: pdfText("item", { position: item.position, drug }) + (item.freeText ? ` ${pdfText("freeText")}` : ""), bold: true, space: 8 });
    lines.push({ text: pdfText("itemQuantity", { quantity: item.quantity, unit: item.quantityUnit, words: item.quantityWords }), indent: 14 });
    const use = pdfText("itemUse", { dose: item.dose, doseUnit: item.doseUnit, route: item.route, frequency: item.frequency });
    lines.push({ text: item.duration ? `${use} ${pdfText("itemDuration", { duration: item.duration })}` : use, indent: 14 });
    if (item.instructions) lines.push({ text: item.instructions, indent: 14 });
    if (item.continuousUse) lines.push({ text: pdfText("continuousUse"), indent: 14 });
  }
  if (body.notes) lines.push({ text: pdfText("notes", { notes: body.notes }), space: 10 });
  if (validUntil) {
    const date = printDay(validUntil);
    const key = body.prescriptionKind === "ANTIMICROBIAL" ? "validityAntimicrobial" : body.prescriptionKind === "SPECIAL_CONTROL" ? "validitySpecial" : "validUntil";
    lines.push({ text: pdfText(key, { date }), bold: body.prescriptionKind !== "SIMPLE", space: 10 });
  }
  return lines;
}

export function prescriptionLayout(body: PrescriptionDocumentBody) {
  const copies = body.prescriptionKind === "SIMPLE" ? null
    : [pdfText(`copies.${body.prescriptionKind}.first`), pdfText(`copies.${body.prescriptionKind}.second`)] as [string, string];
  return {
    title: pdfText(`titles.${body.prescriptionKind}`),
    copies,
    controlledBlocks: body.prescriptionKind === "SPECIAL_CONTROL",
    withPatientAddress: body.prescriptionKind === "SPECIAL_CONTROL",
  };
}
