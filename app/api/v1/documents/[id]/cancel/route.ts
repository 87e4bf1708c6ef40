import { handle, json, readJsonBody } from "@/lib/api/http";
import { requestContextFor } from "@/lib/api/request-context";
import { cancelDocumentById } from "@/lib/documents/cancel";

// POST /api/v1/documents/:id/cancel { reason } (Bearer or same-origin session; the document's
//   author) → 200 { id, status: "CANCELLED" }. Another doctor: 403 (reason notAuthor); already
//   cancelled: 409; another clinic's id: 404. The reason is stored sealed; /v/<code> then says CANCELADO.

type Params = { params: Promise<{ id: string }> };

export function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    const body = await readJsonBody(request);
    return json(await cancelDocumentById(ctx, (await params).id, body));
  });
}
