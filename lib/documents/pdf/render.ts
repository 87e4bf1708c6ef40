import QRCode from "qrcode";
import type { PDFDocument, PDFImage } from "pdf-lib";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { DocumentHeader } from "../header";
import { pdfText } from "../messages";
import type { Branding } from "./branding";
import { A4, FOOTER_HEIGHT, GREY, MARGIN, newDocument, PageWriter, toRgb, wrap } from "./writer";

// The printed document: the clinic's header (colours and logo of its branding), the title, the
// copy label when there are two copies, the patient, the kind's own lines, the doctor's
// signature block and, on every page, the footer that CFM 2.299/2021 and the verification need:
// "assinado eletronicamente por … — verifique em <url>", the QR code of that URL and the short
// code. It prints only what it is given: the signed content, nothing else.

export type Line = { text: string; bold?: boolean; size?: number; indent?: number; space?: number };

export type RenderInput = {
  header: DocumentHeader;
  branding: Branding;
  title: string;
  /** Two labels for a two-copy document ("1ª via – farmácia", …), null for one copy. */
  copies: [string, string] | null;
  lines: Line[];
  /** The blocks of the official special-control model: issuer on top, buyer and supplier below. */
  controlledBlocks: boolean;
  /** The patient's address is printed (special control). */
  withPatientAddress: boolean;
  issuedAt: Date;
  timeZone: string;
  verificationCode: string; // formatted
  verificationUrl: string;
};

export async function renderDocument(input: RenderInput): Promise<PDFDocument> {
  const { doc, fonts } = await newDocument();
  const logo = input.branding.logo
    ? input.branding.logo.type === "png" ? await doc.embedPng(input.branding.logo.bytes) : await doc.embedJpg(input.branding.logo.bytes)
    : null;
  let copy: string | null = null;
  const writer = new PageWriter(doc, fonts, (w) => drawHeader(w, input, logo, copy));
  for (const label of input.copies ?? [null]) {
    copy = label;
    writer.addPage();
    drawPatient(writer, input);
    if (input.controlledBlocks) drawIssuer(writer, input.header);
    writer.space(8);
    for (const line of input.lines) {
      if (line.space) writer.space(line.space);
      writer.text(line.text, { bold: line.bold, size: line.size ?? 10.5, indent: line.indent });
    }
    drawSignatureBlock(writer, input);
    if (input.controlledBlocks) drawBuyerSupplier(writer);
  }
  const qr = await doc.embedPng(await QRCode.toBuffer(input.verificationUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, scale: 6 }));
  writer.pages.forEach((page, i) => drawFooter(writer, page, input, qr, i + 1, writer.pages.length));
  doc.setTitle(`${input.title} — ${input.header.clinic.name}`);
  doc.setAuthor(input.header.doctor.name);
  doc.setCreator("Prontivus");
  doc.setProducer("Prontivus (pdf-lib)");
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  return doc;
}

function drawHeader(w: PageWriter, input: RenderInput, logo: PDFImage | null, copy: string | null): void {
  const { clinic } = input.header;
  const primary = toRgb(input.branding.primary);
  w.page.drawRectangle({ x: 0, y: A4.height - 10, width: A4.width, height: 10, color: primary });
  let indent = 0;
  if (logo) {
    const scale = Math.min(56 / logo.width, 56 / logo.height);
    w.page.drawImage(logo, { x: MARGIN, y: w.y - logo.height * scale, width: logo.width * scale, height: logo.height * scale });
    indent = logo.width * scale + 12;
  }
  const top = w.y;
  w.text(clinic.name, { bold: true, size: 15, colour: primary, indent });
  if (clinic.legalName && clinic.legalName !== clinic.name) w.text(clinic.legalName, { size: 8.5, colour: GREY, indent });
  w.text([pdfText("cnpj", { cnpj: clinic.cnpj }), clinic.cnes ? pdfText("cnes", { cnes: clinic.cnes }) : null].filter(Boolean).join(" · "), { size: 8.5, colour: GREY, indent });
  if (clinic.address) w.text(clinic.address, { size: 8.5, colour: GREY, indent });
  if (clinic.phone) w.text(pdfText("phone", { phone: clinic.phone }), { size: 8.5, colour: GREY, indent });
  if (logo) w.y = Math.min(w.y, top - 56);
  w.rule(toRgb(input.branding.accent), 1.2);
  w.space(6);
  w.text(input.title, { bold: true, size: 13, align: "center" });
  if (copy) w.text(copy, { size: 9, align: "center", colour: GREY });
  w.space(6);
}

function drawPatient(w: PageWriter, input: RenderInput): void {
  const { patient } = input.header;
  w.text(pdfText("patient", { name: patient.name }), { bold: true, size: 11 });
  if (patient.cpf) w.text(pdfText("patientCpf", { cpf: patient.cpf }), { size: 10 });
  if (input.withPatientAddress && patient.address) w.text(pdfText("patientAddress", { address: patient.address }), { size: 10 });
  w.text(pdfText("date", { date: formatDate(input.issuedAt, input.timeZone) }), { size: 10 });
}

function drawIssuer(w: PageWriter, header: DocumentHeader): void {
  w.space(6);
  w.text(pdfText("issuer"), { bold: true, size: 9.5 });
  w.text(pdfText("doctorLine", { name: header.doctor.name, crm: header.doctor.crm, uf: header.doctor.crmUf }), { size: 9.5 });
  if (header.clinic.address) w.text(header.clinic.address, { size: 9.5 });
  if (header.clinic.phone) w.text(pdfText("phone", { phone: header.clinic.phone }), { size: 9.5 });
}

function drawSignatureBlock(w: PageWriter, input: RenderInput): void {
  const { doctor, clinic } = input.header;
  w.ensure(90);
  w.space(22);
  const day = formatDate(input.issuedAt, input.timeZone);
  w.text(clinic.city ? pdfText("placeDate", { city: `${clinic.city}${clinic.uf ? `/${clinic.uf}` : ""}`, date: day }) : day, { size: 10, align: "right" });
  w.space(20);
  const x = w.left + w.width / 2;
  w.page.drawLine({ start: { x, y: w.y }, end: { x: w.left + w.width, y: w.y }, thickness: 0.6, color: GREY });
  w.text(doctor.name, { bold: true, size: 10.5, align: "right" });
  w.text(`CRM ${doctor.crm}/${doctor.crmUf}${doctor.rqe ? ` · ${pdfText("rqe", { rqe: doctor.rqe })}` : ""}`, { size: 9.5, align: "right" });
}

function drawBuyerSupplier(w: PageWriter): void {
  const labels = ["name", "id", "issuer", "address", "city", "uf", "phone"].map((k) => pdfText(`buyerFields.${k}`));
  const supplier = ["signature", "date"].map((k) => pdfText(`supplierFields.${k}`));
  w.ensure(labels.length * 15 + 30);
  w.space(14);
  const half = w.width / 2 - 8;
  const top = w.y;
  const column = (x: number, title: string, fields: string[]) => {
    let y = top - 12;
    w.page.drawRectangle({ x, y: top - 14 - fields.length * 15 - 4, width: half, height: fields.length * 15 + 18, borderColor: GREY, borderWidth: 0.6 });
    w.page.drawText(title, { x: x + 6, y, size: 9, font: w.fonts.bold });
    for (const field of fields) {
      y -= 15;
      w.page.drawText(field, { x: x + 6, y, size: 8.5, font: w.fonts.regular });
    }
  };
  column(w.left, pdfText("buyer"), labels);
  column(w.left + half + 16, pdfText("supplier"), supplier);
  w.y = top - 14 - labels.length * 15 - 8;
}

function drawFooter(w: PageWriter, page: PageWriter["page"], input: RenderInput, qr: PDFImage, n: number, total: number): void {
  const { doctor } = input.header;
  const qrSize = 84;
  const top = MARGIN + FOOTER_HEIGHT - 12;
  page.drawLine({ start: { x: MARGIN, y: top + 6 }, end: { x: A4.width - MARGIN, y: top + 6 }, thickness: 0.6, color: GREY });
  const statement = pdfText("signature", {
    name: doctor.name, crm: doctor.crm, uf: doctor.crmUf, date: formatDateTime(input.issuedAt, input.timeZone), url: input.verificationUrl,
  });
  const width = A4.width - 2 * MARGIN - qrSize - 14;
  let y = top - 8;
  for (const line of wrap(statement, w.fonts.regular, 8.5, width)) {
    page.drawText(line, { x: MARGIN, y, size: 8.5, font: w.fonts.regular });
    y -= 11;
  }
  page.drawText(pdfText("code", { code: input.verificationCode }), { x: MARGIN, y: y - 4, size: 10, font: w.fonts.bold });
  page.drawImage(qr, { x: A4.width - MARGIN - qrSize, y: MARGIN + 10, width: qrSize, height: qrSize });
  const code = input.verificationCode;
  const codeWidth = w.fonts.bold.widthOfTextAtSize(code, 8);
  page.drawText(code, { x: A4.width - MARGIN - qrSize / 2 - codeWidth / 2, y: MARGIN, size: 8, font: w.fonts.bold });
  page.drawText(pdfText("page", { page: n, pages: total }), { x: MARGIN, y: MARGIN, size: 8, font: w.fonts.regular, color: GREY });
}
