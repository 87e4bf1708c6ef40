import { handle, json } from "@/lib/api/http";
import { requestContextFor } from "@/lib/api/request-context";
import { AttachmentIntegrityError, integrityFailureBody } from "@/lib/ehr/attachments/errors";
import { contentDisposition } from "@/lib/ehr/attachments/file-name";
import { downloadAttachment } from "@/lib/ehr/attachments/queries";

// GET /api/v1/attachments/:id (Bearer or session) → the file, decrypted and checked against its
// SHA-256; every call leaves a data_access_logs row (EXPORT). Always a download (Content-
// Disposition: attachment), typed from the bytes detected at upload, never sniffed, and under a
// sandbox CSP in case a browser renders it anyway. Another clinic's id: 404; no clinical access: 403.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    const id = (await params).id;
    const file = await downloadAttachment(ctx, id).catch((error: unknown) => {
      if (!(error instanceof AttachmentIntegrityError)) throw error;
      console.error("[attachments] stored object failed its integrity check", { attachmentId: id, reason: error.message });
      return null;
    });
    if (!file) return json(integrityFailureBody(), 500);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        "content-type": file.mimeType,
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
