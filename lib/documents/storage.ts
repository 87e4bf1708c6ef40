import { readAll } from "@/lib/storage/object-storage";
import { storage } from "@/lib/storage/config";
import { openObject, randomStorageKey, SealedObjectIntegrityError, sealObject, type ObjectBinding } from "@/lib/storage/sealed-object";
import { DocumentIntegrityError } from "./errors";

// A signed PDF at rest: the same per-file data key envelope as attachments (lib/storage/
// sealed-object.ts), bound to the clinic and the document row, under an opaque random key.

const binding = (tenantId: string, documentId: string): ObjectBinding => ({
  tenantId,
  aad: `prontivus:clinical-document:v1:${tenantId}:${documentId}`,
  dataKeyColumn: `clinical_documents.pdf_data_key:${documentId}`,
});

export type StoredPdf = { storageKey: string; sha256: string; sizeBytes: number; dataKeyEnc: string; encryptionKeyId: string };

export async function storePdf(tenantId: string, documentId: string, pdf: Buffer): Promise<StoredPdf> {
  const sealed = sealObject(binding(tenantId, documentId), pdf);
  const storageKey = randomStorageKey();
  await storage().put(storageKey, sealed.object, { contentLength: sealed.object.length });
  return { storageKey, sha256: sealed.sha256, sizeBytes: pdf.length, dataKeyEnc: sealed.dataKeyEnc, encryptionKeyId: sealed.encryptionKeyId };
}

/** Removes an object whose row never committed; failures are logged by key only. */
export async function removeStoredPdf(storageKey: string): Promise<void> {
  try {
    await storage().delete(storageKey);
  } catch (error) {
    console.error("[documents] could not remove the object of a document that was not issued", { storageKey, error });
  }
}

export type PdfRow = { id: string; pdfStorageKey: string; pdfSha256: string; pdfSizeBytes: number; pdfDataKeyEnc: string };

/** The stored PDF's bytes, authenticated and checked against its SHA-256 and size. */
export async function readPdf(tenantId: string, row: PdfRow): Promise<Buffer> {
  const object = await readAll(await storage().get(row.pdfStorageKey));
  let pdf: Buffer;
  try {
    pdf = openObject(binding(tenantId, row.id), row.pdfDataKeyEnc, object, row.pdfSha256);
  } catch (error: unknown) {
    if (error instanceof SealedObjectIntegrityError) throw new DocumentIntegrityError(error.message);
    throw error;
  }
  if (pdf.length !== row.pdfSizeBytes) throw new DocumentIntegrityError("stored document has the wrong size");
  return pdf;
}
