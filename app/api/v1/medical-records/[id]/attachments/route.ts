import { handle, json } from "@/lib/api/http";
import { requestContextFor } from "@/lib/api/request-context";
import { listAttachments } from "@/lib/ehr/attachments/queries";
import { uploadAttachment } from "@/lib/ehr/attachments/upload";

// GET  /api/v1/medical-records/:id/attachments (Bearer or session) → { data: Attachment[] };
//      the read is logged in data_access_logs. Secretary and finance: 403; another clinic's: 404.
// POST /api/v1/medical-records/:id/attachments (Bearer or same-origin session; records:write,
//      the record's author, record still a draft): the raw file as the body, its name
//      percent-encoded in X-File-Name → 201 with the attachment. Refusals carry `reason`:
//      empty, too_large (params.maxMegabytes), type_not_allowed, incomplete, record_signed, not_author.

type Params = { params: Promise<{ id: string }> };

// Any staff member passes the door; the clinical access decision (records:read or a
// break-glass grant) is taken inside, with the patient known.
export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    return json({ data: await listAttachments(ctx, (await params).id) });
  });
}

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "records:write");
    const length = request.headers.get("content-length");
    const attachment = await uploadAttachment(ctx, (await params).id, {
      body: request.body,
      declaredLength: length !== null && /^\d+$/.test(length) ? Number(length) : null,
      fileName: decodeFileName(request.headers.get("x-file-name")),
    });
    return json(attachment, 201, { location: attachment.downloadUrl });
  });
}

function decodeFileName(header: string | null): string {
  if (!header) return "";
  try {
    return decodeURIComponent(header);
  } catch {
    return header; // not percent-encoded after all: sanitizeFileName cleans whatever it is
  }
}
