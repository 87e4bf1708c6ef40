import type { Context } from "@/lib/context";
import { withTenant } from "@/lib/db/tenant";
import { logClinicalRead, requireClinicalAccessToKnownPatient } from "@/lib/ehr/access";
import { loadDocument } from "./queries";
import { readPdf } from "./storage";

// The signed PDF of a document for download (the chart's button, GET /api/v1/documents/{id}/pdf,
// later the patient portal): the access decision and the data_access_logs row (EXPORT: a copy
// leaves the system) are written with the metadata read; the object is fetched, decrypted and
// checked against its SHA-256 after that transaction. A damaged object throws
// DocumentIntegrityError and is never served.

const FILE_NAMES: Record<string, string> = {
  PRESCRIPTION: "receita", MEDICAL_CERTIFICATE: "atestado", ATTENDANCE_DECLARATION: "declaracao-comparecimento",
  EXAM_REQUEST: "pedido-exames", REFERRAL: "encaminhamento",
};

export async function documentPdf(ctx: Context, documentId: string): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  const row = await withTenant(ctx, async (tx) => {
    const found = await loadDocument(tx, documentId, { pdfStorageKey: true, pdfSha256: true, pdfSizeBytes: true, pdfDataKeyEnc: true })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "not_found") return null;
        throw error;
      });
    if (!found) return null;
    const access = await requireClinicalAccessToKnownPatient(tx, ctx, found.patientId);
    await logClinicalRead(tx, ctx, access, { dataType: "clinical_document_pdf", entityId: found.id, action: "EXPORT" });
    return found;
  });
  if (!row) return null;
  const bytes = await readPdf(ctx.tenantId, row);
  const day = row.signedAt.toISOString().slice(0, 10);
  return { bytes, fileName: `${FILE_NAMES[row.kind] ?? "documento"}-${day}-${row.verificationCode}.pdf` };
}
