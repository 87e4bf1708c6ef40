import { handle, json } from "@/lib/api/http";
import { requestContextFor } from "@/lib/api/request-context";
import { contentDisposition } from "@/lib/ehr/attachments/file-name";
import { documentPdf } from "@/lib/documents/pdf-download";
import { DocumentIntegrityError } from "@/lib/documents/errors";
import { documentsMessage } from "@/lib/documents/messages";
import { notFound } from "@/lib/errors";

// GET /api/v1/documents/:id/pdf (Bearer or session) → the signed PDF, decrypted and checked
// against its SHA-256; every call leaves a data_access_logs row (EXPORT). Always a download,
// never sniffed. Another clinic's id: 404; no clinical access: 403.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    const id = (await params).id;
    const file = await documentPdf(ctx, id).catch((error: unknown) => {
      if (!(error instanceof DocumentIntegrityError)) throw error;
      console.error("[documents] stored PDF failed its integrity check", { documentId: id, reason: error.message });
      return "damaged" as const;
    });
    if (file === null) throw notFound("Documento");
    if (file === "damaged") return json({ error: { code: "internal", message: documentsMessage("integrityFailed"), reason: "integrity_failed" } }, 500);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-length": String(file.bytes.length),
        "content-disposition": contentDisposition(file.fileName),
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
        "cross-origin-resource-policy": "same-origin",
        "cache-control": "private, no-store",
        pragma: "no-cache",
      },
    });
  });
}
