import { handle, json } from "@/lib/api/http";
import { requestContextFor } from "@/lib/api/request-context";
import { getDocument } from "@/lib/documents/queries";

// GET /api/v1/documents/:id (Bearer or session) → the document: kind, status, who issued it and
//   when, verification code and URL, what it says (the signed body) and, when cancelled, why.
//   Logged in data_access_logs. No clinical access: 403; another clinic's id: 404.

type Params = { params: Promise<{ id: string }> };

export function GET(request: Request, { params }: Params) {
  return handle(async () => {
    const ctx = await requestContextFor(request, "dashboard:view");
    return json(await getDocument(ctx, (await params).id));
  });
}
